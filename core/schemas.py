"""Data shapes shared by the store, the graph and the API."""
from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, Field

Language = Literal["ko", "en"]
Style = Literal["concise", "detailed", "past_style"]
STYLES: tuple[Style, ...] = ("concise", "detailed", "past_style")

# Canonical section keys, in posting order, with their headings per language.
SECTION_KEYS = ("about", "duties", "qualifications", "preferred", "benefits", "process", "conditions")
SECTION_HEADINGS: dict[str, dict[str, str]] = {
    "ko": {"about": "회사소개", "duties": "주요업무", "qualifications": "자격요건", "preferred": "우대사항",
           "benefits": "복리후생", "process": "채용절차", "conditions": "근무조건"},
    "en": {"about": "About us", "duties": "Responsibilities", "qualifications": "Qualifications",
           "preferred": "Preferred qualifications", "benefits": "Benefits", "process": "Hiring process",
           "conditions": "Working conditions"},
}
# Headings an LLM (or a past posting) may use for each section.
_HEADING_SYNONYMS: dict[str, tuple[str, ...]] = {
    "about": ("회사소개", "회사 소개", "about", "about us", "company", "who we are", "팀 소개"),
    "duties": ("주요업무", "주요 업무", "담당업무", "담당 업무", "responsibilities", "what you will do", "duties"),
    "qualifications": ("자격요건", "자격 요건", "지원자격", "필수요건", "qualifications", "requirements"),
    "preferred": ("우대사항", "우대 사항", "preferred", "preferred qualifications", "nice to have", "bonus points"),
    "benefits": ("복리후생", "복지", "혜택", "benefits", "perks"),
    "process": ("채용절차", "채용 절차", "전형절차", "전형 절차", "hiring process", "process", "interview process"),
    "conditions": ("근무조건", "근무 조건", "근무환경", "working conditions", "conditions", "employment terms"),
}
REQUIRED_SECTIONS = ("about", "duties", "qualifications", "benefits", "process", "conditions")


def section_key_for_heading(heading: str) -> str | None:
    h = re.sub(r"[\s:#*\[\]【】]+", " ", heading).strip().lower()
    for key, names in _HEADING_SYNONYMS.items():
        for name in names:
            if h == name or h.startswith(name + " ") or h.replace(" ", "") == name.replace(" ", ""):
                return key
    return None


class JobEntities(BaseModel):
    """What matters for a posting, extracted from the request, past postings and company info."""

    job_title: str | None = None
    level: str | None = None
    years: str | None = None
    skills: list[str] = Field(default_factory=list)
    duties: list[str] = Field(default_factory=list)
    qualifications: list[str] = Field(default_factory=list)
    preferred: list[str] = Field(default_factory=list)
    benefits: list[str] = Field(default_factory=list)
    location: str | None = None
    employment_type: str | None = None
    salary: str | None = None
    talent_profile: list[str] = Field(default_factory=list, description="인재상")
    hiring_process: list[str] = Field(default_factory=list)


class Posting(BaseModel):
    title: str
    language: Language = "ko"
    sections: dict[str, str] = Field(default_factory=dict)

    def to_markdown(self) -> str:
        headings = SECTION_HEADINGS[self.language]
        parts = [f"# {self.title}"]
        for key in SECTION_KEYS:
            body = self.sections.get(key, "").strip()
            if body:
                parts.append(f"## {headings[key]}\n{body}")
        return "\n\n".join(parts) + "\n"

    @classmethod
    def from_markdown(cls, text: str, language: Language = "ko", default_title: str = "") -> "Posting":
        """Parse '# title' / '## heading' markdown; unknown headings stay with the previous section."""
        title = default_title
        sections: dict[str, list[str]] = {}
        current: str | None = None
        for line in text.splitlines():
            stripped = line.strip()
            if stripped.startswith("# ") and not stripped.startswith("## "):
                title = stripped[2:].strip() or title
                continue
            if stripped.startswith("#"):
                key = section_key_for_heading(stripped.lstrip("#"))
                if key:
                    current = key
                    sections.setdefault(key, [])
                    continue
            if current:
                sections[current].append(line)
        return cls(title=title or default_title, language=language,
                   sections={k: "\n".join(v).strip() for k, v in sections.items()})


Severity = Literal["info", "warning", "error", "critical"]


class Finding(BaseModel):
    """One problem found by a guard or validator, with enough to show and to fix it."""

    rule_id: str
    severity: Severity
    message: str
    span: str | None = None
    start: int | None = None
    end: int | None = None
    suggestion: str | None = None
    where: Literal["request", "output"] = "output"


class Usage(BaseModel):
    prompt_tokens: int = 0
    completion_tokens: int = 0
    llm_calls: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class ReviewDecision(BaseModel):
    action: Literal["approve", "edit", "reject", "revise"]
    edited_posting: str | None = Field(default=None, description="Markdown of the edited posting (action=edit or revise)")
    comment: str | None = None
    reviewer: str | None = None
