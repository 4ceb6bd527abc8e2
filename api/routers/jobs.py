"""Background generation (POST /jobs): a job id at once, then poll, subscribe (SSE) or be told
(per-key notification stream, signed webhook). Also the up-front wait estimate (GET /estimate)."""
from __future__ import annotations

import json
from typing import Literal

from fastapi import APIRouter, Header, Query
from pydantic import Field, field_validator
from sse_starlette.sse import EventSourceResponse

from access.keys import Principal
from api.deps import RuntimeDep, require, visible_company
from api.errors import ApiError
from api.routers.generations import _check, _start, _view
from api.runtime import Runtime
from api.schemas import GenerationRequest
from jobs.notify import valid_webhook_url
from jobs.service import TEMPLATE, tier_of
from store.jobs import FINISHED, aware
from store.models import GenerationJob, JobEvent

router = APIRouter(tags=["jobs"])
Writer = require("writer", "백그라운드 생성")
# How often an open stream re-reads the database for events another process wrote (scale-out);
# events of this process wake it at once.
POLL_S = 1.0


class JobRequest(GenerationRequest):
    webhook_url: str | None = Field(default=None, max_length=2000,
                                    description="Optional http(s) URL that gets a signed POST when the job finishes")

    @field_validator("webhook_url")
    @classmethod
    def _http_only(cls, v: str | None) -> str | None:
        if v is not None and not valid_webhook_url(v):
            raise ValueError("webhook_url must be an http:// or https:// URL")
        return v


def unknown_job(job_id: str) -> ApiError:
    return ApiError(404, "unknown_job", f"작업을 찾을 수 없습니다: {job_id!r}")


def visible_job(rt: Runtime, principal: Principal, job_id: str) -> GenerationJob:
    """The job, if it exists and the caller sees its company; otherwise the same 404 either way."""
    job = rt.jobs.repo.get(job_id=job_id)
    if job is None or not principal.sees(job.company_id):
        raise unknown_job(job_id)
    return job


async def job_view(rt: Runtime, job: GenerationJob, *, result: bool = True) -> dict:
    position, eta = await rt.jobs.position(job)
    out = {"job_id": job.id, "thread_id": job.thread_id, "company_id": job.company_id, "state": job.state,
           "tier": job.tier, "position": position, "eta_s": eta, "predicted_wait_s": job.predicted_wait_s,
           "actual_wait_s": job.actual_wait_s, "ttft_s": job.ttft_s, "run_s": job.run_s, "attempts": job.attempts,
           "error": job.error, "webhook": {"url": job.webhook_url, "status": job.webhook_status, "error": job.webhook_error}
           if job.webhook_url else None, "created_by": job.key_id, "created_at": aware(job.created_at),
           "started_at": aware(job.started_at), "finished_at": aware(job.finished_at), "result": None}
    if result and job.state in ("succeeded", "failed"):
        try:
            out["result"] = await _view(rt, job.thread_id)
        except ApiError:
            pass  # failed before the first checkpoint: no view to show
    return out


@router.post("/jobs", status_code=202)
async def submit_job(body: JobRequest, rt: RuntimeDep, principal: Principal = Writer):
    """Queue a generation and return at once: poll GET /jobs/{id}, subscribe to /jobs/{id}/events,
    or wait for /notifications (and the webhook, when given)."""
    request = GenerationRequest(**body.model_dump(exclude={"webhook_url"}))
    _check(rt, principal, request)
    if body.webhook_url and not rt.settings.webhook_secret:
        raise ApiError(422, "webhooks_disabled", "웹훅 서명 키(JOBPOST_WEBHOOK_SECRET)가 설정되지 않아 webhook_url을 쓸 수 없습니다.")
    thread_id = _start(rt, principal, request)
    job, est = await rt.jobs.submit(thread_id=thread_id, company_id=request.company_id, key_id=principal.key_id,
                                    request=request.model_dump(), webhook_url=body.webhook_url)
    rt.access.audit(actor=principal, action="job.create", company_id=request.company_id, target=job.id,
                    detail={"thread_id": thread_id, "tier": job.tier, "webhook": bool(body.webhook_url)})
    return {"job_id": job.id, "thread_id": thread_id, "state": "queued", "position": est["queue_ahead"], "eta_s": est["eta_s"]}


@router.get("/jobs")
async def list_jobs(rt: RuntimeDep, principal: Principal = Writer, company_id: str | None = None,
                    state: Literal["queued", "running", "succeeded", "failed", "cancelled"] | None = None,
                    limit: int = Query(default=50, ge=1, le=500)):
    """The team's jobs, newest first."""
    if company_id is not None:
        visible_company(rt, principal, company_id)
    scope = None if principal.is_global else set(principal.companies)
    return [await job_view(rt, j, result=False) for j in rt.jobs.repo.list_jobs(companies=scope, state=state, company_id=company_id,
                                                                           limit=limit)]


@router.get("/jobs/{job_id}")
async def get_job(job_id: str, rt: RuntimeDep, principal: Principal = Writer):
    """State, place in line and wait estimate; once finished, the generation's public view as `result`."""
    return await job_view(rt, visible_job(rt, principal, job_id))


