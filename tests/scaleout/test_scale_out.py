"""A short run of scripts/scale_out.py: two gunicorn instances on one PostgreSQL with Redis,
mixed load with accepts racing across instances, then its consistency checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import IN_CI, POSTGRES_URL, _pg_url

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("CONSULT_TEST_REDIS_URL", "")


def test_two_instances_under_mixed_load_lose_nothing_and_share_limits():
    if not (POSTGRES_URL and REDIS_URL):
        if IN_CI:
            pytest.fail("CI must run the scale-out check: set CONSULT_TEST_POSTGRES_URL and "
                        "CONSULT_TEST_REDIS_URL")
        pytest.skip("needs PostgreSQL and Redis: set CONSULT_TEST_POSTGRES_URL and "
                    "CONSULT_TEST_REDIS_URL")
    result = subprocess.run(
        [sys.executable, "scripts/scale_out.py", "--duration", "8", "--workers", "1",
         "--admin-url", _pg_url(POSTGRES_URL), "--redis-url", REDIS_URL],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    summary = json.loads(result.stdout)
    assert summary["failures"] == [] and summary["server_errors"] == []
    # The load did what it claims: writes and racing accepts on both instances.
    assert summary["acknowledged_comments"] > 0 and summary["acknowledged_amendments"] > 0
    assert summary["accepted_amendments"] > 0
