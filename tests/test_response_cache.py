"""The exact-match response cache: an identical normalized request reuses the model's posting (no
model call, validated again); anything that changes the answer makes a new key."""
from __future__ import annotations

import asyncio
import json

from api.runtime import Runtime
from authoring.response_cache import normalize_request
from catalog.models import SensitiveEntityRecord
from tests.support.scripted import scripted_models

CLEAN = """# [누리에이아이] 시니어 ML 엔지니어

## 주요업무
- 한국어 LLM 미세조정 파이프라인 운영

## 자격요건
- PyTorch 분산 학습 경험

## 우대사항
- vLLM 경험

## 복리후생
- 주 2회 재택근무

## 채용절차
서류전형 → 기술 면접 → 최종 합격
"""
ASK = "PyTorch와 LLM 미세조정 경험을 강조한 시니어 ML 엔지니어 공고"


def _runs(settings, models, inputs: list[dict]) -> list[dict]:
    async def go():
        rt = Runtime(settings, models)
        await rt.start()
        try:
            outs = []
            for i, body in enumerate(inputs):
                out = await rt.graph.ainvoke(body, {"configurable": {"thread_id": f"cache-{i}"}})
                outs.append(out)
            return outs
        finally:
            await rt.stop()
    return asyncio.run(go())


def _body(request: str, **extra) -> dict:
    return {"company_id": "nuri-ai", "job_code": "1000242", "level": "senior", "mode": "custom", "request": request} | extra


def test_identical_request_reuses_the_posting_without_writing_it_again(settings):
    models = scripted_models(posting=CLEAN)
    first, again = _runs(settings, models, [_body(ASK), _body("  " + ASK.upper() + ". ")])
    written = len(models.large.calls)
    assert first["validation"]["status"] == again["validation"]["status"] != "blocked"
    assert first["usage"]["llm_calls"] >= 2
    # Case, spacing and a trailing full stop do not make a different request: the large model is not
    # called and the request is not read again; only the output judge checks the reused text.
    assert written == 1 and again["usage"]["llm_calls"] == 1
    assert again["posting"] == first["posting"] and again["generator"] == first["generator"]
    assert any("다시 사용" in n for n in again["notices"])

    # reuse=false and a different level are written anew.
    _runs(settings, models, [_body(ASK, reuse=False), _body(ASK, level="mid")])
    assert len(models.large.calls) == 3


def test_a_registry_change_makes_a_new_key(settings):
    models = scripted_models(posting=CLEAN)

    async def go():
        rt = Runtime(settings, models)
        await rt.start()
        try:
            await rt.graph.ainvoke(_body(ASK), {"configurable": {"thread_id": "a"}})
            rt.repo.add_sensitive_entities("nuri-ai", [SensitiveEntityRecord(text="미세조정 플랫폼 X1", category="codename")])
            return await rt.graph.ainvoke(_body(ASK), {"configurable": {"thread_id": "b"}})
        finally:
            await rt.stop()
    assert asyncio.run(go())["usage"]["llm_calls"] >= 2


def test_a_blocked_posting_is_not_kept(settings):
    # The output judge answers nonsense: the posting is blocked (fail closed), and not kept for reuse.
    models = scripted_models(posting=CLEAN, judge=lambda system, user: "not json")
    first, again = _runs(settings, models, [_body(ASK), _body(ASK)])
    assert first["status"] == "blocked"
    assert again["usage"]["llm_calls"] >= 2


def test_normalize_request():
    assert normalize_request("Ａｂｃ  공고를   써줘. ") == normalize_request("abc 공고를 써줘")
    assert normalize_request("백엔드 공고") != normalize_request("프론트엔드 공고")


def test_reuse_over_the_api_streams_the_posting_and_shows_in_load(make_client):
    client = make_client(models=scripted_models(posting=CLEAN))
    first = client.post("/generations", json=_body(ASK))
    assert first.status_code == 200, first.text
    with client.stream("POST", "/generations/stream", json=_body(ASK + "!")) as r:
        lines = list(r.iter_lines())
    events = [ln[6:].strip() for ln in lines if ln.startswith("event:")]
    text = "".join(json.loads(ln[5:])["text"] for ev, ln in zip(events, [x for x in lines if x.startswith("data:")])
                   if ev == "token")
    result = json.loads([x for x in lines if x.startswith("data:")][-1][5:])
    assert events[-1] == "result" and result["status"] == "pending_review"
    assert result["posting"] == first.json()["posting"] and result["usage"].get("llm_calls", 0) == 1  # the output judge
    assert "주요업무" in text  # the reused posting was streamed, through the stream guard
    cache = client.get("/load").json()["response_cache"]
    assert cache["enabled"] and cache["entries"] == 1 and cache["hits"] == 1
