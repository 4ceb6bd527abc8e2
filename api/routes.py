"""REST endpoints: catalog, starting a generation (plain or streamed), reading and reviewing a thread."""
from __future__ import annotations

import json
import logging
import uuid

from fastapi import APIRouter, Query, Request
from langgraph.types import Command
from sse_starlette.sse import EventSourceResponse

from api.errors import ApiError
from api.schemas import GenerationRequest, ReviewRequest, SensitiveEntityIn
from api.streaming import guarded_run
from api.views import public_view
from catalog.models import SensitiveEntityRecord
from core.jobcodes import JOB_CODES
from core.levels import LEVELS
from guards.entity_proposer import propose_entities

router = APIRouter()
log = logging.getLogger(__name__)


def _rt(request: Request):
    return request.app.state.runtime


def _config(thread_id: str) -> dict:
    return {"configurable": {"thread_id": thread_id}}


def _company_or_404(rt, company_id: str):
    company = rt.repo.get_company(company_id)
    if company is None:
        raise ApiError(404, "unknown_company", f"회사를 찾을 수 없습니다: {company_id!r}")
    return company


def _check(rt, body: GenerationRequest) -> None:
    _company_or_404(rt, body.company_id)
    limit = rt.settings.max_request_chars
    if len(body.request) > limit:
        raise ApiError(413, "request_too_long", f"요청이 너무 깁니다: {len(body.request)}자 (최대 {limit}자).")
    if body.mode == "custom" and not body.request.strip():
        raise ApiError(422, "empty_request", "맞춤 생성(mode=custom)에는 요청 내용이 필요합니다.")


async def _view(rt, thread_id: str) -> dict:
    snap = await rt.graph.aget_state(_config(thread_id))
    if not snap or not snap.values:
        raise ApiError(404, "unknown_thread", f"생성 요청을 찾을 수 없습니다: {thread_id!r}")
    interrupted = any(t.interrupts for t in snap.tasks)
    return public_view(thread_id, snap.values, interrupted)


def _model_error(exc: Exception) -> ApiError | None:
    """A failure of the model backend (unreachable, timed out, refused) as a clear 502."""
    import httpx
    import openai

    if isinstance(exc, (openai.APIConnectionError, openai.APITimeoutError, openai.APIStatusError, httpx.HTTPError)):
        detail = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        return ApiError(502, "model_unavailable",
                        f"모델 서버 호출에 실패했습니다 (model backend failed): {detail[:200]}")
    return None


async def _run(rt, payload, thread_id: str) -> None:
    try:
        await rt.graph.ainvoke(payload, _config(thread_id))
    except Exception as exc:
        if (err := _model_error(exc)) is not None:
            raise err from exc
        raise


def _rejected(view: dict) -> ApiError:
    return ApiError(422, "request_rejected", view.get("rejection") or "요청이 거부되었습니다.",
                    classes=view.get("guard_classes"), findings=view.get("findings"), thread_id=view["thread_id"])


# --- catalog (Service 2) ---------------------------------------------------------------------
@router.get("/job-codes", tags=["catalog"])
def job_codes():
    return [{"code": j.code, "name_ko": j.name_ko, "name_en": j.name_en} for j in JOB_CODES.values()]


@router.get("/levels", tags=["catalog"])
def levels():
    return [{"key": lv.key, "label_ko": lv.label_ko, "label_en": lv.label_en} for lv in LEVELS.values()]


@router.get("/companies", tags=["catalog"])
def list_companies(request: Request):
    return [c.model_dump() for c in _rt(request).repo.list_companies()]


@router.get("/companies/{company_id}", tags=["catalog"])
def get_company(company_id: str, request: Request):
    rt = _rt(request)
    company = _company_or_404(rt, company_id)
    postings = rt.repo.list_postings(company_id)
    return {**company.model_dump(), "job_codes": sorted({p.job_code for p in postings}),
            "posting_count": len(postings), "documents": [d.title for d in rt.repo.get_documents(company_id)]}


@router.get("/companies/{company_id}/postings", tags=["catalog"])
def company_postings(company_id: str, request: Request, job_code: str | None = Query(default=None)):
    rt = _rt(request)
    _company_or_404(rt, company_id)
    if job_code is not None and job_code not in JOB_CODES:
        raise ApiError(422, "unknown_job_code", f"지원하지 않는 직무 코드입니다: {job_code!r}")
    return [p.model_dump() for p in rt.repo.list_postings(company_id, job_code)]


@router.get("/postings/{posting_id}", tags=["catalog"])
def get_posting(posting_id: str, request: Request):
    posting = _rt(request).repo.get_posting(posting_id)
    if posting is None:
        raise ApiError(404, "unknown_posting", f"공고를 찾을 수 없습니다: {posting_id!r}")
    return {**posting.model_dump(), "markdown": posting.as_posting().to_markdown()}


