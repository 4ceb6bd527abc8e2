"""Reads and writes for generation jobs: submit, claim with a lease, finish, recover, events, service stats."""
from __future__ import annotations

import uuid
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from store.models import GenerationJob, JobEvent, ServiceStats, utcnow

ACTIVE = ("queued", "running")
FINISHED = ("succeeded", "failed", "cancelled")


def aware(dt: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes even for timezone-aware columns.
    return dt.replace(tzinfo=timezone.utc) if dt is not None and dt.tzinfo is None else dt


class JobRepository:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._sf = session_factory

    # --- jobs ---------------------------------------------------------------------------
    def create(self, *, thread_id: str, company_id: str, key_id: str, tier: str, request: dict,
               webhook_url: str | None, predicted_wait_s: float | None) -> GenerationJob:
        row = GenerationJob(id=uuid.uuid4().hex, thread_id=thread_id, company_id=company_id, key_id=key_id, tier=tier,
                            state="queued", request=request, webhook_url=webhook_url, attempts=0,
                            predicted_wait_s=predicted_wait_s, created_at=utcnow())
        with self._sf.begin() as s:
            s.add(row)
            s.flush()
            s.add(JobEvent(job_id=row.id, key_id=key_id, kind="state", created_at=utcnow(),
                           data={"state": "queued", "job_id": row.id, "thread_id": thread_id}))
        return row

    def get(self, *, job_id: str) -> GenerationJob | None:
        with self._sf() as s:
            return s.get(GenerationJob, job_id)

    def list_jobs(self, *, companies: set[str] | None, state: str | None = None, company_id: str | None = None,
             limit: int = 100) -> list[GenerationJob]:
        with self._sf() as s:
            q = select(GenerationJob).order_by(GenerationJob.created_at.desc(), GenerationJob.id).limit(limit)
            if companies is not None:
                q = q.where(GenerationJob.company_id.in_(companies))
            if state:
                q = q.where(GenerationJob.state == state)
            if company_id:
                q = q.where(GenerationJob.company_id == company_id)
            return list(s.scalars(q))

    def queued(self, *, tier: str | None = None) -> list[GenerationJob]:
        """Queued jobs, oldest first (the order they are admitted in)."""
        with self._sf() as s:
            q = select(GenerationJob).where(GenerationJob.state == "queued").order_by(GenerationJob.created_at, GenerationJob.id)
            if tier:
                q = q.where(GenerationJob.tier == tier)
            return list(s.scalars(q))

    def count(self, *, state: str, tier: str | None = None) -> int:
        with self._sf() as s:
            q = select(func.count()).select_from(GenerationJob).where(GenerationJob.state == state)
            if tier:
                q = q.where(GenerationJob.tier == tier)
            return int(s.scalar(q) or 0)

    def claim(self, *, job_id: str, owner: str, lease_s: float, actual_wait_s: float | None = None) -> GenerationJob | None:
        """queued -> running for this owner, atomically: a second delivery of the same job gets None."""
        now = utcnow()
        with self._sf.begin() as s:
            done = s.execute(update(GenerationJob).where(GenerationJob.id == job_id, GenerationJob.state == "queued")
                             .values(state="running", lease_owner=owner, lease_until=now + timedelta(seconds=lease_s),
                                     heartbeat_at=now, started_at=now, attempts=GenerationJob.attempts + 1,
                                     actual_wait_s=actual_wait_s))
            if done.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = s.get(GenerationJob, job_id)
            s.add(JobEvent(job_id=job_id, key_id=row.key_id, kind="state", created_at=now,
                           data={"state": "running", "job_id": job_id, "thread_id": row.thread_id, "attempt": row.attempts}))
            return row

    def renew(self, *, job_id: str, owner: str, lease_s: float) -> bool:
        now = utcnow()
        with self._sf.begin() as s:
            done = s.execute(update(GenerationJob).where(GenerationJob.id == job_id, GenerationJob.state == "running",
                                                         GenerationJob.lease_owner == owner)
                             .values(lease_until=now + timedelta(seconds=lease_s), heartbeat_at=now))
            return done.rowcount == 1  # type: ignore[attr-defined]

    def finish(self, *, job_id: str, owner: str | None, state: str, error: str | None = None, ttft_s: float | None = None,
               run_s: float | None = None) -> GenerationJob | None:
        """running -> succeeded|failed (only by the lease owner, so a reclaimed job is not finished twice)."""
        now = utcnow()
        with self._sf.begin() as s:
            q = update(GenerationJob).where(GenerationJob.id == job_id, GenerationJob.state == "running")
            if owner is not None:
                q = q.where(GenerationJob.lease_owner == owner)
            done = s.execute(q.values(state=state, error=error, ttft_s=ttft_s, run_s=run_s, finished_at=now,
                                      lease_owner=None, lease_until=None))
            if done.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = s.get(GenerationJob, job_id)
            self._finished_events(s, row)
            return row

    def cancel(self, *, job_id: str) -> GenerationJob | None:
        """queued -> cancelled; None when it already runs or finished."""
        now = utcnow()
        with self._sf.begin() as s:
            done = s.execute(update(GenerationJob).where(GenerationJob.id == job_id, GenerationJob.state == "queued")
                             .values(state="cancelled", finished_at=now))
            if done.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = s.get(GenerationJob, job_id)
            self._finished_events(s, row)
            return row

    @staticmethod
    def _finished_events(s: Session, row: GenerationJob) -> None:
        data = {"state": row.state, "job_id": row.id, "thread_id": row.thread_id, "error": row.error}
        s.add(JobEvent(job_id=row.id, key_id=row.key_id, kind="state", data=data, created_at=utcnow()))
        s.add(JobEvent(job_id=row.id, key_id=row.key_id, kind="job_finished", data=data, created_at=utcnow()))

    def recover(self, *, max_attempts: int, stale_before: datetime | None = None, not_owner: str | None = None,
                alive_owner: str | None = None) -> tuple[list[str], list[str]]:
        """Jobs whose worker is gone (lease expired before `stale_before`, or any owner but `not_owner`):
        back to queued while attempts remain, otherwise failed with a visible error. Returns
        (requeued ids, failed ids)."""
        requeued, failed = [], []
        with self._sf.begin() as s:
            q = select(GenerationJob).where(GenerationJob.state == "running").with_for_update(skip_locked=True)
            for row in s.scalars(q):
                lease = aware(row.lease_until)
                gone = (stale_before is not None and (lease is None or lease < stale_before)) or \
                       (not_owner is not None and row.lease_owner != not_owner)
                if not gone or (alive_owner is not None and row.lease_owner == alive_owner):
                    continue  # the caller's own runs are alive as long as the caller is
                if row.attempts >= max_attempts:
                    row.state, row.finished_at, row.lease_owner, row.lease_until = "failed", utcnow(), None, None
                    row.error = (f"작업을 실행하던 워커가 중단되었습니다 ({row.attempts}회 시도, 최대 {max_attempts}회). "
                                 "다시 요청해 주세요. (worker lost)")
                    self._finished_events(s, row)
                    failed.append(row.id)
                else:
                    row.state, row.lease_owner, row.lease_until = "queued", None, None
                    s.add(JobEvent(job_id=row.id, key_id=row.key_id, kind="state", created_at=utcnow(),
                                   data={"state": "queued", "job_id": row.id, "thread_id": row.thread_id,
                                         "retry": True, "attempts": row.attempts}))
                    requeued.append(row.id)
        return requeued, failed

    def set_webhook(self, *, job_id: str, status: str, error: str | None) -> None:
        with self._sf.begin() as s:
            s.execute(update(GenerationJob).where(GenerationJob.id == job_id).values(webhook_status=status, webhook_error=error))

    def set_predicted(self, *, job_id: str, predicted_wait_s: float) -> None:
        with self._sf.begin() as s:
            s.execute(update(GenerationJob).where(GenerationJob.id == job_id).values(predicted_wait_s=predicted_wait_s))

    def recent_finished(self, *, tier: str, limit: int = 500) -> list[GenerationJob]:
        with self._sf() as s:
            q = (select(GenerationJob).where(GenerationJob.tier == tier, GenerationJob.state == "succeeded")
                 .order_by(GenerationJob.finished_at.desc()).limit(limit))
            return list(s.scalars(q))

    # --- events -------------------------------------------------------------------------
    def events(self, *, job_id: str, after: int = 0) -> list[JobEvent]:
        with self._sf() as s:
            q = select(JobEvent).where(JobEvent.job_id == job_id, JobEvent.kind == "state", JobEvent.id > after).order_by(JobEvent.id)
            return list(s.scalars(q))

    def notifications(self, *, key_id: str, after: int = 0, limit: int = 50) -> list[JobEvent]:
        """The key's job completions after event id `after`, oldest first (the newest `limit` when after=0)."""
        with self._sf() as s:
            q = select(JobEvent).where(JobEvent.key_id == key_id, JobEvent.kind == "job_finished", JobEvent.id > after)
            rows = list(s.scalars(q.order_by(JobEvent.id.desc()).limit(limit)))
            return rows[::-1]

    # --- service stats ------------------------------------------------------------------
    def stats(self) -> dict[str, ServiceStats]:
        with self._sf() as s:
            return {r.tier: r for r in s.scalars(select(ServiceStats))}

    def save_stats(self, *, tier: str, samples: int, run_s: float, ttft_s: float, tokens_per_s: float) -> None:
        with self._sf.begin() as s:
            row = s.get(ServiceStats, tier)
            if row is None:
                row = ServiceStats(tier=tier)
                s.add(row)
            row.samples, row.run_s, row.ttft_s, row.tokens_per_s, row.updated_at = samples, run_s, ttft_s, tokens_per_s, utcnow()
