"""What non-admins see of a company's own texts (intro, past postings, summaries): lines that hold a
registry entry are left out and only their category is said, so the registry stays admins' alone."""
from __future__ import annotations

from access.keys import Principal
from catalog.models import PastPostingRecord
from guards.publish import redact_lines, redact_prose
from guards.sensitive import SensitiveMatcher

__all__ = ["matcher_for", "posting_view", "redact_lines", "redact_prose"]


def matcher_for(rt, company_id: str) -> SensitiveMatcher:
    return SensitiveMatcher(rt.repo.get_sensitive_entities(company_id))


def posting_view(rt, principal: Principal, record: PastPostingRecord) -> dict:
    data = record.model_dump()
    if principal.has_role("admin"):
        return data
    matcher = matcher_for(rt, record.company_id)
    removed: list[dict] = []
    sections = {}
    for key, body in record.sections.items():
        text, cats = redact_lines(body, matcher)
        sections[key] = text
        removed += [{"section": key, "category": c} for c in dict.fromkeys(cats)]
    title, cats = redact_prose(record.title, matcher)
    removed += [{"section": "title", "category": c} for c in dict.fromkeys(cats)]
    return data | {"title": title, "sections": sections, "redacted": removed}
