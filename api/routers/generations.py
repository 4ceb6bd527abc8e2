"""Generation routes: start a posting (plain or streamed), list and read a team's threads, review."""
from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid

from fastapi import APIRouter, Query
from langgraph.types import Command
from sse_starlette.sse import EventSourceResponse

from access.keys import Principal
from api.deps import (PrincipalDep, RuntimeDep, ensure_role, ensure_token_budget, record_tokens, require, unknown_thread,
                      usage_tokens, visible_company, visible_thread)
from api.errors import ApiError
from api.runtime import Runtime
from api.schemas import GenerationRequest, ReviewRequest
from api.streaming import guarded_run
from api.views import public_view
from jobs.service import TEMPLATE, tier_of
from core.jobcodes import JOB_CODES
from knowledge.digest import build_digest
from store.model_calls import call_view

router = APIRouter(tags=["generation"])
log = logging.getLogger(__name__)
Writer = require("writer", "공고 생성")

# Which role each review action needs: writers revise drafts; publishing decisions are reviewers'.
REVIEW_ROLES = {"revise": "writer", "approve": "reviewer", "edit": "reviewer", "reject": "reviewer"}


def _config(thread_id: str) -> dict:
    return {"configurable": {"thread_id": thread_id}}


def _check(rt: Runtime, principal: Principal, body: GenerationRequest) -> None:
    visible_company(rt, principal, body.company_id)
    if (job := rt.onboarding.blocks_generation(company_id=body.company_id)) is not None:
        raise ApiError(409, "company_not_ready", f"회사 자료를 처리하는 중입니다 (상태: {job.state}, {job.progress:.0%}). "
                       "GET /companies/{id}/status 가 ready가 되면 다시 시도하세요.", state=job.state, progress=job.progress,
                       job_error=job.error)
    limit = rt.settings.max_request_chars
    if len(body.request) > limit:
        raise ApiError(413, "request_too_long", f"요청이 너무 깁니다: {len(body.request)}자 (최대 {limit}자).")
    if body.mode == "custom" and not body.request.strip():
        raise ApiError(422, "empty_request", "맞춤 생성(mode=custom)에는 요청 내용이 필요합니다.")
    ensure_token_budget(rt, principal)


def _start(rt: Runtime, principal: Principal, body: GenerationRequest) -> str:
    thread_id = uuid.uuid4().hex
    rt.access.claim_thread(thread_id=thread_id, company_id=body.company_id, key_id=principal.key_id)
    rt.access.audit(actor=principal, action="generation.create", company_id=body.company_id, target=thread_id,
                    detail={"job_code": body.job_code, "level": body.level, "mode": body.mode, "language": body.language,
                            "via": "rest"})
    return thread_id


async def _view(rt: Runtime, thread_id: str, snap=None) -> dict:
    """The thread's public view; `snap` is a state snapshot the caller already read."""
    snap = snap if snap is not None else await rt.graph.aget_state(_config(thread_id))
    if not snap or not snap.values:
        raise unknown_thread(thread_id)
    interrupted = any(t.interrupts for t in snap.tasks)
    view = public_view(thread_id, snap.values, interrupted)
    if snap.values.get("route") == "custom" and (wait := rt.access.thread_wait(thread_id=thread_id)):
        view["queue"] = wait  # the wait this run was told before it started, and the wait it had
    return view


def model_error(exc: Exception) -> ApiError | None:
    """A failure of the model backend (unreachable, timed out, refused) as a clear 502."""
    import httpx
    import openai

    if isinstance(exc, (openai.APIConnectionError, openai.APITimeoutError, openai.APIStatusError, httpx.HTTPError)):
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return ApiError(502, "model_unavailable",
                        f"모델 서버 호출에 실패했습니다 (model backend failed): {detail[:200]}")
    return None


async def _run(rt: Runtime, payload, thread_id: str) -> None:
    # Ready drafts take milliseconds: their run is checkpointed once, at the review interrupt,
    # rather than after every step (a run cut off midway is simply asked for again). Custom runs
    # keep a checkpoint per step, so a background job resumes where its worker died.
    durability = "exit" if isinstance(payload, dict) and tier_of(payload) == TEMPLATE else "async"
    try:
        await rt.graph.ainvoke(payload, _config(thread_id), durability=durability)
    except Exception as exc:
        if (err := model_error(exc)) is not None:
            raise err from exc
        raise


async def _thread_values(rt: Runtime, thread_id: str) -> dict:
    snap = await rt.graph.aget_state(_config(thread_id))
    return (snap.values if snap else None) or {}


def _rejected(view: dict) -> ApiError:
    return ApiError(422, "request_rejected", view.get("rejection") or "요청이 거부되었습니다.",
                    classes=view.get("guard_classes"), findings=view.get("findings"), thread_id=view["thread_id"])


