#!/usr/bin/env bash
# Installs what the tests need and runs them (SQLite and the local PostgreSQL server).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
if ! pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  # The machine's PostgreSQL may have been stopped; start it the way the machine does.
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start 2>/dev/null || true
fi
.venv/bin/python -m pytest -q "$@"
