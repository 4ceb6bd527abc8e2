"""Model tiers with fallback, against real OpenAI-compatible server processes: retries with backoff,
cooldown of a failing endpoint, fallback before the first streamed chunk only, and the errors that
surface when every endpoint fails."""
from __future__ import annotations

import asyncio
import time

import httpx
import openai
import pytest
from langchain_core.messages import AIMessageChunk, HumanMessage, SystemMessage
from langchain_core.outputs import ChatGenerationChunk

from api.routers.generations import model_error
from api.streaming import WRITING_NODES
from llm.models import build_models
from llm.scripted import ScriptedChatModel
from llm.tiered import Endpoint, TieredChatModel, endpoint_label
from tests.support.servers import free_port, openai_server_process

MESSAGES = [SystemMessage("You write job postings."), HumanMessage("백엔드 개발자 공고를 써줘")]


def _settings(settings, large: list[dict], small: list[dict] | None = None, **extra):
    return settings.model_copy(update={"llm_large_endpoints": large, "llm_small_endpoints": small or large,
                                       "llm_max_retries": 1, "llm_retry_backoff_s": 0.01, "llm_cooldown_s": 60,
                                       "llm_timeout_s": 5, **extra})


def _ep(base_url: str, model: str = "scripted-large", key: str = "sk-test-secret") -> dict:
    return {"base_url": base_url, "api_key": key, "model": model}


def _requests(base_url: str) -> list[dict]:
    return httpx.get(base_url.rsplit("/v1", 1)[0] + "/stats").json()["requests"]


def _down() -> str:
    return f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there


def test_single_endpoint_settings_make_one_endpoint_per_tier(settings):
    models = build_models(settings.model_copy(update={"llm_base_url": "http://10.0.0.5:8000/v1", "llm_api_key": "sk-x",
                                                      "llm_small_model": "qwen-small", "llm_large_model": "qwen-large",
                                                      "llm_large_base_url": "http://gpu-1:9000/v1"}))
    assert isinstance(models.large, TieredChatModel) and isinstance(models.small, TieredChatModel)
    assert [e.label for e in models.small.endpoints] == ["10.0.0.5:8000/qwen-small"]
    assert [e.label for e in models.large.endpoints] == ["gpu-1:9000/qwen-large"]
    assert models.name("small") == "qwen-small" and models.name("large") == "qwen-large"


def test_endpoint_labels_never_carry_keys_or_passwords():
    assert endpoint_label("https://user:hunter2@llm.example.com/v1", "m") == "llm.example.com/m"
    assert endpoint_label("", "gpt-4o") == "api.openai.com/gpt-4o"


def test_rate_limited_endpoint_falls_back_and_cools_down(settings):
    with openai_server_process(extra_args=("--fail-status", "429")) as bad, openai_server_process() as good:
        large = build_models(_settings(settings, [_ep(bad), _ep(good)])).large

        async def two_calls():
            return await large.ainvoke(MESSAGES), await large.ainvoke(MESSAGES)

        first, second = asyncio.run(two_calls())
        bad_requests, good_requests = _requests(bad), _requests(good)

    assert "## 주요업무" in str(first.content)
    meta = first.response_metadata
    assert meta["jobpost_endpoint"] == endpoint_label(good, "scripted-large")
    assert meta["jobpost_fallbacks"] == 1 and meta["jobpost_retries"] == 1
    # One try and one retry (llm_max_retries=1) at the rate-limited endpoint, then it cools down:
    # the second call goes straight to the healthy one.
    assert [r["status"] for r in bad_requests] == [429, 429]
    assert len(good_requests) == 2
    assert second.response_metadata["jobpost_fallbacks"] == 0
    assert large.cooling() == [endpoint_label(bad, "scripted-large")]


