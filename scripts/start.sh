#!/usr/bin/env bash
# Sets everything up and starts Consult on SQLite with demo data at http://127.0.0.1:5000
source "$(dirname "$0")/_venv.sh" requirements.txt
# The demo accounts have no authenticator app; the app says so on moderator pages.
export CONSULT_REQUIRE_2FA="${CONSULT_REQUIRE_2FA:-0}"
.venv/bin/flask consult init-db
.venv/bin/flask consult seed --demo
echo
echo "Consult draait op http://127.0.0.1:5000  (stoppen met Ctrl+C)"
exec .venv/bin/flask run --host 127.0.0.1 --port "${PORT:-5000}"
