from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from catalog.models import CompanyDocument, CompanyProfile, PastPostingRecord
from core.config import Settings
from core.jobcodes import job_profiles_text
from guards.sensitive import SensitiveMatcher
from llm.models import ModelSet
from retrieval.index import IndexCache
from store.repository import Repository


@dataclass
class MaskedCompany:
    """The company's data with sensitive entities masked: the only form that reaches a model
    or the offline composer."""

    profile: CompanyProfile
    past: list[PastPostingRecord]  # this job's past postings
    all_postings: list[PastPostingRecord]  # every past posting of the company
    doc_facts: dict  # benefits, hiring process, 인재상 stated in the company's own documents


@dataclass
class CompanyContext:
    profile: CompanyProfile
    documents: list[CompanyDocument]
    past: list[PastPostingRecord]
    matcher: SensitiveMatcher
    all_postings: list[PastPostingRecord]  # every past posting of the company; `past` is this job's

    def masked(self, language: str) -> MaskedCompany:
        mask = lambda t: self.matcher.mask_for_model(t, language)  # noqa: E731

        def posting(p: PastPostingRecord) -> PastPostingRecord:
            return p.model_copy(update={"title": mask(p.title),
                                        "sections": {k: mask(v) for k, v in p.sections.items()}})

        all_masked = [posting(p) for p in self.all_postings]
        past_ids = {p.id for p in self.past}
        from onboarding.document_facts import document_facts

        return MaskedCompany(profile=self.profile.model_copy(update={"intro": mask(self.profile.intro)}),
                             past=[p for p in all_masked if p.id in past_ids], all_postings=all_masked,
                             doc_facts=document_facts(self.documents, self.matcher))

    def grounding_sources(self, request: str, extra: str = "") -> str:
        """Everything a claim may come from: company profile and documents, every past posting
        of the company (benefits are company-wide), the request, the level wording and the
        generic job profiles."""
        parts = [self.profile.intro, self.profile.location, " ".join(self.profile.talent_profile),
                 *(d.text for d in self.documents), request, extra, job_profiles_text()]
        for p in self.all_postings:
            parts += [p.title, *p.sections.values()]
        return "\n".join(parts)

    def text_for_law_exceptions(self) -> str:
        return "\n".join([self.profile.intro, *(d.text for d in self.documents),
                          *(v for p in self.past for v in p.sections.values())])


@dataclass
class Deps:
    """Everything nodes need from outside the state; built once per app."""

    repo: Repository
    models: ModelSet
    settings: Settings
    index_cache: IndexCache
    extra: dict = field(default_factory=dict)
    skill_pool: Any = None  # store.skill_pool.SkillPoolRepository; None: no suggestions
    response_cache: Any = None  # store.response_cache.ResponseCacheRepository; None: no reuse

    def skill_suggestions(self, job_code: str, sources: str, language: str) -> list[dict]:
        if self.skill_pool is None:
            return []
        from knowledge.suggestions import suggest_skills

        _, pool = self.skill_pool.pool(job_code=job_code)
        return suggest_skills(pool, sources, language)

    def company_context(self, company_id: str, job_code: str) -> CompanyContext:
        profile = self.repo.get_company(company_id)
        if profile is None:
            raise LookupError(company_id)
        all_postings = self.repo.list_postings(company_id)
        return CompanyContext(profile=profile, documents=self.repo.get_documents(company_id),
                              past=[p for p in all_postings if p.job_code == job_code],
                              matcher=SensitiveMatcher(self.repo.get_sensitive_entities(company_id)),
                              all_postings=all_postings)
