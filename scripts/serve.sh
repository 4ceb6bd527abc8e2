#!/usr/bin/env bash
# Quick start: install if needed, then serve on http://127.0.0.1:8000 with the bundled sample data,
# SQLite and the offline generator (set JOBPOST_LLM_BASE_URL / JOBPOST_LLM_API_KEY for a model).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
exec .venv/bin/python server.py
