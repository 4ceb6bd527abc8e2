"""Reads and writes for onboarding: new companies, pasted postings, uploaded documents, Service 1's
job state, per-job profiles and registry proposals."""
from __future__ import annotations

import hashlib
import re
import uuid

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from catalog.models import PastPostingRecord, SensitiveEntityRecord
from store.models import (Company, Document, Draft, EntityProposal, JobProfileRow, OnboardingJob, PastPosting,
                          SensitiveEntity, utcnow)


def slugify(name: str) -> str:
    """A readable id from a Latin name; Korean names get a short stable hash (ids stay ASCII)."""
    ascii_part = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    if len(ascii_part) >= 3:
        return ascii_part[:48]
    return "co-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]


def _new_job(company_id: str, detail: dict | None = None) -> OnboardingJob:
    return OnboardingJob(company_id=company_id, state="queued", progress=0.0, digest="", steps_done=[],
                         detail=detail or {}, attempts=0, updated_at=utcnow())


class OnboardingRepository:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._sf = session_factory

    # --- companies, postings, documents -----------------------------------------------
    def find_company_by_name(self, *, name: str) -> str | None:
        with self._sf() as s:
            wanted = re.sub(r"\s+", "", name).lower()
            for cid, cname in s.execute(select(Company.id, Company.name)):
                if re.sub(r"\s+", "", cname).lower() == wanted:
                    return cid
        return None

    def create_company(self, *, name: str, intro: str, industry: str = "", size: str = "", location: str = "",
                       talent_profile: list[str] | None = None, kind: str = "onboarded", company_id: str | None = None) -> str:
        """Create it and queue its job. With an explicit id that is taken: ValueError."""
        base = company_id or slugify(name)
        with self._sf.begin() as s:
            if company_id is not None and s.get(Company, company_id) is not None:
                raise ValueError(f"company id {company_id!r} is taken")
            cid, n = base, 2
            while s.get(Company, cid) is not None:
                cid, n = f"{base}-{n}", n + 1
            s.add(Company(id=cid, name=name, kind=kind, industry=industry, size=size, location=location, intro=intro,
                          talent_profile=list(talent_profile or [])))
            s.add(_new_job(cid))
        return cid

    def add_postings(self, *, company_id: str, postings: list[PastPostingRecord]) -> list[str]:
        ids = []
        with self._sf.begin() as s:
            for p in postings:
                pid = p.id or f"{company_id}-{uuid.uuid4().hex[:10]}"
                s.add(PastPosting(**(p.model_dump() | {"id": pid, "company_id": company_id})))
                ids.append(pid)
        return ids

    def add_document(self, *, company_id: str, title: str, kind: str, text: str) -> int:
        with self._sf.begin() as s:
            row = Document(company_id=company_id, title=title, kind=kind, text=text)
            s.add(row)
            s.flush()
            return row.id

    def company_digest(self, *, company_id: str) -> str:
        """Fingerprint of everything Service 1 reads: a change means its outputs are stale."""
        h = hashlib.sha256()
        with self._sf() as s:
            c = s.get(Company, company_id)
            if c is not None:
                h.update(f"{c.name}\x00{c.intro}\x00{c.talent_profile}".encode())
            for p in s.scalars(select(PastPosting).where(PastPosting.company_id == company_id).order_by(PastPosting.id)):
                h.update(f"{p.id}\x00{p.job_code}\x00{p.title}\x00{sorted(p.sections.items())}".encode())
            for d in s.scalars(select(Document).where(Document.company_id == company_id).order_by(Document.id)):
                h.update(f"{d.title}\x00{d.text}".encode())
            for e in s.scalars(select(SensitiveEntity).where(SensitiveEntity.company_id == company_id).order_by(SensitiveEntity.text)):
                h.update(f"{e.text}\x00{e.aliases}".encode())
        return h.hexdigest()

    # --- the Service 1 job ---------------------------------------------------------------
    def get_job(self, *, company_id: str) -> OnboardingJob | None:
        with self._sf() as s:
            return s.get(OnboardingJob, company_id)

    def mark_stale(self, *, company_id: str) -> None:
        """The company's data changed: (re)queue its job. Generation waits until it is ready again."""
        with self._sf.begin() as s:
            job = s.get(OnboardingJob, company_id)
            if job is None:
                # No job yet: a bundled or collector import, processed at start-up and ready since.
                s.add(_new_job(company_id, {"ever_ready": True}))
            elif job.state != "processing":  # a running job notices the change itself and reruns
                job.state, job.progress, job.error, job.updated_at = "queued", 0.0, None, utcnow()

    def update_job(self, *, company_id: str, **fields) -> None:
        with self._sf.begin() as s:
            job = s.get(OnboardingJob, company_id)
            if job is None:
                job = _new_job(company_id)
                s.add(job)
            for k, v in fields.items():
                setattr(job, k, v)
            job.updated_at = utcnow()

    def pending_jobs(self) -> list[str]:
        """Jobs to (re)start: queued ones, and any left processing by a server that stopped."""
        with self._sf() as s:
            return list(s.scalars(select(OnboardingJob.company_id).where(OnboardingJob.state.in_(("queued", "processing")))
                                  .order_by(OnboardingJob.updated_at)))

    def blocks_generation(self, *, company_id: str) -> OnboardingJob | None:
        """The job, while a newly onboarded company is not ready yet (later reprocessing never blocks)."""
        job = self.get_job(company_id=company_id)
        if job is None or job.state == "ready" or (job.detail or {}).get("ever_ready"):
            return None
        return job

    def clear_drafts(self, *, company_id: str) -> None:
        with self._sf.begin() as s:
            s.execute(delete(Draft).where(Draft.company_id == company_id))

    # --- job profiles ------------------------------------------------------------------
    def save_profile(self, *, company_id: str, job_code: str, profile: dict) -> None:
        with self._sf.begin() as s:
            row = s.get(JobProfileRow, (company_id, job_code))
            if row is None:
                s.add(JobProfileRow(company_id=company_id, job_code=job_code, profile=profile, updated_at=utcnow()))
            else:
                row.profile, row.updated_at = profile, utcnow()

    def get_profiles(self, *, company_id: str) -> dict[str, dict]:
        with self._sf() as s:
            return {r.job_code: r.profile for r in s.scalars(select(JobProfileRow).where(JobProfileRow.company_id == company_id))}

    # --- registry proposals ------------------------------------------------------------
    def save_proposals(self, *, company_id: str, proposals: list[SensitiveEntityRecord]) -> int:
        """Store new pending proposals; ones already decided or already in the registry are skipped."""
        with self._sf.begin() as s:
            known = set(s.scalars(select(EntityProposal.text).where(EntityProposal.company_id == company_id)))
            known |= set(s.scalars(select(SensitiveEntity.text).where(SensitiveEntity.company_id == company_id)))
            added = 0
            for p in proposals:
                if p.text in known:
                    continue
                s.add(EntityProposal(company_id=company_id, text=p.text, category=p.category, aliases=list(p.aliases),
                                     status="pending", created_at=utcnow()))
                known.add(p.text)
                added += 1
            return added

    def list_proposals(self, *, company_id: str, status: str | None = None) -> list[dict]:
        with self._sf() as s:
            q = select(EntityProposal).where(EntityProposal.company_id == company_id).order_by(EntityProposal.id)
            if status:
                q = q.where(EntityProposal.status == status)
            return [{"id": p.id, "text": p.text, "category": p.category, "aliases": p.aliases, "status": p.status,
                     "decided_by": p.decided_by, "created_at": p.created_at, "decided_at": p.decided_at}
                    for p in s.scalars(q)]

    def decide_proposal(self, *, company_id: str, proposal_id: int, accept: bool, decided_by: str | None,
                        text: str | None = None, category: str | None = None, aliases: list[str] | None = None) -> dict | None:
        """Accept (adds the entry — as corrected, when text/category/aliases are given — to the
        registry, in the same transaction) or reject a pending proposal. A decided one is returned
        unchanged with `changed: false`."""
        with self._sf.begin() as s:
            p = s.get(EntityProposal, proposal_id)
            if p is None or p.company_id != company_id:
                return None
            if p.status != "pending":
                return {"id": p.id, "text": p.text, "category": p.category, "status": p.status, "changed": False}
            p.text, p.category = (text or p.text).strip(), category or p.category
            p.aliases = list(aliases) if aliases is not None else list(p.aliases)
            p.status, p.decided_by, p.decided_at = ("accepted" if accept else "rejected"), decided_by, utcnow()
            exists = s.scalars(select(SensitiveEntity).where(SensitiveEntity.company_id == company_id,
                                                             SensitiveEntity.text == p.text)).first()
            if accept and exists is None:
                s.add(SensitiveEntity(company_id=company_id, text=p.text, category=p.category, aliases=list(p.aliases),
                                      source="proposed"))
            return {"id": p.id, "text": p.text, "category": p.category, "status": p.status, "changed": True}
