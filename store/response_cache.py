"""Reads and writes for the exact-match response cache (response_cache)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from store.models import ResponseCacheEntry


def _aware(t: datetime) -> datetime:
    return t if t.tzinfo else t.replace(tzinfo=timezone.utc)  # SQLite hands back naive values


class ResponseCacheRepository:
    def __init__(self, session_factory: sessionmaker[Session], *, ttl_hours: float):
        self._sf = session_factory
        self.ttl = timedelta(hours=ttl_hours)

    @property
    def enabled(self) -> bool:
        return self.ttl > timedelta(0)

    def get(self, *, key: str) -> dict | None:
        """The stored value if it is younger than the TTL; a hit is counted."""
        if not self.enabled:
            return None
        now = datetime.now(timezone.utc)
        with self._sf.begin() as s:
            row = s.get(ResponseCacheEntry, key)
            if row is None:
                return None
            if _aware(row.created_at) < now - self.ttl:
                s.delete(row)
                return None
            row.hits += 1
            row.last_hit_at = now
            return dict(row.value)

    def contains(self, *, key: str) -> bool:
        if not self.enabled:
            return False
        with self._sf() as s:
            created = s.scalar(select(ResponseCacheEntry.created_at).where(ResponseCacheEntry.key == key))
        return created is not None and _aware(created) >= datetime.now(timezone.utc) - self.ttl

    def put(self, *, key: str, company_id: str, value: dict) -> None:
        if not self.enabled:
            return
        try:
            with self._sf.begin() as s:
                # Entries past their age are dropped as new ones come (a statement per model-written
                # posting: nothing next to the model call it saves).
                s.execute(delete(ResponseCacheEntry).where(ResponseCacheEntry.created_at < datetime.now(timezone.utc) - self.ttl))
                row = s.get(ResponseCacheEntry, key)
                if row is None:
                    s.add(ResponseCacheEntry(key=key, company_id=company_id, value=value))
                else:
                    row.value, row.created_at, row.hits = value, datetime.now(timezone.utc), 0
        except IntegrityError:
            pass  # a concurrent identical request stored it first: theirs is as good

    def stats(self) -> dict:
        """Entries kept and the hits they served (GET /load)."""
        with self._sf() as s:
            entries, hits = s.execute(select(func.count(), func.coalesce(func.sum(ResponseCacheEntry.hits), 0))).one()
        return {"enabled": self.enabled, "ttl_hours": self.ttl.total_seconds() / 3600, "entries": int(entries),
                "hits": int(hits)}

    def clear(self, *, company_id: str | None = None) -> int:
        """Drop entries (one company's, or all); answers how many."""
        with self._sf.begin() as s:
            stmt = delete(ResponseCacheEntry)
            if company_id is not None:
                stmt = stmt.where(ResponseCacheEntry.company_id == company_id)
            return int(getattr(s.execute(stmt), "rowcount", 0) or 0)
