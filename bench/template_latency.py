"""Template route latency, in process: p50/p95 of POST /generations for ready drafts, measured at the
ASGI app (server-side: no network, no client thread) and, for comparison, through Starlette's TestClient.

    .venv/bin/python -m bench.template_latency [--n 200]
"""
from __future__ import annotations

import argparse
import statistics
import tempfile
import time

import httpx
from fastapi.testclient import TestClient

from api.app import create_app
from bench.support import TOKEN, bench_settings
from llm.models import ModelSet

BODY = {"company_id": "nuri-ai", "job_code": "1000229", "level": "junior"}


def _summary(label: str, times: list[float]) -> str:
    times = sorted(times)
    return (f"  {label}: p50 {statistics.median(times):.1f} ms   p95 {times[int(len(times) * 0.95)]:.1f} ms   "
            f"max {times[-1]:.1f} ms")


async def _server_side(app, n: int) -> list[float]:
    times = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench",
                                 headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        for _ in range(n):
            t0 = time.perf_counter()
            r = await c.post("/generations", json=BODY)
            times.append((time.perf_counter() - t0) * 1000)
            assert r.status_code == 200 and r.json()["route"] == "template", r.text
    return times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as d:
        settings = bench_settings(d)
        app = create_app(settings, ModelSet())
        with TestClient(app, headers={"Authorization": f"Bearer {TOKEN}"}) as c:
            for _ in range(5):  # warm-up: the first request of a key may validate its drafts
                c.post("/generations", json=BODY)
            client_times = []
            for _ in range(args.n):
                t0 = time.perf_counter()
                r = c.post("/generations", json=BODY)
                client_times.append((time.perf_counter() - t0) * 1000)
                assert r.status_code == 200 and r.json()["route"] == "template"
            # The same app and event loop the TestClient started, driven directly over ASGI.
            server_times = c.portal.call(_server_side, app, args.n)  # type: ignore[union-attr]
    print(f"template route, {args.n} requests each (SQLite, offline, drafts validated when stored):")
    print(_summary("server-side (ASGI, in process)", server_times))
    print(_summary("through TestClient (adds a thread hop)", client_times))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
