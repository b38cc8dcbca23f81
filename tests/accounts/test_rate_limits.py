"""Rate limits on sign-in and API writes, in memory and shared through Redis."""

import multiprocessing
import os
import uuid

import pytest

from tests.helpers import assert_error

REDIS_URL = os.environ.get("CONSULT_TEST_REDIS_URL", "")
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def test_sign_in_is_rate_limited_per_address(app, client):
    app.config["CONSULT_RATELIMIT_SIGNIN"] = "5 per minute"
    for _ in range(5):
        assert client.post("/login", data={"email": "x@demo.gia.nl",
                                           "password": "fout"}).status_code == 400
    response = client.post("/login", data={"email": "wethouder@demo.gia.nl",
                                           "password": "demo-gia-2008"})
    assert response.status_code == 429
    assert "Te veel verzoeken" in response.get_data(as_text=True)
    # When to try again: within the minute the limit counts.
    assert 1 <= int(response.headers["Retry-After"]) <= 60


def test_sign_in_is_rate_limited_per_account_from_any_address(app, client):
    app.config["CONSULT_RATELIMIT_SIGNIN_ACCOUNT"] = "3 per hour"
    for n in range(3):
        response = client.post("/login", data={"email": "wethouder@demo.gia.nl",
                                               "password": "fout"},
                               environ_base={"REMOTE_ADDR": f"10.0.0.{n}"})
        assert response.status_code == 400
    response = client.post("/login", data={"email": "wethouder@demo.gia.nl",
                                           "password": "fout"},
                           environ_base={"REMOTE_ADDR": "10.0.0.99"})
    assert response.status_code == 429
    # Another account is not affected.
    assert client.post("/login", data={"email": "gedeputeerde@demo.gia.nl",
                                       "password": "demo-gia-2008"},
                       environ_base={"REMOTE_ADDR": "10.0.0.99"}).status_code == 302


def test_api_writes_are_rate_limited_per_token_and_reads_are_not(app, api):
    app.config["CONSULT_RATELIMIT_API_WRITE"] = "3 per minute"
    writer = api("gemeente")
    for n in range(3):
        assert writer.post("/speerpunten/wonen/comments", json={
            "section": "ambitie", "body": f"Reactie {n}"}).status_code == 201
    refused = writer.post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Eén te veel"})
    error = assert_error(refused, 429, "rate_limited")
    assert error["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    assert writer.get("/speerpunten/wonen/comments").json["total"] == 3
    assert api("provincie").post("/speerpunten/wonen/comments", json={
        "section": "ambitie", "body": "Andere gebruiker"}).status_code == 201


def _sign_in_attempts(database_url, redis_url, count, results):
    from consult import create_app
    from tests.conftest import base_config

    app = create_app({**base_config(database_url), "RATELIMIT_STORAGE_URI": redis_url,
                      "CONSULT_RATELIMIT_SIGNIN": "6 per minute"})
    client = app.test_client()
    statuses = [client.post("/login", data={"email": "x@demo.gia.nl", "password": "fout"},
                            environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code
                for _ in range(count)]
    results.put(statuses)


def test_two_processes_share_one_limit_through_redis(database_url):
    if not REDIS_URL:
        if IN_CI:
            pytest.fail("CI must run the Redis test: set CONSULT_TEST_REDIS_URL")
        pytest.skip("Redis not configured: set CONSULT_TEST_REDIS_URL to run this")
    # A fresh key space per run, so earlier runs do not count.
    redis_url = REDIS_URL
    prefix_run = uuid.uuid4().hex
    context = multiprocessing.get_context("spawn")
    results = context.Queue()
    os.environ["CONSULT_TEST_RATELIMIT_PREFIX"] = prefix_run
    try:
        first = context.Process(target=_sign_in_attempts,
                                args=(database_url, redis_url, 4, results))
        first.start()
        first.join(timeout=120)
        second = context.Process(target=_sign_in_attempts,
                                 args=(database_url, redis_url, 4, results))
        second.start()
        second.join(timeout=120)
    finally:
        os.environ.pop("CONSULT_TEST_RATELIMIT_PREFIX", None)
    statuses = results.get(timeout=10) + results.get(timeout=10)
    # Six attempts are allowed in all, across both processes; the rest are refused.
    assert statuses.count(400) == 6 and statuses.count(429) == 2, statuses