@router.post("/generations")
async def start_generation(body: GenerationRequest, rt: RuntimeDep, principal: Principal = Writer):
    """Runs the graph up to the reviewer interrupt and returns the draft with its findings."""
    _check(rt, principal, body)
    thread_id = _start(rt, principal, body)
    ticket = await rt.jobs.acquire(body, thread_id)  # a custom run waits for a slot of its tier (jobs.service)
    started = time.perf_counter()
    rt.metrics.in_flight.inc()
    snap = None
    try:
        await _run(rt, body.model_dump(), thread_id)
    finally:
        await rt.jobs.release(ticket)
        rt.metrics.in_flight.dec()
        # One read of the thread's state serves the token count and the answer.
        snap = await rt.graph.aget_state(_config(thread_id))
        record_tokens(rt, principal, usage_tokens(((snap.values if snap else None) or {}).get("usage")), generations=1)
    view = await _view(rt, thread_id, snap)
    rt.metrics.observe_generation(view.get("route") or "", time.perf_counter() - started, view.get("usage"))
    if view["status"] == "rejected":
        raise _rejected(view)
    return view


@router.post("/generations/stream")
async def stream_generation(body: GenerationRequest, rt: RuntimeDep, principal: Principal = Writer):
    """Server-sent events: `thread` (id), `queue` (a custom run's place in line), `understood` (what was
    read from the request: the rules' reading at once, then the model's), `digest` (for a written
    request: similar jobs' postings to read while waiting), `node` (a step finished), `token` (posting
    text as it is written, held back and cleaned by the stream guard), then `result` (the same body as
    POST /generations) or `error`."""
    _check(rt, principal, body)
    thread_id = _start(rt, principal, body)

    async def events():
        yield {"event": "thread", "data": json.dumps({"thread_id": thread_id})}
        started = time.perf_counter()
        rt.metrics.in_flight.inc()
        digest: asyncio.Task | None = None
        snap = None  # the thread's state once the run is over: one read serves the result and the accounting
        try:
            if body.request.strip():
                # Something to read while a custom posting is written: popular postings of the job,
                # looked up beside the run (not before it) and sent when ready.
                digest = asyncio.create_task(build_digest(rt, job_code=body.job_code, level=body.level, k=3,
                                                          visible=lambda p: p.public or principal.sees(p.company_id)))
            sent_understood: dict | None = None
            async for kind, value in guarded_run(rt.graph, rt.deps, body.model_dump(), _config(thread_id)):
                if kind == "text":
                    yield {"event": "token", "data": json.dumps({"text": value}, ensure_ascii=False)}
                    continue
                # What was read from the request (rules at once, then the model's reading): masked
                # request-side facts, no posting text. Each reading is sent once.
                understood = (value.get("understood") if kind == "progress"
                              else value[1].get("understood") if kind == "update" else None)
                if understood and understood != sent_understood:
                    sent_understood = understood
                    yield {"event": "understood", "data": json.dumps(understood, ensure_ascii=False)}
                if kind != "progress":
                    # Only the step's name: what a step returns is unvalidated until validate_output.
                    node = value[0] if kind == "update" else "__interrupt__"
                    yield {"event": "node", "data": json.dumps({"node": node})}
                if digest is not None and digest.done():
                    yield {"event": "digest", "data": json.dumps(digest.result(), ensure_ascii=False, default=str)}
                    digest = None
            if digest is not None:
                yield {"event": "digest", "data": json.dumps(await digest, ensure_ascii=False, default=str)}
            snap = await rt.graph.aget_state(_config(thread_id))
            yield {"event": "result", "data": json.dumps(await _view(rt, thread_id, snap), ensure_ascii=False, default=str)}
        except Exception as exc:  # the stream has started: report in-band, never a stack trace
            err = model_error(exc)
            if err is None:
                log.exception("stream failed")
                err = ApiError(500, "internal_error", "내부 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.")
            yield {"event": "error", "data": json.dumps({"error": err.error, "message": err.message},
                                                        ensure_ascii=False)}
        finally:
            if digest is not None and not digest.done():
                digest.cancel()
            rt.metrics.in_flight.dec()
            values = (snap.values if snap else None) or await _thread_values(rt, thread_id)
            record_tokens(rt, principal, usage_tokens(values.get("usage")), generations=1)
            rt.metrics.observe_generation(values.get("route") or "", time.perf_counter() - started, values.get("usage"))

    # After `thread`, a custom run gets a `queue` event (position, eta_s) and waits for a slot of its tier.
    return EventSourceResponse(rt.jobs.admitted(body, thread_id, events()))


