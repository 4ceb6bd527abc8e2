"""Reads and writes for access control: keys, browser sessions, daily token usage, thread owners, audit."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from access.keys import Principal, hash_secret, new_key, new_key_id
from store.models import ApiKey, AuditEvent, BrowserSession, KeyUsage, ThreadOwner, utcnow

# last_used_at is a hint for operators, not a log: write it at most this often per key.
_TOUCH_EVERY = timedelta(seconds=60)


def _aware(dt: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    return dt.replace(tzinfo=timezone.utc) if dt is not None and dt.tzinfo is None else dt


def principal_of(row: ApiKey) -> Principal:
    return Principal(key_id=row.id, name=row.name, role=row.role, companies=frozenset(row.companies or []),  # type: ignore[arg-type]
                     is_global=row.is_global, requests_per_minute=row.requests_per_minute,
                     tokens_per_day=row.tokens_per_day)


def key_view(row: ApiKey) -> dict:
    """What the API and the CLI show of a key: never the hash."""
    return {"id": row.id, "name": row.name, "role": row.role, "companies": list(row.companies or []),
            "global": row.is_global, "source": row.source, "requests_per_minute": row.requests_per_minute,
            "tokens_per_day": row.tokens_per_day, "created_by": row.created_by,
            "created_at": _aware(row.created_at), "last_used_at": _aware(row.last_used_at),
            "revoked_at": _aware(row.revoked_at), "active": row.revoked_at is None}


class AccessRepository:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._sf = session_factory

    # --- keys --------------------------------------------------------------------------
    def create_key(self, *, name: str, role: str, companies: list[str], is_global: bool, source: str = "api",
                   requests_per_minute: int | None = None, tokens_per_day: int | None = None,
                   created_by: str | None = None, secret: str | None = None) -> tuple[ApiKey, str]:
        """Store a new key and return it with its secret (the only time the secret exists in clear)."""
        secret = secret or new_key()
        row = ApiKey(id=new_key_id(), name=name, key_hash=hash_secret(secret), role=role,
                     companies=sorted(set(companies)), is_global=is_global, source=source,
                     requests_per_minute=requests_per_minute, tokens_per_day=tokens_per_day, created_by=created_by,
                     created_at=utcnow())
        with self._sf.begin() as s:
            s.add(row)
        return row, secret

    def authenticate(self, *, secret: str) -> Principal | None:
        now = utcnow()
        with self._sf.begin() as s:
            row = s.scalars(select(ApiKey).where(ApiKey.key_hash == hash_secret(secret))).first()
            if row is None or row.revoked_at is not None:
                return None
            last = _aware(row.last_used_at)
            if last is None or now - last > _TOUCH_EVERY:
                row.last_used_at = now
            return principal_of(row)

    def get_key(self, *, key_id: str) -> ApiKey | None:
        with self._sf() as s:
            return s.get(ApiKey, key_id)

    def list_keys(self, *, include_revoked: bool = True) -> list[ApiKey]:
        with self._sf() as s:
            q = select(ApiKey).order_by(ApiKey.created_at)
            if not include_revoked:
                q = q.where(ApiKey.revoked_at.is_(None))
            return list(s.scalars(q))

    def add_company_to_key(self, *, key_id: str, company_id: str) -> None:
        with self._sf.begin() as s:
            row = s.get(ApiKey, key_id)
            if row is not None and not row.is_global and company_id not in (row.companies or []):
                row.companies = sorted({*(row.companies or []), company_id})

    def count_active_keys(self) -> int:
        with self._sf() as s:
            return int(s.scalar(select(func.count()).select_from(ApiKey).where(ApiKey.revoked_at.is_(None))) or 0)

    def revoke_key(self, *, key_id: str) -> ApiKey | None:
        with self._sf.begin() as s:
            row = s.get(ApiKey, key_id)
            if row is None:
                return None
            if row.revoked_at is None:
                row.revoked_at = utcnow()
                # A revoked key's browser sessions end with it.
                s.query(BrowserSession).filter(BrowserSession.key_id == key_id).delete()
            return row

    def set_env_admin(self, *, secret: str | None) -> None:
        """The key from JOBPOST_ADMIN_TOKEN: created or re-hashed at start-up, revoked when the variable
        is gone, so the environment is the one place that says whether it works."""
        with self._sf.begin() as s:
            row = s.scalars(select(ApiKey).where(ApiKey.source == "env")).first()
            if secret is None:
                if row is not None and row.revoked_at is None:
                    row.revoked_at = utcnow()
                return
            digest = hash_secret(secret)
            clash = s.scalars(select(ApiKey).where(ApiKey.key_hash == digest, ApiKey.source != "env")).first()
            if clash is not None:
                raise ValueError("JOBPOST_ADMIN_TOKEN equals an existing API key; choose a different token")
            if row is None:
                s.add(ApiKey(id=new_key_id(), name="JOBPOST_ADMIN_TOKEN", key_hash=digest, role="admin", companies=[],
                             is_global=True, source="env", created_at=utcnow()))
            else:
                row.key_hash, row.revoked_at, row.role, row.is_global = digest, None, "admin", True

    # --- browser sessions --------------------------------------------------------------
    def create_session(self, *, key_id: str, token: str, ttl: timedelta) -> None:
        now = utcnow()
        with self._sf.begin() as s:
            s.query(BrowserSession).filter(BrowserSession.expires_at < now).delete()
            s.add(BrowserSession(token_hash=hash_secret(token), key_id=key_id, created_at=now, expires_at=now + ttl))

    def session_principal(self, *, token: str) -> Principal | None:
        with self._sf() as s:
            sess = s.get(BrowserSession, hash_secret(token))
            if sess is None or _aware(sess.expires_at) < utcnow():  # type: ignore[operator]
                return None
            row = s.get(ApiKey, sess.key_id)
            if row is None or row.revoked_at is not None:
                return None
            return principal_of(row)

    def delete_session(self, *, token: str) -> None:
        with self._sf.begin() as s:
            s.query(BrowserSession).filter(BrowserSession.token_hash == hash_secret(token)).delete()

    # --- daily token usage -------------------------------------------------------------
    def tokens_used(self, *, key_id: str, day: str) -> int:
        with self._sf() as s:
            row = s.get(KeyUsage, (key_id, day))
            return row.tokens if row else 0

    def add_tokens(self, *, key_id: str, day: str, tokens: int, generations: int = 0) -> None:
        for _ in range(2):  # two writers may insert the same (key, day) row at once: the loser updates
            try:
                with self._sf.begin() as s:
                    res = s.execute(update(KeyUsage).where(KeyUsage.key_id == key_id, KeyUsage.day == day)
                                    .values(tokens=KeyUsage.tokens + tokens, generations=KeyUsage.generations + generations))
                    if res.rowcount == 0:  # type: ignore[attr-defined]
                        s.add(KeyUsage(key_id=key_id, day=day, tokens=tokens, generations=generations))
                return
            except IntegrityError:
                continue

    def usage_rows(self, *, since_day: str) -> list[tuple[str, str, int, int]]:
        """(key id, day, tokens, generations) from since_day on, newest first."""
        with self._sf() as s:
            rows = s.scalars(select(KeyUsage).where(KeyUsage.day >= since_day).order_by(KeyUsage.day.desc(), KeyUsage.key_id))
            return [(r.key_id, r.day, r.tokens, r.generations) for r in rows]

    # --- thread owners -----------------------------------------------------------------
    def claim_thread(self, *, thread_id: str, company_id: str, key_id: str | None) -> bool:
        """Record who started a thread; False when it already belongs to another company."""
        with self._sf.begin() as s:
            row = s.get(ThreadOwner, thread_id)
            if row is None:
                s.add(ThreadOwner(thread_id=thread_id, company_id=company_id, key_id=key_id, created_at=utcnow()))
                return True
            return row.company_id == company_id

    def record_wait(self, *, thread_id: str, predicted_s: float, actual_s: float) -> None:
        """A queued run's predicted and actual wait (GET /generations/{id}: `queue`)."""
        with self._sf.begin() as s:
            row = s.get(ThreadOwner, thread_id)
            if row is not None:
                row.predicted_wait_s, row.actual_wait_s = round(predicted_s, 3), round(actual_s, 3)

    def thread_wait(self, *, thread_id: str) -> dict | None:
        with self._sf() as s:
            row = s.get(ThreadOwner, thread_id)
            if row is None or row.actual_wait_s is None:
                return None
            return {"predicted_wait_s": row.predicted_wait_s, "actual_wait_s": row.actual_wait_s}

    def thread_company(self, *, thread_id: str) -> str | None:
        with self._sf() as s:
            row = s.get(ThreadOwner, thread_id)
            return row.company_id if row else None

    def list_threads(self, *, companies: set[str] | None, limit: int = 50) -> list[ThreadOwner]:
        """Threads of these companies (None: all), newest first."""
        with self._sf() as s:
            q = select(ThreadOwner).order_by(ThreadOwner.created_at.desc()).limit(limit)
            if companies is not None:
                q = q.where(ThreadOwner.company_id.in_(companies))
            return list(s.scalars(q))

    # --- audit log ---------------------------------------------------------------------
    def audit(self, *, actor: Principal | None, action: str, company_id: str | None = None,
              target: str | None = None, detail: dict | None = None) -> None:
        with self._sf.begin() as s:
            s.add(AuditEvent(at=utcnow(), key_id=actor.key_id if actor else None, key_name=actor.name if actor else "system",
                             role=actor.role if actor else "", action=action, company_id=company_id, target=target,
                             detail=detail or {}))

    def list_audit(self, *, companies: set[str] | None, key_id: str | None = None, action: str | None = None,
                   company_id: str | None = None, since: datetime | None = None, limit: int = 100) -> list[dict]:
        """Newest first. companies=None: every event; otherwise events of those companies and the
        caller's own (key_id) events that name no company."""
        with self._sf() as s:
            q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
            if companies is not None:
                own = (AuditEvent.key_id == key_id) & AuditEvent.company_id.is_(None)
                q = q.where(AuditEvent.company_id.in_(companies) | own if key_id is not None else AuditEvent.company_id.in_(companies))
            if action:
                q = q.where((AuditEvent.action == action) | AuditEvent.action.startswith(action + "."))
            if company_id:
                q = q.where(AuditEvent.company_id == company_id)
            if since is not None:
                q = q.where(AuditEvent.at >= since)
            return [{"id": e.id, "at": _aware(e.at), "key_id": e.key_id, "key_name": e.key_name, "role": e.role,
                     "action": e.action, "company_id": e.company_id, "target": e.target, "detail": e.detail}
                    for e in s.scalars(q)]
