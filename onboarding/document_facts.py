"""Facts a company's own (non-internal) documents state under headings: benefits, hiring process
and 인재상 — used when its past postings do not say them. Lines naming a registry entry are left out."""
from __future__ import annotations

import re

from catalog.models import CompanyDocument
from onboarding.posting_parser import heading_key, normalize_item

_TALENT_HEADING = re.compile(r"^[\s#*\[\]【】■●▶-]*(인재상|핵심\s*가치|우리가\s*찾는\s*(사람|인재)|core\s*values|who\s*we\s*look\s*for)"
                             r"[\s\]】:：]*$", re.IGNORECASE)
# Any heading ends the section before it, known or not ("## 내부 참고" is not benefits).
_ANY_HEADING = re.compile(r"^\s*(#{1,6}\s+\S.*|\[[^\]]{1,30}\]|【[^】]{1,30}】|■\s*\S.{0,30})\s*$")
_TARGETS = {"benefits": "benefits", "process": "process"}


def document_facts(documents: list[CompanyDocument], matcher=None) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {"benefits": [], "process": [], "talent": []}
    for doc in documents:
        if doc.kind == "internal":  # internal material never becomes public wording
            continue
        current: str | None = None
        for line in doc.text.splitlines():
            if _TALENT_HEADING.match(line):
                current = "talent"
                continue
            key, rest = heading_key(line)
            if key is not None or _ANY_HEADING.match(line):
                current = _TARGETS.get(key or "")
                line = rest
            item = normalize_item(line).removeprefix("- ").strip()
            if current and item and not (matcher is not None and matcher.find(item)):
                out[current].append(item)
    return {k: list(dict.fromkeys(v))[:10] for k, v in out.items()}
