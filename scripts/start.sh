#!/usr/bin/env bash
# Sets everything up and starts Consult on SQLite with demo data at http://127.0.0.1:5000
source "$(dirname "$0")/_venv.sh" requirements.txt
.venv/bin/flask consult init-db
.venv/bin/flask consult seed --demo
echo
echo "Consult draait op http://127.0.0.1:5000  (stoppen met Ctrl+C)"
exec .venv/bin/flask run --host 127.0.0.1 --port "${PORT:-5000}"
