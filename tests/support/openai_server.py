"""A small OpenAI-compatible chat-completions server with scripted replies, run as its own
process by the tests:  python -m tests.support.openai_server --port 8765 --delay 0.1 [--leaky]

It speaks the wire protocol (JSON and SSE streaming with usage chunks) so the real ChatOpenAI
client is exercised end to end. Replies depend on which prompt file the request came from.
With --leaky the model writes nuri-ai's sensitive-entity registry into the posting and the brief,
and streams in 5-character chunks, so entries are split across chunk boundaries.
With --fail-status 429 (or 500, ...) it answers that error instead, to the first --fail-first N
requests (default: all of them); --cached-tokens N reports N prompt tokens as served from cache.
--ttft S waits S seconds before the first token of every reply (then --delay between chunks)."""
from __future__ import annotations

import argparse
import asyncio
import json
import re
import time

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, StreamingResponse

POSTING = """# [누리에이아이] 시니어 ML 엔지니어

## 회사소개
누리에이아이는 한국어 대화형 AI로 고객센터 업무를 자동화합니다.

## 주요업무
- 오로라 프로젝트의 한국어 LLM 미세조정 파이프라인 설계와 운영
- 모델 평가 자동화 체계 구축

## 자격요건
- 머신러닝 실무 경력 8년 이상
- PyTorch 기반 분산 학습 경험

## 우대사항
- vLLM 등 추론 서빙 경험

## 복리후생
- 자율 출퇴근제, 주 2회 재택근무

## 채용절차
서류전형 → 과제 전형 → 기술 면접 → 컬처핏 면접 → 최종 합격

## 근무조건
- 고용형태: 정규직
- 근무지: 서울 강남구
"""

# Every nuri-ai registry entry and alias (data/sample/companies.json).
LEAKY_POSTING = """# [누리에이아이] 시니어 ML 엔지니어 (Project 오로라)

## 회사소개
누리에이아이는 한국어 대화형 AI로 고객센터 업무를 자동화합니다. 지금은 Project 오로라와 누리챗 2.0 출시를 준비하며 월 매출 12억 원을 넘겼습니다.

## 주요업무
- 오로라 프로젝트(Aurora)의 한국어 LLM 미세조정 파이프라인 설계와 운영
- 주요 고객사 한빛은행 상담 모델의 평가 자동화
- NuriChat 2.0 추론 서버 운영 (gpu-cluster.nuri.internal, 10.20.30.41)

## 자격요건
- 머신러닝 실무 경력 8년 이상
- PyTorch 기반 분산 학습 경험

## 우대사항
- vLLM 등 추론 서빙 경험
- 한빛은행 같은 금융 고객사의 상담 프로젝트 경험

## 복리후생
- 자율 출퇴근제, 주 2회 재택근무

## 채용절차
서류전형 → 과제 전형 → 기술 면접 → 컬처핏 면접 → 최종 합격

## 근무조건
- 고용형태: 정규직
- 근무지: 서울 강남구
"""
LEAKY_BRIEF = "시니어 ML 엔지니어, Project 오로라와 한빛은행 상담 경험, gpu-cluster.nuri.internal(10.20.30.41) 운영 강조."

SECTION_EDIT = "- vLLM 등 추론 서빙 경험\n- Kotlin 기반 서버 개발 경험"
PLAN_UPDATE = json.dumps({"sections": [{"key": "conditions", "instruction": "원격 근무 가능"}], "level": "senior"},
                         ensure_ascii=False)

ENTITIES = json.dumps({"job_title": "ML 엔지니어", "level": "시니어", "years": "8년 이상", "skills": ["PyTorch", "vLLM"],
                       "duties": ["한국어 LLM 미세조정"], "qualifications": [], "preferred": [], "benefits": [],
                       "location": None, "employment_type": "정규직", "salary": None, "talent_profile": [],
                       "hiring_process": []}, ensure_ascii=False)


