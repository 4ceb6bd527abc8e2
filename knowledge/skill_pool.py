"""The skill pool of a job code, across companies: required skills (from requirements), preferred
skills and typical duties, each with how many companies and postings name it. A term must be named
by two companies or more — so no one company's own wording (or secret) reaches another team — and
be more frequent in this job than across all jobs (so "Excel" is a finance skill only if finance
postings name it more often than postings in general)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from knowledge.skill_terms import SkillTerm, skill_terms

KINDS = {"required": "qualifications", "preferred": "preferred", "duties": "duties"}


@dataclass(frozen=True)
class PoolPosting:
    company_id: str
    job_code: str
    sections: dict[str, str]


@dataclass(frozen=True)
class PoolEntry:
    skill: str
    key: str
    companies: int
    postings: int
    share: float  # of this job's postings
    lift: float  # share here / share across all postings

    def as_dict(self) -> dict:
        return {"skill": self.skill, "key": self.key, "companies": self.companies, "postings": self.postings,
                "share": round(self.share, 3), "lift": round(self.lift, 2)}


def posting_terms(sections: dict[str, str]) -> dict[str, dict[str, SkillTerm]]:
    """kind -> {key: term} named by one posting."""
    out: dict[str, dict[str, SkillTerm]] = {}
    for kind, section in KINDS.items():
        terms: dict[str, SkillTerm] = {}
        for line in (sections.get(section) or "").splitlines():
            for t in skill_terms(line):
                terms.setdefault(t.key, t)
        out[kind] = terms
    return out


class PoolCounts:
    """Term counts over a corpus, kept so pools for several job codes (and leave-one-out pools in the
    evaluation) come from one pass of extraction."""

    def __init__(self, postings: list[PoolPosting], terms: list[dict[str, dict[str, SkillTerm]]] | None = None):
        self.postings = postings
        self.terms = terms if terms is not None else [posting_terms(p.sections) for p in postings]

    def pool(self, job_code: str, *, kind: str, top: int = 50, min_companies: int = 2, min_lift: float = 1.5,
             exclude_keys: frozenset[str] = frozenset(), skip_company: str | None = None) -> list[PoolEntry]:
        all_df: Counter = Counter()
        code_df: Counter = Counter()
        companies: dict[str, set[str]] = defaultdict(set)
        surfaces: dict[str, Counter] = defaultdict(Counter)
        n_all = n_code = 0
        for p, terms in zip(self.postings, self.terms):
            if p.company_id == skip_company:
                continue
            keys = terms[kind]
            n_all += 1
            all_df.update(keys.keys())
            if p.job_code != job_code:
                continue
            n_code += 1
            code_df.update(keys.keys())
            for key, term in keys.items():
                companies[key].add(p.company_id)
                # A known skill shows under its canonical name; others as most often written.
                surfaces[key][term.surface] += 1000 if term.known else 1
        if not n_code:
            return []
        entries = []
        for key, df in code_df.items():
            if key in exclude_keys or len(companies[key]) < min_companies:
                continue
            share = df / n_code
            lift = share / (all_df[key] / n_all)
            if lift < min_lift:
                continue
            entries.append(PoolEntry(surfaces[key].most_common(1)[0][0], key, len(companies[key]), df, share, lift))
        entries.sort(key=lambda e: (-e.companies, -e.postings, -e.lift, e.key))
        return entries[:top]
