"""Reads and writes for the skill pool: batches (resumable) and their entries; readers get the
newest finished batch, so a rebuild in progress never changes what requests see."""
from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from store.models import SkillPoolBatch, SkillPoolEntry, utcnow


class SkillPoolRepository:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._sf = session_factory

    def start_or_resume(self, *, sources: dict) -> SkillPoolBatch:
        """The running batch if one was interrupted, else a new one."""
        with self._sf.begin() as s:
            running = s.scalars(select(SkillPoolBatch).where(SkillPoolBatch.state == "running")
                                .order_by(SkillPoolBatch.id.desc())).first()
            if running is not None:
                return running
            batch = SkillPoolBatch(state="running", started_at=utcnow(), job_codes_done=[], sources=sources)
            s.add(batch)
            s.flush()
            return batch

    def write_job_code(self, *, batch_id: int, job_code: str, entries: dict[str, list[dict]]) -> None:
        """One job code's entries and its 'done' mark, in one transaction (a crash leaves neither)."""
        with self._sf.begin() as s:
            s.execute(delete(SkillPoolEntry).where(SkillPoolEntry.batch_id == batch_id, SkillPoolEntry.job_code == job_code))
            for kind, items in entries.items():
                for rank, item in enumerate(items):
                    s.add(SkillPoolEntry(batch_id=batch_id, job_code=job_code, kind=kind, rank=rank, entry=item))
            batch = s.get(SkillPoolBatch, batch_id)
            batch.job_codes_done = sorted({*batch.job_codes_done, job_code})  # type: ignore[union-attr]

    def finish(self, *, batch_id: int, error: str | None = None) -> None:
        with self._sf.begin() as s:
            batch = s.get(SkillPoolBatch, batch_id)
            batch.state, batch.finished_at, batch.error = ("failed" if error else "done"), utcnow(), error  # type: ignore[union-attr]

    def latest(self, *, state: str | None = "done") -> SkillPoolBatch | None:
        with self._sf() as s:
            q = select(SkillPoolBatch).order_by(SkillPoolBatch.id.desc())
            if state:
                q = q.where(SkillPoolBatch.state == state)
            return s.scalars(q).first()

    def get_batch(self, *, batch_id: int) -> SkillPoolBatch | None:
        with self._sf() as s:
            return s.get(SkillPoolBatch, batch_id)

    def pool(self, *, job_code: str) -> tuple[SkillPoolBatch | None, dict[str, list[dict]]]:
        batch = self.latest()
        out: dict[str, list[dict]] = {"required": [], "preferred": [], "duties": []}
        if batch is None:
            return None, out
        with self._sf() as s:
            rows = s.scalars(select(SkillPoolEntry).where(SkillPoolEntry.batch_id == batch.id, SkillPoolEntry.job_code == job_code)
                             .order_by(SkillPoolEntry.kind, SkillPoolEntry.rank))
            for r in rows:
                out.setdefault(r.kind, []).append(r.entry)
        return batch, out
