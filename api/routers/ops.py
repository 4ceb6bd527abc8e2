"""Service 4: usage (requests and tokens per company, key and day), load (what runs now and how
fast recent runs were) and Prometheus metrics."""
from __future__ import annotations

from collections import defaultdict
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
    """Per UTC day: generations and model tokens per company (from the runs stored at review) and
    per key (what the daily token limit counts). A team admin sees its own companies and keys."""
    if company_id is not None:
        visible_company(rt, principal, company_id)
    since = datetime.now(timezone.utc) - timedelta(days=days)
    scope = None if principal.is_global else set(principal.companies)
    per_company: dict[tuple[str, str], dict] = defaultdict(lambda: {"generations": 0, "reviewed": 0, "prompt_tokens": 0,
                                                                    "completion_tokens": 0})
    for t in rt.access.list_threads(companies=scope, limit=100_000):
        created = t.created_at if t.created_at.tzinfo else t.created_at.replace(tzinfo=timezone.utc)
        if created < since or (company_id and t.company_id != company_id):
            continue
        row = per_company[(created.strftime("%Y-%m-%d"), t.company_id)]
        row["generations"] += 1
        run = rt.repo.get_run(t.thread_id)
        if run is not None:
            row["reviewed"] += 1
            row["prompt_tokens"] += int((run.usage or {}).get("prompt_tokens", 0))
            row["completion_tokens"] += int((run.usage or {}).get("completion_tokens", 0))
    keys = {k.id: k for k in rt.access.list_keys()}
    per_key = [{"day": day, "key_id": kid, "key_name": keys[kid].name if kid in keys else None, "tokens": tokens,
                "generations": gens}
               for kid, day, tokens, gens in rt.access.usage_rows(since_day=since.strftime("%Y-%m-%d"))
               if kid in keys and (principal.is_global or (set(keys[kid].companies or []) and
                                                           set(keys[kid].companies) <= principal.companies))]
    return {"days": days, "by_company": [{"day": d, "company_id": c, **v} for (d, c), v in sorted(per_company.items())],
            "by_key": per_key}


@router.get("/load")
def load(rt: RuntimeDep, principal: Principal = Admin):
    """What runs now and how long recent generations took (p50/p95 per route, last 500)."""
    return {"generations_in_flight": int(rt.metrics.in_flight._value.get()),
            "onboarding_queue": len(rt.onboarding.pending_jobs()), "skill_pool_rebuilding": rt.pool_rebuilding(),
            "recent_generations": rt.metrics.recent()}


@router.get("/metrics", include_in_schema=False)
def metrics(rt: RuntimeDep, principal: Principal = Admin):
    """Prometheus text format; scrape it with an admin key (Authorization: Bearer …)."""
    return Response(generate_latest(rt.metrics.registry), media_type=CONTENT_TYPE_LATEST)
