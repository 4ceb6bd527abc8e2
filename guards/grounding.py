"""Grounding: claims in a posting must come from the company's data, its past postings or the
request. Numbers (salary, headcount, money, percentages, periods) that no source states are
removed with their line; skills that no source names are flagged for the reviewer."""
from __future__ import annotations

import re
from dataclasses import dataclass

from authoring.extraction import skills_in
from core.schemas import Posting
from guards.text import compact

CHECKED_SECTIONS = ("about", "duties", "qualifications", "preferred", "benefits", "conditions")
_NUMBER_CLAIM = re.compile(r"\d[\d,.]*\s*(?:~\s*\d[\d,.]*\s*)?(만\s*원|억\s*원?|천만\s*원?|원|명|%|일|개월|년|시간|회|개국|곳|만\s*건|건)")


@dataclass(frozen=True)
class Claim:
    section: str
    line: str
    kind: str  # number | skill
    text: str


def claims_in(posting: Posting) -> list[Claim]:
    out = []
    for key in CHECKED_SECTIONS:
        for line in posting.sections.get(key, "").splitlines():
            if not line.strip():
                continue
            out += [Claim(key, line, "number", m.group(0)) for m in _NUMBER_CLAIM.finditer(line)]
            out += [Claim(key, line, "skill", s) for s in skills_in(line)]
    return out


def unsupported_claims(posting: Posting, sources: str) -> list[Claim]:
    corpus = compact(sources)
    skills_known = {s.lower() for s in skills_in(sources)}
    bad = []
    for c in claims_in(posting):
        if c.kind == "number" and compact(c.text) not in corpus:
            bad.append(c)
        elif c.kind == "skill" and c.text.lower() not in skills_known:
            bad.append(c)
    return bad


def drop_lines(posting: Posting, claims: list[Claim]) -> Posting:
    lines_to_drop = {(c.section, c.line) for c in claims}
    sections = {}
    for key, body in posting.sections.items():
        kept = [ln for ln in body.splitlines() if (key, ln) not in lines_to_drop]
        sections[key] = "\n".join(kept).strip()
    return posting.model_copy(update={"sections": sections})