def test_stream_falls_back_past_a_dead_and_a_failing_endpoint_and_still_streams(settings):
    with openai_server_process(extra_args=("--fail-status", "500")) as failing, \
            openai_server_process(delay=0.05) as good:
        dead = _down()
        large = build_models(_settings(settings, [_ep(dead), _ep(failing), _ep(good)])).large

        async def stream():
            arrivals = []
            async for chunk in large.astream(MESSAGES):
                arrivals.append((time.monotonic(), chunk))
            return arrivals

        arrivals = asyncio.run(stream())
        assert [r["status"] for r in _requests(failing)] == [500, 500]
        assert [r["stream"] for r in _requests(good)] == [True]

    text = "".join(str(c.content) for _, c in arrivals)
    assert "## 자격요건" in text
    # Token by token: many chunks, the first well before the last (the server sleeps 50 ms each).
    assert len(arrivals) > 10 and arrivals[-1][0] - arrivals[0][0] > 0.3
    first_meta = arrivals[0][1].response_metadata
    assert first_meta["jobpost_endpoint"] == endpoint_label(good, "scripted-large")
    assert first_meta["jobpost_fallbacks"] == 2
    assert sorted(large.cooling()) == sorted([endpoint_label(dead, "scripted-large"),
                                              endpoint_label(failing, "scripted-large")])


def test_cooled_endpoint_is_tried_again_after_the_cooldown(settings):
    with openai_server_process(extra_args=("--fail-status", "503", "--fail-first", "2")) as flaky, \
            openai_server_process() as good:
        large = build_models(_settings(settings, [_ep(flaky), _ep(good)])).large
        now = [1000.0]
        large.clock = lambda: now[0]

        async def scenario():
            async def call():
                return (await large.ainvoke(MESSAGES)).response_metadata["jobpost_endpoint"]

            # One event loop for all calls: the client's connection pool belongs to it.
            assert await call() == endpoint_label(good, "scripted-large")  # flaky: 503 twice, cools down
            now[0] += 30
            assert await call() == endpoint_label(good, "scripted-large")  # still cooling: not asked
            assert len(_requests(flaky)) == 2
            now[0] += 31
            assert await call() == endpoint_label(flaky, "scripted-large")  # cooled off, and well again

        asyncio.run(scenario())
        assert [r.get("status") for r in _requests(flaky)] == [503, 503, None]
        assert large.cooling() == []


def test_every_endpoint_failing_surfaces_a_mapped_error(settings):
    with openai_server_process(extra_args=("--fail-status", "500")) as failing:
        large = build_models(_settings(settings, [_ep(_down()), _ep(failing)])).large

        async def twice():
            with pytest.raises(openai.InternalServerError) as info:
                await large.ainvoke(MESSAGES)
            # Both now cool down; a call still tries them (cooling ones last, one attempt each).
            with pytest.raises(openai.APIError):
                await large.ainvoke(MESSAGES)
            return info

        info = asyncio.run(twice())
        assert len(_requests(failing)) == 3  # 2 (with a retry) + 1 (cooling: one attempt)
    err = model_error(info.value)
    assert err is not None and err.status == 502 and err.error == "model_unavailable"
    assert getattr(info.value, "jobpost_endpoint") == endpoint_label(failing, "scripted-large")


def test_a_request_error_does_not_fall_back(settings):
    class BadRequest(ScriptedChatModel):
        async def _agenerate(self, messages, stop=None, run_manager=None, **kwargs):
            self._calls.append(list(messages))
            raise openai.BadRequestError("bad", response=httpx.Response(400, request=httpx.Request("POST", "http://a")),
                                         body=None)

    first, second = BadRequest(), ScriptedChatModel(replies=["ok"])
    model = TieredChatModel(tier="small", endpoints=[Endpoint("a/m", "m", first), Endpoint("b/m", "m", second)],
                            max_retries=2, backoff_s=0)
    with pytest.raises(openai.BadRequestError):
        asyncio.run(model.ainvoke(MESSAGES))
    assert len(first.calls) == 1 and second.calls == [] and model.cooling() == []


