"""The real ChatOpenAI client against a real OpenAI-compatible server process, through the app
served by uvicorn: tokens must reach the client before generation finishes."""
from __future__ import annotations

import json
import time

import httpx

from api.app import create_app
from access.ratelimit import utc_day
from tests.conftest import ADMIN_HEADERS, ADMIN_TOKEN
from tests.support.servers import openai_server_process, serve_app_in_thread


def test_streaming_over_real_http(settings):
    with openai_server_process(delay=0.08) as base_url:
        app = create_app(settings.model_copy(update={"llm_base_url": base_url, "llm_api_key": "test-key",
                                                     "llm_small_model": "scripted-small",
                                                     "llm_large_model": "scripted-large"}))
        with serve_app_in_thread(app) as url:
            assert httpx.get(f"{url}/health").json()["mode"] == "llm"
            arrivals: list[tuple[float, str, dict]] = []
            payload = {"company_id": "nuri-ai", "job_code": "1000242", "level": "senior",
                       "request": "PyTorch와 LLM 미세조정 경험을 강조한 시니어 ML 엔지니어 공고를 써줘"}
            with httpx.stream("POST", f"{url}/generations/stream", json=payload, headers=ADMIN_HEADERS, timeout=120) as r:
                assert r.status_code == 200
                event = None
                for line in r.iter_lines():
                    if line.startswith("event:"):
                        event = line[6:].strip()
                    elif line.startswith("data:"):
                        arrivals.append((time.monotonic(), event, json.loads(line[5:])))
            stats = httpx.get(base_url.rsplit("/v1", 1)[0] + "/stats").json()["requests"]
            access = app.state.runtime.access
            spent = access.tokens_used(key_id=access.authenticate(secret=ADMIN_TOKEN).key_id, day=utc_day())

    tokens = [(t, d) for t, e, d in arrivals if e == "token"]
    result_time, _, result = next((t, e, d) for t, e, d in arrivals if e == "result")
    assert len(tokens) > 10
    # The posting streams in ~30 chunks 80 ms apart: the first token must arrive well before the end.
    assert result_time - tokens[0][0] > 1.0
    assert result["generator"] == "llm:scripted-large"
    assert result["status"] == "pending_review"
    # The server's posting mentions a codename; it never reaches the reviewer.
    assert "오로라" not in result["posting"]
    assert any(f["rule_id"] == "OUT-SENSITIVE-001" for f in result["findings"])
    # Small tier for intent and understanding the request, large tier streams the posting; usage was reported.
    assert {r["model"] for r in stats} == {"scripted-small", "scripted-large"}
    assert any(r["stream"] and r["model"] == "scripted-large" for r in stats)
    assert result["usage"]["completion_tokens"] > 0 and result["usage"]["llm_calls"] >= 3
    # The tokens the server reported are counted against the caller's key (the daily budget).
    assert spent == result["usage"]["prompt_tokens"] + result["usage"]["completion_tokens"]


def test_unreachable_model_gives_502_and_stores_nothing(make_client):
    from tests.support.servers import free_port

    client = make_client(models=None, llm_base_url=f"http://127.0.0.1:{free_port()}/v1", llm_api_key="k",
                         llm_max_retries=0, llm_timeout_s=5)
    r = client.post("/generations", json={"company_id": "nuri-ai", "job_code": "1000229", "mode": "custom",
                                          "request": "Go와 Kafka 경험을 강조한 백엔드 공고"})
    assert r.status_code == 502 and r.json()["error"] == "model_unavailable"
    assert client.app.state.runtime.repo.list_runs() == []
    with client.stream("POST", "/generations/stream", json={"company_id": "nuri-ai", "job_code": "1000229",
                                                              "mode": "custom", "request": "Kafka 백엔드 공고"}) as s:
        body = "".join(s.iter_text())
    assert "event: error" in body and "model_unavailable" in body