def reply_for(messages: list[dict], leaky: bool = False) -> str:
    system = str(messages[0].get("content", "")) if messages else ""
    if "compliance reviewer" in system:
        return '{"classes": [], "issues": [], "reason": "ok"}'
    if "route requests" in system:
        return "custom"
    if "understand the request" in system:  # prompts/understand_request: entities and the brief in one reply
        brief = LEAKY_BRIEF if leaky else "시니어 ML 엔지니어, PyTorch와 LLM 미세조정 경험 강조."
        return json.dumps(json.loads(ENTITIES) | {"brief": brief}, ensure_ascii=False)
    if "edit one section" in system:  # prompts/edit_section
        return SECTION_EDIT
    if "plan the update" in system:  # prompts/plan_update
        return PLAN_UPDATE
    if leaky:  # a model that ignores the prompt and writes the whole posting, opening and all
        return LEAKY_POSTING
    # prompts/generate_posting.v2 asks to continue after the streamed opening, from a named heading.
    user = str(messages[-1].get("content", "")) if messages else ""
    start = re.search(r'starting with "(## [^"]+)"', user)
    at = POSTING.find(start.group(1)) if start else -1
    return POSTING[at:] if at >= 0 else POSTING


def make_app(delay: float, leaky: bool = False, fail_status: int = 0, fail_first: int = -1,
             cached_tokens: int = 0, ttft: float = 0.0) -> FastAPI:
    chunk_chars = 5 if leaky else 24
    app = FastAPI()
    app.state.requests = []
    app.state.failed = 0

    @app.get("/v1/models")
    def models():
        return {"object": "list", "data": [{"id": "scripted-large", "object": "model"}]}

    @app.get("/stats")
    def stats():
        return {"requests": app.state.requests}

    @app.post("/v1/chat/completions")
    async def chat(request: Request):
        body = await request.json()
        messages = body.get("messages", [])
        if fail_status and (fail_first < 0 or app.state.failed < fail_first):
            app.state.failed += 1
            app.state.requests.append({"model": body.get("model"), "stream": bool(body.get("stream")),
                                       "status": fail_status})
            return JSONResponse({"error": {"message": f"scripted failure {fail_status}", "type": "server_error",
                                           "code": None}}, status_code=fail_status)
        text = reply_for(messages, leaky)
        app.state.requests.append({"model": body.get("model"), "stream": bool(body.get("stream"))})
        prompt_tokens = sum(len(str(m.get("content", ""))) for m in messages) // 2
        completion_tokens = len(text) // 2
        usage = {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                 "total_tokens": prompt_tokens + completion_tokens}
        if cached_tokens:
            usage["prompt_tokens_details"] = {"cached_tokens": min(cached_tokens, prompt_tokens)}
        created = int(time.time())
        if ttft:
            await asyncio.sleep(ttft)  # time to first token: before the first chunk (or the whole reply)
        if not body.get("stream"):
            return JSONResponse({"id": "chatcmpl-1", "object": "chat.completion", "created": created,
                                 "model": body.get("model"), "usage": usage,
                                 "choices": [{"index": 0, "finish_reason": "stop",
                                              "message": {"role": "assistant", "content": text}}]})

        async def events():
            pieces = [text[i:i + chunk_chars] for i in range(0, len(text), chunk_chars)]
            for i, piece in enumerate(pieces):
                delta = {"content": piece} if i else {"role": "assistant", "content": piece}
                chunk = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": created,
                         "model": body.get("model"), "choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
                yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
                await asyncio.sleep(delay)
            end = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": created, "model": body.get("model"),
                   "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
            yield f"data: {json.dumps(end)}\n\n"
            if (body.get("stream_options") or {}).get("include_usage"):
                u = {"id": "chatcmpl-1", "object": "chat.completion.chunk", "created": created,
                     "model": body.get("model"), "choices": [], "usage": usage}
                yield f"data: {json.dumps(u)}\n\n"
            yield "data: [DONE]\n\n"

        return StreamingResponse(events(), media_type="text/event-stream")

    return app


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--delay", type=float, default=0.0)
    ap.add_argument("--leaky", action="store_true", help="write the registry entries, in 5-character chunks")
    ap.add_argument("--fail-status", type=int, default=0, help="answer this HTTP error status instead")
    ap.add_argument("--fail-first", type=int, default=-1, help="only to the first N requests (default: all)")
    ap.add_argument("--cached-tokens", type=int, default=0, help="report this many prompt tokens as cached")
    ap.add_argument("--ttft", type=float, default=0.0, help="seconds before the first token of each reply")
    args = ap.parse_args()
    uvicorn.run(make_app(args.delay, args.leaky, args.fail_status, args.fail_first, args.cached_tokens, ttft=args.ttft),
                host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
