"""All reads and writes the service makes; each method is one transaction."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from catalog.models import (
    CompanyBundle,
    CompanyDocument,
    CompanyProfile,
    CompanySummary,
    PastPostingRecord,
    SensitiveEntityRecord,
)
from store.models import Company, Document, Draft, GenerationRun, PastPosting, SensitiveEntity


class Repository:
    def __init__(self, session_factory: sessionmaker[Session]):
        self._sf = session_factory

    # --- catalog -----------------------------------------------------------------------
    def list_companies(self) -> list[CompanySummary]:
        with self._sf() as s:
            rows = s.scalars(select(Company).order_by(Company.id)).all()
            return [CompanySummary.model_validate(r, from_attributes=True) for r in rows]

    def get_company(self, company_id: str) -> CompanyProfile | None:
        with self._sf() as s:
            row = s.get(Company, company_id)
            return CompanyProfile.model_validate(row, from_attributes=True) if row else None

    def get_documents(self, company_id: str) -> list[CompanyDocument]:
        with self._sf() as s:
            rows = s.scalars(select(Document).where(Document.company_id == company_id).order_by(Document.id)).all()
            return [CompanyDocument(title=r.title, kind=r.kind, text=r.text) for r in rows]

    def list_postings(self, company_id: str, job_code: str | None = None) -> list[PastPostingRecord]:
        with self._sf() as s:
            q = select(PastPosting).where(PastPosting.company_id == company_id)
            if job_code:
                q = q.where(PastPosting.job_code == job_code)
            rows = s.scalars(q.order_by(PastPosting.posted_at.desc(), PastPosting.id)).all()
            return [PastPostingRecord.model_validate(r, from_attributes=True) for r in rows]

    def all_postings(self) -> list[PastPostingRecord]:
        with self._sf() as s:
            rows = s.scalars(select(PastPosting).order_by(PastPosting.id)).all()
            return [PastPostingRecord.model_validate(r, from_attributes=True) for r in rows]

    def get_posting(self, posting_id: str) -> PastPostingRecord | None:
        with self._sf() as s:
            row = s.get(PastPosting, posting_id)
            return PastPostingRecord.model_validate(row, from_attributes=True) if row else None

    def get_sensitive_entities(self, company_id: str) -> list[SensitiveEntityRecord]:
        with self._sf() as s:
            rows = s.scalars(select(SensitiveEntity).where(SensitiveEntity.company_id == company_id)
                             .order_by(SensitiveEntity.id)).all()
            return [SensitiveEntityRecord(text=r.text, category=r.category, aliases=list(r.aliases or []),
                                          source=r.source) for r in rows]

    def all_sensitive_entities(self) -> list[SensitiveEntityRecord]:
        with self._sf() as s:
            return [SensitiveEntityRecord(text=r.text, category=r.category, aliases=list(r.aliases or []), source=r.source)
                    for r in s.scalars(select(SensitiveEntity)).all()]

    def all_sensitive_texts(self) -> list[str]:
        """Every company's registry entries and aliases (for cross-company outputs to leave out)."""
        with self._sf() as s:
            rows = s.scalars(select(SensitiveEntity)).all()
            return [t for r in rows for t in (r.text, *(r.aliases or []))]

    def add_sensitive_entities(self, company_id: str, entities: list[SensitiveEntityRecord]) -> int:
        """Add entries not yet in the registry; returns how many were added."""
        with self._sf.begin() as s:
            existing = set(s.scalars(select(SensitiveEntity.text).where(SensitiveEntity.company_id == company_id)))
            added = 0
            for e in entities:
                if e.text in existing:
                    continue
                s.add(SensitiveEntity(company_id=company_id, text=e.text, category=e.category,
                                      aliases=list(e.aliases), source=e.source))
                existing.add(e.text)
                added += 1
            return added

    def delete_sensitive_entity(self, company_id: str, text: str) -> bool:
        with self._sf.begin() as s:
            row = s.scalars(select(SensitiveEntity).where(SensitiveEntity.company_id == company_id,
                                                          SensitiveEntity.text == text)).first()
            if row is None:
                return False
            s.delete(row)
            return True

    def import_company(self, bundle: CompanyBundle, postings: list[PastPostingRecord]) -> bool:
        """Insert a company with its documents, postings and registry; False if it already exists."""
        with self._sf.begin() as s:
            if s.get(Company, bundle.profile.id) is not None:
                return False
            s.add(Company(**bundle.profile.model_dump()))
            s.flush()
            for d in bundle.documents:
                s.add(Document(company_id=bundle.profile.id, title=d.title, kind=d.kind, text=d.text))
            for e in bundle.sensitive_entities:
                s.add(SensitiveEntity(company_id=bundle.profile.id, text=e.text, category=e.category,
                                      aliases=list(e.aliases), source=e.source))
            for p in postings:
                s.add(PastPosting(**p.model_dump()))
            return True

    # --- template drafts ---------------------------------------------------------------
    def get_drafts(self, company_id: str, job_code: str, level: str, language: str = "ko") -> dict[str, Draft]:
        with self._sf() as s:
            rows = s.scalars(select(Draft).where(Draft.company_id == company_id, Draft.job_code == job_code,
                                                 Draft.level == level, Draft.language == language)).all()
            return {r.style: r for r in rows}

    def save_draft_check(self, *, draft_id: int, markdown: str, check_key: str, result: dict) -> None:
        """Store a draft's validation, unless the draft was rewritten meanwhile."""
        with self._sf.begin() as s:
            row = s.get(Draft, draft_id)
            if row is not None and row.markdown == markdown:
                row.check_key, row.check_result = check_key, result

    def save_drafts(self, company_id: str, job_code: str, level: str, drafts: dict[str, tuple[str, str]],
                    generator: str, language: str = "ko", tokens: int = 0) -> None:
        """Store all styles in one transaction (style -> (title, markdown)); replaces existing ones.
        If a concurrent request stored the same drafts first, theirs are kept."""
        try:
            self._write_drafts(company_id, job_code, level, drafts, generator, language, tokens)
        except IntegrityError:
            pass

    def _write_drafts(self, company_id: str, job_code: str, level: str, drafts: dict[str, tuple[str, str]],
                      generator: str, language: str, tokens: int = 0) -> None:
        with self._sf.begin() as s:
            for style, (title, markdown) in drafts.items():
                row = s.scalars(select(Draft).where(Draft.company_id == company_id, Draft.job_code == job_code,
                                                    Draft.level == level, Draft.style == style,
                                                    Draft.language == language)).first()
                if row is None:
                    s.add(Draft(company_id=company_id, job_code=job_code, level=level, style=style, title=title,
                                markdown=markdown, generator=generator, language=language, tokens=tokens))
                else:
                    row.title, row.markdown, row.generator, row.tokens = title, markdown, generator, tokens
                    row.check_key, row.check_result = None, None

    # --- generation runs ---------------------------------------------------------------
    def upsert_run(self, **fields) -> None:
        with self._sf.begin() as s:
            row = s.get(GenerationRun, fields["thread_id"])
            if row is None:
                s.add(GenerationRun(**fields))
            else:
                for k, v in fields.items():
                    setattr(row, k, v)

    def get_run(self, thread_id: str) -> GenerationRun | None:
        with self._sf() as s:
            return s.get(GenerationRun, thread_id)

    def list_runs(self, limit: int = 50) -> list[GenerationRun]:
        with self._sf() as s:
            return list(s.scalars(select(GenerationRun).order_by(GenerationRun.created_at.desc()).limit(limit)))


def seed_from_collector(repo: Repository, collector) -> int:
    """Import every company the collector knows that the store does not have yet."""
    added = 0
    for company_id in collector.list_company_ids():
        bundle = collector.fetch_company(company_id)
        if repo.import_company(bundle, collector.fetch_postings(company_id)):
            added += 1
    return added