@router.get("/generations")
async def list_generations(rt: RuntimeDep, principal: Principal = Writer, company_id: str | None = Query(default=None),
                           status: str | None = Query(default=None, max_length=40,
                                                      description="e.g. pending_review (a reviewer's inbox), approved"),
                           limit: int = Query(default=50, ge=1, le=500)):
    """The team's generation threads, newest first (a company or status filter narrows them). A thread
    that never reached review (rejected by the input guard, or still running) shows its graph status."""
    if company_id is not None:
        visible_company(rt, principal, company_id)
        scope: set[str] | None = {company_id}
    else:
        scope = None if principal.is_global else set(principal.companies)
    out: list[dict] = []
    # With a status filter the newest `limit` threads may hold none that match: read on until `limit` match.
    for t in rt.access.list_threads(companies=scope, limit=limit if status is None else 100_000):
        if len(out) >= limit:
            break
        run = rt.repo.get_run(t.thread_id)
        if run is not None:
            state, job_code, level, updated = run.status, run.job_code, run.level, run.updated_at
            route, request = run.route, run.request
        else:
            values = await _thread_values(rt, t.thread_id)
            state = values.get("status") or "in_progress"
            job_code, level, updated = values.get("job_code"), values.get("level"), None
            route, request = values.get("route"), values.get("masked_request")
        if status is not None and state != status:
            continue
        out.append({"thread_id": t.thread_id, "company_id": t.company_id, "created_at": t.created_at,
                    "created_by": t.key_id, "status": state, "job_code": job_code, "level": level, "updated_at": updated,
                    # Enough to tell two threads apart in a list: the route and the (masked) request's start.
                    "route": route, "request": (request or "")[:80]})
    return out


@router.get("/generations/{thread_id}")
async def get_generation(thread_id: str, rt: RuntimeDep, principal: Principal = Writer):
    visible_thread(rt, principal, thread_id)
    return await _view(rt, thread_id)


@router.get("/generations/{thread_id}/calls")
async def generation_calls(thread_id: str, rt: RuntimeDep, principal: Principal = Writer):
    """The thread's model calls, oldest first: node, tier, endpoint (host/model), prompt version,
    tokens (prompt, completion, cached), TTFT, duration, outcome and fallbacks; with totals."""
    visible_thread(rt, principal, thread_id)
    await asyncio.to_thread(rt.call_recorder.flush, 2.0)  # a call that just ended is in the table too
    calls = [call_view(c) for c in await asyncio.to_thread(rt.model_calls.list_for_thread, thread_id=thread_id)]
    totals = {k: sum(int(c[k] or 0) for c in calls) for k in ("prompt_tokens", "completion_tokens", "cached_tokens",
                                                              "fallbacks")}
    totals |= {"calls": len(calls), "errors": sum(1 for c in calls if not c["ok"])}
    return {"thread_id": thread_id, "calls": calls, "totals": totals}


@router.get("/generations/{thread_id}/similar")
async def similar_for_generation(thread_id: str, rt: RuntimeDep, principal: Principal = Writer,
                                 k: int = Query(default=5, ge=1, le=20)):
    """Postings similar to this generation's (its draft, or its request while it is being written)."""
    company_id = visible_thread(rt, principal, thread_id)
    values = await _thread_values(rt, thread_id)
    query = values.get("posting") or values.get("masked_request") or ""
    job_code = values.get("job_code") or ""
    if job_code in JOB_CODES:
        query = f"{JOB_CODES[job_code].name_ko}\n{query}"
    return rt.similar.similar(query=query, company_id=company_id, job_code=job_code, k=k,
                              visible=lambda p: p.public or principal.sees(p.company_id), principal=principal)


@router.post("/generations/{thread_id}/review")
async def review_generation(thread_id: str, body: ReviewRequest, rt: RuntimeDep, principal: PrincipalDep):
    """Resume a thread paused at review: approve, edit (edit and approve), reject — reviewers — or
    revise (save an edited draft, still pending review) — writers too."""
    # The role first: its answer (403) is the same for every thread, so it says nothing about them.
    ensure_role(principal, REVIEW_ROLES[body.action], f"검토 작업 {body.action!r}")  # type: ignore[arg-type]
    company_id = visible_thread(rt, principal, thread_id)
    view = await _view(rt, thread_id)
    if view["status"] != "pending_review":
        raise ApiError(409, "not_pending_review", f"검토 대기 중인 요청이 아닙니다 (상태: {view['status']}).")
    if body.action in ("edit", "revise") and not (body.edited_posting or "").strip():
        raise ApiError(422, "empty_edit", f"action={body.action}에는 edited_posting이 필요합니다.")
    if body.action in ("edit", "revise"):
        ensure_token_budget(rt, principal)  # checking an edit may call the judge model
    before = usage_tokens(view.get("usage"))
    decision = body.model_dump() | {"reviewer": principal.name}
    try:
        await _run(rt, Command(resume=decision), thread_id)
    finally:
        record_tokens(rt, principal, max(0, usage_tokens((await _thread_values(rt, thread_id)).get("usage")) - before))
    after = await _view(rt, thread_id)
    rt.access.audit(actor=principal, action=f"generation.{body.action}", company_id=company_id, target=thread_id,
                    detail={"status": after["status"], "comment": bool(body.comment)})
    return after
