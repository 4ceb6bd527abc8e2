"""The last filter before text leaves the server: redact sensitive entities and unlawful phrases
in a fragment of posting text (used for streamed text; whole postings go through check_posting)."""
from __future__ import annotations

from guards.confidential import scan_confidential_output
from guards.sensitive import SensitiveMatcher
from guards.text import drop_clauses
from guards.validators import enforce_law, redact_sensitive

# Longest span a hiring-law finding can cover (a clause); a streaming filter holds this much back.
LAW_HOLDBACK_CHARS = 160


def clean_fragment(text: str, matcher: SensitiveMatcher, law_context: str, language: str) -> str:
    """Text safe to send: no registry entry, no confidential content, no unlawful condition."""
    text, _ = redact_sensitive(text, matcher, language)
    if conf := scan_confidential_output(text):
        text = drop_clauses(text, [(h.start, h.end) for h in conf])
    langs = ("en", "ko") if language == "en" else ("ko",)
    text, _ = enforce_law(text, law_context, langs)
    return text


def holdback_chars(matcher: SensitiveMatcher) -> int:
    return max(matcher.max_match_chars, LAW_HOLDBACK_CHARS)


def redact_lines(text: str, matcher: SensitiveMatcher) -> tuple[str, list[str]]:
    """The text without the lines that name a registry entry, and the categories left out."""
    kept, categories = [], []
    for line in (text or "").splitlines():
        hits = matcher.find(line)
        if hits:
            categories += [h.category for h in hits]
        else:
            kept.append(line)
    return "\n".join(kept), categories


def redact_prose(text: str, matcher: SensitiveMatcher) -> tuple[str, list[str]]:
    """The text without the clauses that name a registry entry, and the categories left out."""
    hits = matcher.find(text or "")
    if not hits:
        return text, []
    return drop_clauses(text, [(h.start, h.end) for h in hits]), [h.category for h in hits]
