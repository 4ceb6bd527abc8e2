"""Entry point: `python server.py` serves the app on embedded defaults (SQLite, sample data,
offline generator unless a model endpoint is configured)."""
from __future__ import annotations

import logging
import os

import uvicorn

from access.local_admin import ensure_local_admin
from api.app import create_app

app = create_app()


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    host, port = os.environ.get("JOBPOST_HOST", "127.0.0.1"), int(os.environ.get("JOBPOST_PORT", "8000"))
    runtime = app.state.runtime
    # print, not log: this is the operator's console at start-up, and it never holds the key itself.
    print(ensure_local_admin(runtime.settings, runtime.access, f"http://{host}:{port}"), flush=True)
    uvicorn.run(app, host=host, port=port)


if __name__ == "__main__":
    main()
