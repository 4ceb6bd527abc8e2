"""Throughput and latency under load: mixed requests (ready drafts and custom postings) at a fixed
concurrency against the app served by uvicorn in its own process, without a model (offline
composer) and with one (tests/support/openai_server.py: real HTTP, fixed TTFT, chunked stream).

    .venv/bin/python -m bench.throughput [--n 200] [--concurrency 20] [--ttft 0.4] [--delay 0.02]
                                         [--only offline|model]

Every request is POST /generations (the whole run, to the review interrupt). Half are template
requests over the sample companies, job codes and levels; half are custom requests, each worded
differently, so the exact-match cache plays no part. With a model, custom runs are admitted
through the large tier's queue (JOBPOST_QUEUE_CONCURRENCY_LARGE, default 4): the queue, not the
app, bounds their throughput, as it is meant to protect the model server.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager

import httpx

from bench.support import TOKEN
from core.config import REPO_ROOT
from tests.support.servers import free_port, openai_server_process, wait_http

TEMPLATES = [("nuri-ai", "1000229"), ("nuri-ai", "1000242"), ("chorok-foods", "1000210"), ("mirae-logis", "1000230"),
             ("solbit-cosmetics", "1000230"), ("hanseong-electronics", "1000242")]
LEVELS = ["junior", "mid", "senior"]
ASKS = ["협업과 코드 리뷰를 강조", "데이터 기반 의사결정 경험 우대", "빠른 실험과 배포 문화", "고객 관점의 문제 해결",
        "문서화 습관을 중시", "새 서비스 출시 경험 우대", "자동화 경험 강조", "온보딩 프로그램 소개 포함"]


@contextmanager
def app_process(tmp: str, llm: str | None):
    port = free_port()
    env = os.environ | {"JOBPOST_DATABASE_URL": f"sqlite:///{tmp}/bench.db", "JOBPOST_ADMIN_TOKEN": TOKEN,
                        "JOBPOST_RATE_LIMIT_RPM": "0", "JOBPOST_RATE_LIMIT_TOKENS_PER_DAY": "0",
                        "JOBPOST_SKILL_POOL_BUILD_AT_START": "false", "JOBPOST_LLM_BASE_URL": llm or "",
                        "JOBPOST_LLM_API_KEY": "bench" if llm else "", "JOBPOST_LLM_SMALL_MODEL": "scripted-small",
                        "JOBPOST_LLM_LARGE_MODEL": "scripted-large"}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "server:app", "--port", str(port), "--log-level", "warning"],
                            cwd=REPO_ROOT, env=env)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", timeout=120)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def requests(n: int) -> list[dict]:
    out = []
    for i in range(n):
        company, job = TEMPLATES[i % len(TEMPLATES)]
        level = LEVELS[(i // len(TEMPLATES)) % len(LEVELS)]
        if i % 2:
            out.append({"company_id": company, "job_code": job, "level": level, "mode": "custom",
                        "request": f"{ASKS[i % len(ASKS)]} 공고를 써줘 (#{i})"})
        else:
            out.append({"company_id": company, "job_code": job, "level": level})
    return out


async def burst(url: str, bodies: list[dict], concurrency: int) -> tuple[float, list[tuple[str, float, int]]]:
    gate = asyncio.Semaphore(concurrency)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=600,
                                 limits=limits) as c:
        async def one(body: dict) -> tuple[str, float, int]:
            async with gate:
                t = time.perf_counter()
                r = await c.post("/generations", json=body)
                return ("custom" if body.get("mode") == "custom" else "template"), time.perf_counter() - t, r.status_code
        # Warm-up outside the clock: drafts for every template key are written once, on first use.
        await asyncio.gather(*(one(b) for b in bodies if b.get("mode") != "custom"))
        start = time.perf_counter()
        results = await asyncio.gather(*(one(b) for b in bodies))
        return time.perf_counter() - start, results


def pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def report(label: str, elapsed: float, results: list[tuple[str, float, int]]) -> None:
    ok = [r for r in results if r[2] == 200]
    print(f"{label}: {len(results)} requests in {elapsed:.1f} s = {len(results) / elapsed:.1f} requests/s"
          f"   ({len(results) - len(ok)} not 200)")
    for kind in ("all", "template", "custom"):
        xs = [d for k, d, _ in ok if kind == "all" or k == kind]
        if xs:
            print(f"  {kind:<9} n={len(xs):<4} p50 {statistics.median(xs) * 1000:7.0f} ms   "
                  f"p99 {pct(xs, 0.99) * 1000:7.0f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--concurrency", type=int, default=20)
    ap.add_argument("--ttft", type=float, default=0.4)
    ap.add_argument("--delay", type=float, default=0.02)
    ap.add_argument("--only", choices=["offline", "model"])
    args = ap.parse_args(argv)
    bodies = requests(args.n)
    if args.only != "model":
        with tempfile.TemporaryDirectory() as tmp, app_process(tmp, None) as url:
            elapsed, results = asyncio.run(burst(url, bodies, args.concurrency))
        report(f"without a model (offline composer), concurrency {args.concurrency}", elapsed, results)
    if args.only != "offline":
        with openai_server_process(delay=args.delay, extra_args=("--ttft", str(args.ttft))) as llm, \
                tempfile.TemporaryDirectory() as tmp, app_process(tmp, llm) as url:
            elapsed, results = asyncio.run(burst(url, bodies, args.concurrency))
        report(f"with a model (TTFT {args.ttft * 1000:.0f} ms, {args.delay * 1000:.0f} ms/chunk), "
               f"concurrency {args.concurrency}", elapsed, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
