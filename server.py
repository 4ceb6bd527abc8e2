"""Entry point: `python server.py` serves the app on embedded defaults (SQLite, sample data,
offline generator unless a model endpoint is configured)."""
from __future__ import annotations

import logging
import os

import uvicorn

from api.app import create_app

app = create_app()


def main() -> None:
    logging.basicConfig(level=logging.INFO)
    uvicorn.run(app, host=os.environ.get("JOBPOST_HOST", "127.0.0.1"), port=int(os.environ.get("JOBPOST_PORT", "8000")))


if __name__ == "__main__":
    main()
