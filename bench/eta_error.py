"""ETA error over a burst: 50 concurrent custom jobs against the app with an OpenAI-compatible test
model server (fixed time to first token), predicted wait (given at submission) vs actual wait
(submission to start of the run), per job.

    .venv/bin/python -m bench.eta_error [--n 50] [--ttft 0.4] [--concurrency 4] [--warmup 8]

The warm-up runs a few jobs one after another first, so the wait estimate works from measured
run times rather than the prior (JOBPOST_ETA_PRIOR_RUN_S); --warmup 0 shows the prior's error.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time

import httpx

from api.app import create_app
from bench.support import TOKEN, bench_settings
from tests.support.servers import openai_server_process, serve_app_in_thread

BODY = {"company_id": "nuri-ai", "job_code": "1000229", "level": "senior", "mode": "custom",
        "request": "PyTorch 분산 학습 경험자, 추론 서빙 경험 우대",
        "reuse": False}  # every job writes anew: the exact-match cache would turn a burst into lookups


async def _finish(c: httpx.AsyncClient, job_id: str) -> dict:
    async with c.stream("GET", f"/jobs/{job_id}/events") as resp:
        event = None
        async for line in resp.aiter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and event == "done":
                return json.loads(line.split(":", 1)[1])
    raise RuntimeError(f"job {job_id}: stream ended without done")


async def _run(base: str, n: int, warmup: int) -> tuple[list[dict], dict]:
    async with httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=600) as c:
        for _ in range(warmup):
            r = await c.post("/jobs", json=BODY)
            await _finish(c, r.json()["job_id"])
        before = (await c.get("/load")).json()["tiers"]["large"]
        t0 = time.perf_counter()
        submitted = await asyncio.gather(*[c.post("/jobs", json=BODY) for _ in range(n)])
        jobs = [r.json() for r in submitted]
        assert all(r.status_code == 202 for r in submitted), [r.text for r in submitted if r.status_code != 202][:1]
        done = await asyncio.gather(*[_finish(c, j["job_id"]) for j in jobs])
        print(f"burst of {n} finished in {time.perf_counter() - t0:.1f} s")
        return done, before


def _pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(len(xs) * q))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=50)
    ap.add_argument("--ttft", type=float, default=0.4)
    ap.add_argument("--delay", type=float, default=0.01, help="seconds between streamed chunks")
    ap.add_argument("--concurrency", type=int, default=4)
    ap.add_argument("--warmup", type=int, default=8)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp, \
            openai_server_process(delay=args.delay, extra_args=("--ttft", str(args.ttft))) as llm:
        settings = bench_settings(tmp, llm, queue_concurrency_large=args.concurrency)
        with serve_app_in_thread(create_app(settings)) as base:
            done, before = asyncio.run(_run(base, args.n, args.warmup))
    failed = [d for d in done if d["state"] != "succeeded"]
    pairs = [(d["predicted_wait_s"], d["actual_wait_s"]) for d in done if d["actual_wait_s"] is not None]
    errors = [abs(p - a) for p, a in pairs]
    signed = [p - a for p, a in pairs]
    print(f"model server TTFT {args.ttft} s, concurrency {args.concurrency}, warm-up runs {args.warmup}, "
          f"service time estimate before the burst {before['service_s_ewma']} s ({before['measured_runs']} measured runs)")
    print(f"jobs: {len(done)} ({len(failed)} not succeeded)")
    print(f"actual wait:    mean {statistics.mean(a for _, a in pairs):.2f} s   max {max(a for _, a in pairs):.2f} s")
    print(f"predicted wait: mean {statistics.mean(p for p, _ in pairs):.2f} s   max {max(p for p, _ in pairs):.2f} s")
    print(f"abs error:      mean {statistics.mean(errors):.2f} s   p50 {_pct(errors, 0.5):.2f} s   p90 {_pct(errors, 0.9):.2f} s")
    print(f"signed error (predicted - actual): mean {statistics.mean(signed):+.2f} s")
    big = [a for _, a in pairs if a >= 1.0]
    if big:
        rel = [abs(p - a) / a for p, a in pairs if a >= 1.0]
        print(f"relative error (waits >= 1 s): mean {statistics.mean(rel) * 100:.0f}%   p90 {_pct(rel, 0.9) * 100:.0f}%")


if __name__ == "__main__":
    main()
