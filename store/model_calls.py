"""Reads and writes for per-call model accounting (model_calls) and the /usage aggregates."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timezone

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, sessionmaker

from store.models import GenerationRun, ModelCall, ThreadOwner

# What a call row shows through the API: everything but the surrogate id.
CALL_FIELDS = ("created_at", "thread_id", "company_id", "node", "tier", "endpoint", "model", "prompt_version",
               "prompt_tokens", "completion_tokens", "cached_tokens", "ttft_ms", "duration_ms", "ok", "error",
               "fallbacks", "retries")


def call_view(row: ModelCall) -> dict:
    out = {f: getattr(row, f) for f in CALL_FIELDS}
    if out["created_at"] is not None and out["created_at"].tzinfo is None:
        out["created_at"] = out["created_at"].replace(tzinfo=timezone.utc)  # SQLite hands back naive values
    return out


def _day_of(session: Session, column):
    """The UTC day of a timestamp column as 'YYYY-MM-DD', in SQL, on SQLite and PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        return func.to_char(func.timezone("UTC", column), "YYYY-MM-DD")
    return func.strftime("%Y-%m-%d", column)  # SQLite stores the UTC time as text


class ModelCallRepository:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._sf = session_factory

    def add_many(self, *, rows: Iterable[dict]) -> int:
        """Insert call rows; a row without a company gets its thread's (one query per batch)."""
        rows = list(rows)
        if not rows:
            return 0
        with self._sf.begin() as s:
            missing = {r["thread_id"] for r in rows if r.get("thread_id") and not r.get("company_id")}
            owners = dict(s.execute(select(ThreadOwner.thread_id, ThreadOwner.company_id)
                                    .where(ThreadOwner.thread_id.in_(missing))).all()) if missing else {}
            for r in rows:
                if not r.get("company_id") and r.get("thread_id"):
                    r["company_id"] = owners.get(r["thread_id"])
                s.add(ModelCall(**r))
        return len(rows)

    def list_for_thread(self, *, thread_id: str) -> list[ModelCall]:
        with self._sf() as s:
            return list(s.scalars(select(ModelCall).where(ModelCall.thread_id == thread_id)
                                  .order_by(ModelCall.created_at, ModelCall.id)))

    # --- /usage ----------------------------------------------------------------------------------
    def usage_by_company(self, *, since_day: str, companies: set[str] | None) -> list[dict]:
        """Per (day, company): generations started, reviewed runs, model calls and tokens. Three
        GROUP BY queries, merged by key; companies=None means all."""
        since = datetime.strptime(since_day, "%Y-%m-%d").replace(tzinfo=timezone.utc)
        out: dict[tuple[str, str], dict] = {}

        def row(day: str, company: str) -> dict:
            return out.setdefault((day, company), {"day": day, "company_id": company, "generations": 0, "reviewed": 0,
                                                   "model_calls": 0, "prompt_tokens": 0, "completion_tokens": 0,
                                                   "cached_tokens": 0})

        with self._sf() as s:
            day = _day_of(s, ThreadOwner.created_at)
            q = (select(day, ThreadOwner.company_id, func.count(), func.count(GenerationRun.thread_id))
                 .select_from(ThreadOwner)
                 .outerjoin(GenerationRun, GenerationRun.thread_id == ThreadOwner.thread_id)
                 .where(ThreadOwner.created_at >= since).group_by(day, ThreadOwner.company_id))
            if companies is not None:
                q = q.where(ThreadOwner.company_id.in_(companies))
            for d, company, started, reviewed in s.execute(q):
                r = row(d, company)
                r["generations"], r["reviewed"] = int(started), int(reviewed)
            q2 = (select(ModelCall.day, ModelCall.company_id, func.count(), func.sum(ModelCall.prompt_tokens),
                         func.sum(ModelCall.completion_tokens), func.sum(ModelCall.cached_tokens))
                  .where(ModelCall.day >= since_day, ModelCall.company_id.is_not(None))
                  .group_by(ModelCall.day, ModelCall.company_id))
            if companies is not None:
                q2 = q2.where(ModelCall.company_id.in_(companies))
            for d, company, calls, p, c, cached in s.execute(q2):
                r = row(d, company)
                r.update(model_calls=int(calls), prompt_tokens=int(p or 0), completion_tokens=int(c or 0),
                         cached_tokens=int(cached or 0))
        return [out[k] for k in sorted(out)]

    def usage_by_tier(self, *, since_day: str, companies: set[str] | None, endpoints: bool = False) -> list[dict]:
        """Per (day, tier) — and endpoint and model with endpoints=True: calls, errors, calls that
        needed a fallback, tokens. companies=None: every call, also those outside a company."""
        keys = [ModelCall.day, ModelCall.tier] + ([ModelCall.endpoint, ModelCall.model] if endpoints else [])
        q = (select(*keys, func.count(), func.sum(case((ModelCall.ok.is_(False), 1), else_=0)),
                    func.sum(case((ModelCall.fallbacks > 0, 1), else_=0)), func.sum(ModelCall.prompt_tokens),
                    func.sum(ModelCall.completion_tokens), func.sum(ModelCall.cached_tokens))
             .where(ModelCall.day >= since_day).group_by(*keys).order_by(*keys))
        if companies is not None:
            q = q.where(ModelCall.company_id.in_(companies))
        names = ["day", "tier"] + (["endpoint", "model"] if endpoints else [])
        with self._sf() as s:
            return [dict(zip(names, r[:len(names)])) |
                    dict(zip(("requests", "errors", "fallbacks", "prompt_tokens", "completion_tokens", "cached_tokens"),
                             (int(v or 0) for v in r[len(names):])))
                    for r in s.execute(q)]
