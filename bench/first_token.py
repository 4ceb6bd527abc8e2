"""First-token overhead on the custom route: how long after the request the client gets (a) the
`understood` progress event, (b) the first posting token, (c) the first token the large model wrote,
compared with the model server's own time to first token (TTFT), measured by a direct streaming
call to the same server.

    .venv/bin/python -m bench.first_token [--ttft 0.4] [--delay 0.02] [--n 10]

The model is tests/support/openai_server.py (an OpenAI-compatible process, real HTTP, fixed TTFT
before every reply's first chunk). Each request is different and sent with reuse=false, so the
exact-match cache plays no part. (b) is the opening (title and company introduction from the
pre-extracted profile), streamed while the request is understood; (c) comes after one small-model
call (reading the request: its own TTFT) and retrieval, so it is about two TTFTs, and is printed
as it is.
"""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time

import httpx

from api.app import create_app
from bench.support import TOKEN, bench_settings
from tests.support.servers import openai_server_process, serve_app_in_thread

ASKS = ["PyTorch 분산 학습 경험자", "추론 서빙 경험을 강조", "LLM 평가 자동화 경험 우대", "한국어 NLP 연구 경력",
        "vLLM 운영 경험", "데이터 파이프라인 구축 경험", "모델 경량화 경험 우대", "협업과 코드 리뷰 문화 강조",
        "논문 게재 경험 우대", "GPU 클러스터 운영 경험", "RAG 시스템 구축 경험", "MLOps 도구 경험"]


def model_ttft(base_url: str) -> float:
    """The server's own TTFT as a client sees it: a direct streaming chat call, to the first content."""
    body = {"model": "scripted-large", "stream": True,
            "messages": [{"role": "system", "content": "You write job postings"}, {"role": "user", "content": "x"}]}
    start = time.perf_counter()
    with httpx.stream("POST", f"{base_url}/chat/completions", json=body, timeout=30,
                      headers={"Authorization": "Bearer bench"}) as r:
        for line in r.iter_lines():
            if line.startswith("data:") and '"content"' in line:
                return time.perf_counter() - start
    raise RuntimeError("no content from the model server")


def one_run(client: httpx.Client, url: str, ask: str) -> dict[str, float]:
    body = {"company_id": "nuri-ai", "job_code": "1000242", "level": "senior", "mode": "custom",
            "request": f"{ask} 시니어 ML 엔지니어 공고", "reuse": False}
    marks: dict[str, float] = {}
    text = ""
    start = time.perf_counter()
    with client.stream("POST", f"{url}/generations/stream", json=body) as r:
        r.raise_for_status()
        event = None
        for line in r.iter_lines():
            now = time.perf_counter() - start
            if line.startswith("event:"):
                event = line[6:].strip()
                continue
            if not line.startswith("data:"):
                continue
            if event == "understood":
                marks.setdefault("understood", now)
            elif event == "token":
                marks.setdefault("first_token", now)
                text += json.loads(line[5:])["text"]
                # The model continues after the opening, starting at the first section it writes.
                if "## 주요업무" in text:
                    marks.setdefault("first_model_token", now)
            elif event == "result":
                marks["result"] = now
    return marks


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ttft", type=float, default=0.4, help="the model server's time to first token, seconds")
    ap.add_argument("--delay", type=float, default=0.02, help="seconds between streamed chunks")
    ap.add_argument("--n", type=int, default=10)
    args = ap.parse_args(argv)
    with openai_server_process(delay=args.delay, extra_args=("--ttft", str(args.ttft))) as llm, \
            tempfile.TemporaryDirectory() as tmp:
        ttfts = [model_ttft(llm) for _ in range(5)]
        settings = bench_settings(tmp, llm)
        # One keep-alive client, as a browser holds its connection: a new TCP connection per request
        # would add the client's own connection setup to every figure.
        with serve_app_in_thread(create_app(settings)) as url, \
                httpx.Client(headers={"Authorization": f"Bearer {TOKEN}"}, timeout=120) as client:
            one_run(client, url, "워밍업")  # first-use costs (Kiwi, indexes) are not per-request
            runs = [one_run(client, url, ASKS[i % len(ASKS)] + f" {i}") for i in range(args.n)]

    ttft = statistics.median(ttfts)
    print(f"model server TTFT (direct streaming call, median of 5): {ttft * 1000:.0f} ms   (set: {args.ttft * 1000:.0f} ms)")
    print(f"custom route, {args.n} requests, one at a time (ms after the request was sent):")
    for key, label in (("understood", "`understood` progress event"), ("first_token", "first posting token (opening)"),
                       ("first_model_token", "first token the large model wrote"), ("result", "result (checked posting)")):
        values = [r[key] for r in runs if key in r]
        if not values:
            print(f"  {label:<38} never arrived")
            continue
        med = statistics.median(values)
        print(f"  {label:<38} p50 {med * 1000:6.0f}   max {max(values) * 1000:6.0f}"
              + (f"   overhead over model TTFT: {(med - ttft) * 1000:+.0f}" if key in ("first_token", "first_model_token")
                 else ""))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