def test_no_fallback_once_a_stream_has_yielded():
    class DropsAfterOneChunk(ScriptedChatModel):
        async def _astream(self, messages, stop=None, run_manager=None, **kwargs):
            self._calls.append(list(messages))
            yield ChatGenerationChunk(message=AIMessageChunk(content="# [누리에이아이] "))
            raise openai.APIConnectionError(request=httpx.Request("POST", "http://a/v1/chat/completions"))

    flaky, spare = DropsAfterOneChunk(), ScriptedChatModel(replies=["# 다른 공고"])
    model = TieredChatModel(tier="large", endpoints=[Endpoint("a/m", "m", flaky), Endpoint("b/m", "m", spare)],
                            max_retries=2, backoff_s=0)
    seen: list[str] = []

    async def consume():
        async for chunk in model.astream(MESSAGES):
            seen.append(str(chunk.content))

    with pytest.raises(openai.APIConnectionError):
        asyncio.run(consume())
    # The caller saw the first endpoint's text: no retry, no second endpoint mixed into it.
    assert seen == ["# [누리에이아이] "] and len(flaky.calls) == 1 and spare.calls == []
    assert model.cooling() == ["a/m"]


def test_app_falls_back_and_maps_all_down_to_502(make_client, settings):
    with openai_server_process(extra_args=("--fail-status", "500")) as failing, openai_server_process() as good:
        small = [_ep(failing, "scripted-small"), _ep(good, "scripted-small")]
        large = [_ep(failing), _ep(good)]
        client = make_client(models=None, **_settings(settings, large, small).model_dump(
            include={"llm_large_endpoints", "llm_small_endpoints", "llm_max_retries", "llm_retry_backoff_s",
                     "llm_cooldown_s", "llm_timeout_s"}))
        r = client.post("/generations", json={"company_id": "nuri-ai", "job_code": "1000242", "mode": "custom",
                                              "request": "PyTorch 경험을 강조한 시니어 ML 엔지니어 공고"})
        assert r.status_code == 200, r.text
        tid = r.json()["thread_id"]
        calls = client.get(f"/generations/{tid}/calls").json()["calls"]
        assert calls and all(c["ok"] for c in calls)
        assert {c["endpoint"] for c in calls} <= {endpoint_label(good, "scripted-small"),
                                                   endpoint_label(good, "scripted-large")}
        for tier in ("small", "large"):
            # The tier's first call(s) — calls may run in parallel — found the failing endpoint;
            # a call that starts once it is cooling down skips it.
            fallbacks = [c["fallbacks"] for c in calls if c["tier"] == tier]
            assert fallbacks[0] == 1 and set(fallbacks) <= {0, 1}, calls
        assert [c["fallbacks"] for c in calls if c["tier"] == "small"][-1] == 0
        # Each fallback cost the failing endpoint one try and one retry (llm_max_retries=1).
        assert len(_requests(failing)) == 2 * sum(c["fallbacks"] for c in calls)
        assert {c["node"] for c in calls if c["tier"] == "large"} <= set(WRITING_NODES)
        assert {(c["thread_id"], c["company_id"]) for c in calls} == {(tid, "nuri-ai")}
        assert "sk-test-secret" not in client.get(f"/generations/{tid}/calls").text
        assert "sk-test-secret" not in client.get("/metrics").text

    dead = make_client(models=None, **_settings(settings, [_ep(_down())], [_ep(_down(), "scripted-small")]).model_dump(
        include={"llm_large_endpoints", "llm_small_endpoints", "llm_max_retries", "llm_retry_backoff_s",
                 "llm_timeout_s"}))
    r = dead.post("/generations", json={"company_id": "nuri-ai", "job_code": "1000229", "mode": "custom",
                                        "request": "Go와 Kafka 경험을 강조한 백엔드 공고"})
    assert r.status_code == 502 and r.json()["error"] == "model_unavailable"
