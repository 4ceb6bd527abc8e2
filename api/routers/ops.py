"""Service 4: usage (requests and tokens per company, key and day), load (what runs now and how
fast recent runs were) and Prometheus metrics."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Query
from fastapi.responses import Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from access.keys import Principal
from api.deps import RuntimeDep, require, visible_company

router = APIRouter(tags=["ops"])
Admin = require("admin", "사용량·부하 조회")


@router.get("/usage")
def usage(rt: RuntimeDep, principal: Principal = Admin, days: int = Query(default=7, ge=1, le=366),
          company_id: str | None = None):
    """Per UTC day: generations, model calls and tokens per company; model requests, errors,
    fallbacks and tokens per tier and per endpoint (host/model); and per key what the daily token
    limit counts. SQL aggregates over the stored rows. A team admin sees its own companies and keys
    (and only the model calls made for its companies)."""
    if company_id is not None:
        visible_company(rt, principal, company_id)
        scope: set[str] | None = {company_id}
    else:
        scope = None if principal.is_global else set(principal.companies)
    since_day = (datetime.now(timezone.utc) - timedelta(days=days - 1)).strftime("%Y-%m-%d")
    calls = rt.model_calls
    rt.call_recorder.flush(2.0)  # a call that just ended is counted too (sync route: a worker thread)
    keys = {k.id: k for k in rt.access.list_keys()}
    per_key = [{"day": day, "key_id": kid, "key_name": keys[kid].name if kid in keys else None, "tokens": tokens,
                "generations": gens}
               for kid, day, tokens, gens in rt.access.usage_rows(since_day=since_day)
               if kid in keys and (principal.is_global or (set(keys[kid].companies or []) and
                                                           set(keys[kid].companies) <= principal.companies))]
    return {"days": days, "since": since_day,
            "by_company": calls.usage_by_company(since_day=since_day, companies=scope),
            "by_tier": calls.usage_by_tier(since_day=since_day, companies=scope),
            "by_endpoint": calls.usage_by_tier(since_day=since_day, companies=scope, endpoints=True),
            "by_key": per_key}


@router.get("/load")
async def load(rt: RuntimeDep, principal: Principal = Admin):
    """What runs now and how long recent generations took (p50/p95 per route, last 500), and per model
    tier the line, the running runs, the current wait estimate and p50/p95 TTFT and run time; and
    the exact-match response cache (entries kept, hits served)."""
    return {"generations_in_flight": rt.metrics.in_flight.value,
            "onboarding_queue": len(rt.onboarding.pending_jobs()), "skill_pool_rebuilding": rt.pool_rebuilding(),
            "recent_generations": rt.metrics.recent(), "queue_backend": rt.settings.queue_backend,
            "tiers": await rt.jobs.load(), "response_cache": rt.deps.response_cache.stats()}


@router.get("/metrics", include_in_schema=False)
def metrics(rt: RuntimeDep, principal: Principal = Admin):
    """Prometheus text format; scrape it with an admin key (Authorization: Bearer …)."""
    return Response(generate_latest(rt.metrics.registry), media_type=CONTENT_TYPE_LATEST)
