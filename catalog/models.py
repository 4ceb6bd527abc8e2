from __future__ import annotations

from pydantic import BaseModel, Field

from core.schemas import Posting


class SensitiveEntityRecord(BaseModel):
    text: str
    category: str
    aliases: list[str] = Field(default_factory=list)
    source: str = "registry"


class CompanyDocument(BaseModel):
    title: str
    kind: str = "intro"
    text: str


class CompanySummary(BaseModel):
    id: str
    name: str
    kind: str
    industry: str = ""
    size: str = ""
    location: str = ""


class CompanyProfile(CompanySummary):
    intro: str = ""
    talent_profile: list[str] = Field(default_factory=list)


class CompanyBundle(BaseModel):
    """Everything a collector returns about one company."""

    profile: CompanyProfile
    documents: list[CompanyDocument] = Field(default_factory=list)
    sensitive_entities: list[SensitiveEntityRecord] = Field(default_factory=list)


class PastPostingRecord(BaseModel):
    id: str
    company_id: str
    job_code: str
    level: str | None = None
    language: str = "ko"
    title: str
    sections: dict[str, str] = Field(default_factory=dict)
    posted_at: str | None = None
    source: str = "bundled"  # bundled | collector | api
    public: bool = True  # may appear among other teams' similar postings

    def as_posting(self) -> Posting:
        return Posting(title=self.title, language=self.language, sections=self.sections)  # type: ignore[arg-type]
