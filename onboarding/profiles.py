"""Service 1's per-job profile: what a company's past postings and documents say about one job —
duties, required and preferred skills, typical benefits and the company's 인재상."""
from __future__ import annotations

import re
from collections import Counter

from pydantic import BaseModel, Field

from authoring.extraction import skills_in
from catalog.models import CompanyDocument, CompanyProfile, PastPostingRecord
from guards.sensitive import SensitiveMatcher
from onboarding.document_facts import document_facts

# Sentences about the people a company wants: 인재상, core values (not "컬처핏", an interview step).
_TALENT = re.compile(r"인재상|핵심\s*가치|인재(?!\s*채용)|가치관|일하는\s*방식|core\s*values?|we\s+value", re.IGNORECASE)
_SENTENCE = re.compile(r"[^\n.!?。]+[.!?。]?")


class JobProfile(BaseModel):
    job_code: str
    postings: int = 0
    duties: list[str] = Field(default_factory=list)
    required_skills: list[str] = Field(default_factory=list)
    preferred_skills: list[str] = Field(default_factory=list)
    qualifications: list[str] = Field(default_factory=list)
    preferred: list[str] = Field(default_factory=list)
    benefits: list[str] = Field(default_factory=list)
    talent_profile: list[str] = Field(default_factory=list, description="인재상")


def _items(text: str) -> list[str]:
    return [ln.strip().lstrip("-•*·※").strip() for ln in (text or "").splitlines() if ln.strip().lstrip("-•*·※").strip()]


def _common(lists: list[list[str]], limit: int) -> list[str]:
    """Items by how many postings carry them (then first seen): a company's recurring wording."""
    counts: Counter = Counter()
    first: dict[str, str] = {}
    for items in lists:
        for it in dict.fromkeys(items):
            key = re.sub(r"\s+", "", it.lower())
            counts[key] += 1
            first.setdefault(key, it)
    return [first[k] for k, _ in sorted(counts.items(), key=lambda kv: -kv[1])][:limit]


def talent_sentences(company: CompanyProfile, documents: list[CompanyDocument], limit: int = 6) -> list[str]:
    found = list(company.talent_profile)
    for doc in documents:
        if doc.kind == "internal":  # internal material is never a source of public wording
            continue
        for m in _SENTENCE.finditer(doc.text):
            sent = m.group(0).strip()
            if 8 <= len(sent) <= 200 and _TALENT.search(sent):
                found.append(sent)
    return list(dict.fromkeys(found))[:limit]


def build_profile(job_code: str, company: CompanyProfile, postings: list[PastPostingRecord],
                  documents: list[CompanyDocument], matcher: SensitiveMatcher) -> JobProfile:
    """Profile of one job from the company's postings of it. Registry entries are dropped from every
    item, so a profile can be shown and fed to a model as it is."""
    def clean(items: list[str]) -> list[str]:
        return [it for it in items if not matcher.find(it)]

    sections = [p.sections for p in postings]
    facts = document_facts(documents, matcher)
    quals = [_items(s.get("qualifications", "")) for s in sections]
    prefs = [_items(s.get("preferred", "")) for s in sections]
    required = Counter(sk for q in quals for sk in skills_in("\n".join(q)))
    preferred = Counter(sk for q in prefs for sk in skills_in("\n".join(q))) - required
    return JobProfile(
        job_code=job_code, postings=len(postings),
        duties=clean(_common([_items(s.get("duties", "")) for s in sections], 10)),
        qualifications=clean(_common(quals, 10)), preferred=clean(_common(prefs, 8)),
        required_skills=[k for k, _ in required.most_common(12)], preferred_skills=[k for k, _ in preferred.most_common(12)],
        benefits=clean(_common([_items(s.get("benefits", "")) for s in sections] + [facts["benefits"]], 12)),
        talent_profile=clean(list(dict.fromkeys(facts["talent"] + talent_sentences(company, documents)))[:8]),
    )
