#!/usr/bin/env bash
# Sets everything up and runs the whole test suite. PostgreSQL runs too when
# CONSULT_TEST_POSTGRES_URL names a throw-away database (see README).
source "$(dirname "$0")/_venv.sh" requirements-dev.txt
exec .venv/bin/python -m pytest "$@"
