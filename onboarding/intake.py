"""A past posting as an HR team hands it in, and how it becomes a stored posting (parse, classify)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, field_validator

from catalog.models import PastPostingRecord
from core.jobcodes import check_job_code
from core.levels import normalize_level
from onboarding.job_classifier import classify_posting
from onboarding.posting_parser import parse_posting_text, sections_from_fields

BODY_SECTIONS = ("duties", "qualifications", "preferred", "benefits")


class IntakeError(ValueError):
    """A posting that cannot be stored: says which one and why."""


class PostingIn(BaseModel):
    """A past posting: pasted text (any common layout) or sections; job_code null = classify it."""

    job_code: str | None = Field(default=None, description="JobKorea duty code, 'other', or null to classify")
    title: str = Field(min_length=1, max_length=300)
    text: str | None = Field(default=None, max_length=50000)
    sections: dict[str, str] | None = Field(default=None, description="heading (any wording) or section key -> text")
    level: str | None = None
    language: Literal["ko", "en"] = "ko"
    posted_at: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    public: bool = Field(default=False, description="other teams may see it among similar postings")

    @field_validator("job_code")
    @classmethod
    def _job(cls, v: str | None) -> str | None:
        return v if v is None or v == "other" else check_job_code(v, ", 'other', or null to classify")

    @field_validator("level")
    @classmethod
    def _level(cls, v: str | None) -> str | None:
        return normalize_level(v)

    def to_record(self, company_id: str, index: int = 0) -> tuple[PastPostingRecord, dict]:
        """The stored posting and what was done to it (sections found, job code classified or given)."""
        if (self.text is None) == (self.sections is None):
            raise IntakeError(f"[{index}] text 또는 sections 중 하나만 보내세요 (exactly one of text, sections).")
        sections = parse_posting_text(self.text) if self.text is not None else sections_from_fields(self.sections or {})
        if not any(sections.get(k) for k in BODY_SECTIONS):
            raise IntakeError(f"[{index}] {self.title!r}: 주요업무·자격요건·우대사항·복리후생 같은 섹션을 찾지 못했습니다 "
                              "(no posting sections found; add headings such as 주요업무 / 자격요건).")
        job_code, confidence = self.job_code, None
        if job_code is None:
            c = classify_posting(self.title, "\n".join(sections.values()))
            job_code, confidence = c.job_code, c.confidence
        record = PastPostingRecord(id="", company_id=company_id, job_code=job_code, level=self.level, language=self.language,
                                   title=self.title, sections=sections, posted_at=self.posted_at, source="api", public=self.public)
        return record, {"title": self.title, "job_code": job_code, "classified": self.job_code is None,
                        "confidence": confidence, "sections": list(sections)}
