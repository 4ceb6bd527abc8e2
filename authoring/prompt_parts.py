"""What the writing prompt carries from a company's data, trimmed: the facts that matter first and
one past posting's shape for style, not everything stored (tokens are money and latency)."""
from __future__ import annotations

import json

from core.schemas import SECTION_HEADINGS, SECTION_KEYS, JobEntities, Posting

# Request-specific items come first in every list (authoring.extraction.merge_entities), so a cap
# keeps what was asked for and the company's most common items after it.
LIST_ITEMS = 5
ITEM_CHARS = 80
# A style reference needs the title's form, the headings, the tone and how items are written.
STYLE_LINES_PER_SECTION = 3
STYLE_LINE_CHARS = 160
# The company's introduction leads the stable prefix; past this length, whole sentences are kept up
# to it (the opening already states who the company is; documents come through retrieval).
COMPANY_CHARS = 800


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def compact_entities(entities: JobEntities) -> str:
    """The facts as JSON, each list capped and each item clipped; empty fields left out."""
    out: dict = {}
    for key, value in entities.model_dump().items():
        if isinstance(value, list):
            if value:
                out[key] = [_clip(str(v), ITEM_CHARS) for v in value[:LIST_ITEMS]]
        elif value:
            out[key] = _clip(str(value), ITEM_CHARS)
    return json.dumps(out, ensure_ascii=False)


def style_reference(postings: list[Posting]) -> str:
    """The most recent past posting's shape: title, headings and the first lines of each section."""
    if not postings:
        return "-"
    p = postings[0]
    parts = [f"# {p.title}"]
    for key in SECTION_KEYS:
        body = p.sections.get(key, "")
        lines = [ln for ln in body.splitlines() if ln.strip()]
        kept = [_clip(ln, STYLE_LINE_CHARS) for ln in lines[:STYLE_LINES_PER_SECTION]]
        if len(lines) > STYLE_LINES_PER_SECTION:
            kept.append("…")
        if kept:
            parts.append(f"## {SECTION_HEADINGS[p.language][key]}\n" + "\n".join(kept))
    return "\n\n".join(parts)


def company_summary(intro: str, limit: int = COMPANY_CHARS) -> str:
    """The introduction up to `limit` characters, cut at a sentence or line end."""
    intro = intro.strip()
    if len(intro) <= limit:
        return intro
    head = intro[:limit]
    cut = max(head.rfind(m) for m in (". ", "다.", "\n", "요.", "! ", "? "))
    return (head[:cut + 2] if cut > limit // 2 else head).rstrip()
