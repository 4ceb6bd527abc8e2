"""Runs one job's generation on its thread, like POST /generations: metrics, token accounting, and
a resume from the last checkpoint when a previous attempt died part-way."""
from __future__ import annotations

import time

from store.access import principal_of
from store.models import GenerationJob


async def run_job(rt, job: GenerationJob) -> tuple[str, str | None, float | None, int]:
    """(state, error, TTFT seconds or None, completion tokens) of one run of the job's request."""
    from api.deps import record_tokens, usage_tokens
    from api.routers.generations import _config, _run, _thread_values, _view
    from api.streaming import guarded_run

    config = _config(job.thread_id)
    snap = await rt.graph.aget_state(config)
    interrupted = bool(snap and any(t.interrupts for t in snap.tasks))
    started, ttft = time.perf_counter(), None
    rt.metrics.in_flight.inc()
    try:
        if interrupted:
            pass  # the previous attempt reached review before it died: nothing left to run
        elif snap and snap.values and snap.next:
            await _run(rt, None, job.thread_id)  # resume from the last checkpoint of the attempt that died
        else:
            async for kind, _value in guarded_run(rt.graph, rt.deps, dict(job.request), config):
                if kind == "text" and ttft is None:
                    ttft = time.perf_counter() - started
    finally:
        rt.metrics.in_flight.dec()
        values = await _thread_values(rt, job.thread_id)
        key = rt.access.get_key(key_id=job.key_id)
        if key is not None and not interrupted:
            record_tokens(rt, principal_of(key), usage_tokens(values.get("usage")), generations=1)
    view = await _view(rt, job.thread_id)
    rt.metrics.observe_generation(view.get("route") or "", time.perf_counter() - started, view.get("usage"))
    completion = int((view.get("usage") or {}).get("completion_tokens", 0))
    if view["status"] == "rejected":
        return "failed", f"request_rejected: {view.get('rejection') or '요청이 거부되었습니다.'}", ttft, completion
    return "succeeded", None, ttft, completion
