from __future__ import annotations

from dataclasses import dataclass, field

from catalog.models import CompanyDocument, CompanyProfile, PastPostingRecord
from core.config import Settings
from guards.sensitive import SensitiveMatcher
from llm.models import ModelSet
from retrieval.index import IndexCache
from store.repository import Repository


@dataclass
class CompanyContext:
    profile: CompanyProfile
    documents: list[CompanyDocument]
    past: list[PastPostingRecord]
    matcher: SensitiveMatcher

    def grounding_sources(self, all_postings: list[PastPostingRecord], request: str, extra: str = "") -> str:
        """Everything a claim may come from: company profile and documents, every past posting
        of the company (benefits are company-wide), the request and the level wording."""
        parts = [self.profile.intro, self.profile.location, " ".join(self.profile.talent_profile),
                 *(d.text for d in self.documents), request, extra]
        for p in all_postings:
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

    def company_context(self, company_id: str, job_code: str) -> CompanyContext:
        profile = self.repo.get_company(company_id)
        if profile is None:
            raise LookupError(company_id)
        return CompanyContext(profile=profile, documents=self.repo.get_documents(company_id),
                              past=self.repo.list_postings(company_id, job_code),
                              matcher=SensitiveMatcher(self.repo.get_sensitive_entities(company_id)))