@router.delete("/jobs/{job_id}")
async def cancel_job(job_id: str, rt: RuntimeDep, principal: Principal = Writer):
    """Cancel a job that is still queued (409 once it runs or finished)."""
    job = visible_job(rt, principal, job_id)
    if rt.jobs.repo.cancel(job_id=job.id) is None:
        current = rt.jobs.repo.get(job_id=job.id)
        raise ApiError(409, "job_not_queued", f"대기 중인 작업만 취소할 수 있습니다 (현재 상태: {current.state}).",
                       state=current.state)
    rt.jobs.cancelled(job.id)
    rt.access.audit(actor=principal, action="job.cancel", company_id=job.company_id, target=job.id, detail={})
    return await job_view(rt, rt.jobs.repo.get(job_id=job.id))


def _last_event_id(header: str | None, after: int) -> int:
    try:
        return max(after, int(header)) if header else after
    except ValueError:
        return after


@router.get("/jobs/{job_id}/events")
async def job_events(job_id: str, rt: RuntimeDep, principal: Principal = Writer, after: int = Query(default=0, ge=0),
                     last_event_id: str | None = Header(default=None)):
    """Server-sent events: `state` (queued with position and eta_s, running, then succeeded, failed
    or cancelled), then `done` with the job (and the generation's view). Connecting after the job
    finished replays them; a reconnect with Last-Event-ID continues after that event."""
    visible_job(rt, principal, job_id)
    seen = _last_event_id(last_event_id, after)

    async def events():
        nonlocal seen
        while True:
            version = rt.jobs.hub.version
            job = rt.jobs.repo.get(job_id=job_id)
            for ev in rt.jobs.repo.events(job_id=job_id, after=seen):
                yield {"event": "state", "id": str(ev.id), "data": json.dumps(await _state_data(rt, job, ev), default=str,
                                                                               ensure_ascii=False)}
                seen = ev.id
            if job.state in FINISHED:
                yield {"event": "done", "data": json.dumps(await job_view(rt, job), default=str, ensure_ascii=False)}
                return
            await rt.jobs.hub.wait(version, POLL_S)

    return EventSourceResponse(events())


async def _state_data(rt: Runtime, job: GenerationJob, ev: JobEvent) -> dict:
    data = dict(ev.data)
    if data.get("state") == "queued":
        position, eta = await rt.jobs.position(job)
        # Live figures while it waits; a replay shows what was predicted.
        data["position"], data["eta_s"] = (position, eta) if job.state == "queued" else (None, job.predicted_wait_s)
    return data


@router.get("/notifications")
def notifications(rt: RuntimeDep, principal: Principal = Writer, after: int = Query(default=0, ge=0),
                  limit: int = Query(default=50, ge=1, le=500)):
    """This key's recent job completions (oldest first); poll with `after` = the last id seen."""
    return [{"id": ev.id, "event": "job_finished", "created_at": aware(ev.created_at), **_finished(ev)}
            for ev in rt.jobs.repo.notifications(key_id=principal.key_id, after=after, limit=limit)]


def _finished(ev: JobEvent) -> dict:
    return {"job_id": ev.data.get("job_id"), "thread_id": ev.data.get("thread_id"), "state": ev.data.get("state")}


@router.get("/notifications/stream")
async def notification_stream(rt: RuntimeDep, principal: Principal = Writer, after: int | None = Query(default=None, ge=0),
                              timeout_s: float = Query(default=300, ge=0, le=3600,
                                                       description="Close after this long (clients reconnect with Last-Event-ID)"),
                              last_event_id: str | None = Header(default=None)):
    """Server-sent `job_finished` events ({job_id, thread_id, state}) for this key's jobs as they
    finish. Without `after`/Last-Event-ID it starts from now; `after=0` replays the recent ones."""
    import time

    if after is None and not last_event_id:
        latest = rt.jobs.repo.notifications(key_id=principal.key_id, limit=1)
        start = latest[-1].id if latest else 0
    else:
        start = _last_event_id(last_event_id, after or 0)
    deadline = time.monotonic() + timeout_s

    async def events():
        seen = start
        while True:
            version = rt.jobs.hub.version
            for ev in rt.jobs.repo.notifications(key_id=principal.key_id, after=seen, limit=500):
                yield {"event": "job_finished", "id": str(ev.id), "data": json.dumps(_finished(ev))}
                seen = ev.id
            left = deadline - time.monotonic()
            if left <= 0:
                return
            await rt.jobs.hub.wait(version, min(POLL_S, left))

    return EventSourceResponse(events())


@router.get("/estimate")
async def estimate(rt: RuntimeDep, principal: Principal = Writer, mode: Literal["template", "custom"] = "custom"):
    """What a request of this mode would meet now: `instant` (template drafts), `streamed` (a slot
    is free: writing starts at once) or `queued` (eta_s seconds in line first)."""
    tier = tier_of({"mode": mode})
    est = await rt.jobs.estimate(tier)
    how = "instant" if tier == TEMPLATE else ("streamed" if est["queue_ahead"] == 0 and est["eta_s"] == 0 else "queued")
    return {"mode": mode, "tier": tier, "how": how, **est}
