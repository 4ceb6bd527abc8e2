"""Template route latency, in process (no network): p50/p95 of POST /generations for ready drafts.

    .venv/bin/python -m bench.template_latency [--n 200]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from fastapi.testclient import TestClient

from api.app import create_app
from core.config import Settings
from llm.models import ModelSet

TOKEN = "bench-admin-token-0123456789"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        settings = Settings(database_url=f"sqlite:///{d}/bench.db", llm_base_url="", llm_api_key="", admin_token=TOKEN,
                            rate_limit_rpm=0, rate_limit_tokens_per_day=0, skill_pool_build_at_start=False)
        with TestClient(create_app(settings, ModelSet()), headers={"Authorization": f"Bearer {TOKEN}"}) as c:
            body = {"company_id": "nuri-ai", "job_code": "1000229", "level": "junior"}
            for _ in range(5):
                c.post("/generations", json=body)
            times = []
            for _ in range(args.n):
                t0 = time.perf_counter()
                r = c.post("/generations", json=body)
                times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200 and r.json()["route"] == "template"
    times.sort()
    print(f"template route, {args.n} requests in process (SQLite, offline):")
    print(f"  p50 {statistics.median(times):.1f} ms   p95 {times[int(len(times) * 0.95)]:.1f} ms   max {times[-1]:.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