# --- sensitive-entity registry (editable by the HR manager) ----------------------------------
@router.get("/companies/{company_id}/sensitive-entities", tags=["registry"])
def list_sensitive(company_id: str, request: Request):
    rt = _rt(request)
    _company_or_404(rt, company_id)
    return [e.model_dump() for e in rt.repo.get_sensitive_entities(company_id)]


@router.post("/companies/{company_id}/sensitive-entities", tags=["registry"], status_code=201)
def add_sensitive(company_id: str, body: SensitiveEntityIn, request: Request):
    rt = _rt(request)
    _company_or_404(rt, company_id)
    added = rt.repo.add_sensitive_entities(company_id, [SensitiveEntityRecord(**body.model_dump(), source="manual")])
    if not added:
        raise ApiError(409, "already_registered", f"이미 등록된 항목입니다: {body.text!r}")
    return body.model_dump() | {"source": "manual"}


@router.delete("/companies/{company_id}/sensitive-entities", tags=["registry"])
def delete_sensitive(company_id: str, request: Request, text: str = Query(min_length=1)):
    rt = _rt(request)
    _company_or_404(rt, company_id)
    if not rt.repo.delete_sensitive_entity(company_id, text):
        raise ApiError(404, "unknown_entity", f"등록되지 않은 항목입니다: {text!r}")
    return {"deleted": text}


@router.post("/companies/{company_id}/sensitive-entities/proposals", tags=["registry"])
def propose_sensitive(company_id: str, request: Request):
    """Candidates found in the company's documents that the registry does not have yet (not saved)."""
    rt = _rt(request)
    _company_or_404(rt, company_id)
    existing = rt.repo.get_sensitive_entities(company_id)
    return [e.model_dump() for e in propose_entities(rt.repo.get_documents(company_id), existing)]


# --- generation ----------------------------------------------------------------------------
@router.post("/generations", tags=["generation"])
async def start_generation(body: GenerationRequest, request: Request):
    """Runs the graph up to the reviewer interrupt and returns the draft with its findings."""
    rt = _rt(request)
    _check(rt, body)
    thread_id = uuid.uuid4().hex
    await _run(rt, body.model_dump(), thread_id)
    view = await _view(rt, thread_id)
    if view["status"] == "rejected":
        raise _rejected(view)
    return view


@router.post("/generations/stream", tags=["generation"])
async def stream_generation(body: GenerationRequest, request: Request):
    """Server-sent events: `thread` (id), `node` (a step finished), `token` (posting text as it is
    written, held back and cleaned by the stream guard), then `result` (the same body as
    POST /generations) or `error`."""
    rt = _rt(request)
    _check(rt, body)
    thread_id = uuid.uuid4().hex

    async def events():
        yield {"event": "thread", "data": json.dumps({"thread_id": thread_id})}
        try:
            async for kind, value in guarded_run(rt.graph, rt.deps, body.model_dump(), _config(thread_id)):
                if kind == "text":
                    yield {"event": "token", "data": json.dumps({"text": value}, ensure_ascii=False)}
                else:
                    # Only the step's name: what a step returns is unvalidated until validate_output.
                    node = value[0] if kind == "update" else "__interrupt__"
                    yield {"event": "node", "data": json.dumps({"node": node})}
            yield {"event": "result", "data": json.dumps(await _view(rt, thread_id), ensure_ascii=False, default=str)}
        except Exception as exc:  # the stream has started: report in-band, never a stack trace
            err = _model_error(exc)
            if err is None:
                log.exception("stream failed")
                err = ApiError(500, "internal_error", "내부 오류가 발생했습니다. 잠시 후 다시 시도해 주세요.")
            yield {"event": "error", "data": json.dumps({"error": err.error, "message": err.message},
                                                        ensure_ascii=False)}

    return EventSourceResponse(events())


@router.get("/generations/{thread_id}", tags=["generation"])
async def get_generation(thread_id: str, request: Request):
    return await _view(_rt(request), thread_id)


@router.post("/generations/{thread_id}/review", tags=["generation"])
async def review_generation(thread_id: str, body: ReviewRequest, request: Request):
    """Resume a thread paused at review: approve, edit (with edited_posting) or reject."""
    rt = _rt(request)
    view = await _view(rt, thread_id)
    if view["status"] != "pending_review":
        raise ApiError(409, "not_pending_review", f"검토 대기 중인 요청이 아닙니다 (상태: {view['status']}).")
    if body.action == "edit" and not (body.edited_posting or "").strip():
        raise ApiError(422, "empty_edit", "action=edit에는 edited_posting이 필요합니다.")
    await _run(rt, Command(resume=body.model_dump()), thread_id)
    return await _view(rt, thread_id)
