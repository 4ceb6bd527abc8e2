"""Sensitive-entity control: find, mask and redact a company's registry entries in any text.

Matching is layered so that rewording does not slip through:
1. the entry or an alias, case-insensitive, tolerant of inserted spaces/punctuation ("project오로라");
2. partial matches: an entry's distinctive part ("오로라" in "Project 오로라") found on its own
   ("오로라 프로젝트"), or two distinctive parts near each other ("재배치 ... 320명").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from catalog.models import SensitiveEntityRecord
from guards.text import compact, loose_pattern, nfkc

# Words that name a kind of thing rather than the secret itself; they never identify an entity.
GENERIC_WORDS = {
    "project", "프로젝트", "코드명", "codename", "code", "name", "과제", "team", "팀", "the", "of", "and",
    "제품", "product", "계획", "plan", "목표", "target", "원", "억", "만", "월", "년", "명", "약", "수준",
    "버전", "version", "신제품", "new", "단독", "출시", "내부", "internal",
}
PARTIAL_WINDOW = 40
PLACEHOLDER = {"ko": "[비공개]", "en": "[confidential]"}


@dataclass(frozen=True)
class EntityHit:
    entity: str
    category: str
    start: int
    end: int
    matched: str
    kind: str  # "exact" | "variant" | "partial"


def _tokens(variant: str) -> list[str]:
    return [t for t in re.split(r"\s+", nfkc(variant).strip()) if t]


def _distinctive(variant: str) -> list[str]:
    out = []
    for tok in _tokens(variant):
        c = compact(tok)
        if c in GENERIC_WORDS or len(c) < 2:
            continue
        # A bare number word like "2027년" is too common to identify anything on its own.
        if re.fullmatch(r"\d{4}년", c):
            continue
        out.append(tok)
    return out


class _CompiledEntity:
    def __init__(self, rec: SensitiveEntityRecord):
        self.rec = rec
        variants = [rec.text, *rec.aliases]
        self.full = [re.compile(loose_pattern(v), re.IGNORECASE) for v in variants if compact(v)]
        self.exact = [v.lower() for v in variants]
        self.parts: list[list[re.Pattern]] = []
        for v in variants:
            distinct = _distinctive(v)
            if distinct and len(distinct) < len(_tokens(v)) or len(distinct) > 1:
                self.parts.append([re.compile(loose_pattern(t, 1), re.IGNORECASE) for t in distinct])


class SensitiveMatcher:
    def __init__(self, entities: list[SensitiveEntityRecord]):
        self._entities = [_CompiledEntity(e) for e in entities if e.text.strip()]

    def __bool__(self) -> bool:
        return bool(self._entities)

    @property
    def max_match_chars(self) -> int:
        """The longest text any single hit can cover: what a streaming filter must hold back so a
        secret split across chunks is still seen whole before anything is sent."""
        longest = 0
        for ce in self._entities:
            for v in (ce.rec.text, *ce.rec.aliases):
                n = len(compact(v))
                # Loose matching allows up to 3 separators between characters.
                longest = max(longest, n * 4)
        return max(longest, PARTIAL_WINDOW * 2)

    def find(self, text: str) -> list[EntityHit]:
        hits: list[EntityHit] = []
        for ce in self._entities:
            taken: list[tuple[int, int]] = []
            for pat in ce.full:
                for m in pat.finditer(text):
                    kind = "exact" if m.group(0).lower() in ce.exact else "variant"
                    hits.append(EntityHit(ce.rec.text, ce.rec.category, m.start(), m.end(), m.group(0), kind))
                    taken.append((m.start(), m.end()))
            for parts in ce.parts:
                hits.extend(self._partial_hits(ce, parts, text, taken))
        return _dedupe(hits)

    @staticmethod
    def _partial_hits(ce: _CompiledEntity, parts: list[re.Pattern], text: str,
                      taken: list[tuple[int, int]]) -> list[EntityHit]:
        def free(m: re.Match) -> bool:
            return not any(s <= m.start() < e for s, e in taken)

        found = [[m for m in p.finditer(text) if free(m)] for p in parts]
        out: list[EntityHit] = []
        if len(parts) == 1:
            for m in found[0]:
                out.append(EntityHit(ce.rec.text, ce.rec.category, m.start(), m.end(), m.group(0), "partial"))
            return out
        # Several distinctive parts: flag any two of them close together.
        flat = sorted((m for ms in found for m in ms), key=lambda m: m.start())
        for a, b in zip(flat, flat[1:]):
            if a.re is not b.re and b.start() - a.end() <= PARTIAL_WINDOW:
                out.append(EntityHit(ce.rec.text, ce.rec.category, a.start(), b.end(),
                                     text[a.start():b.end()], "partial"))
        return out

    def redact(self, text: str, language: str = "ko") -> tuple[str, list[EntityHit]]:
        """Replace every hit with a placeholder. Re-scans until clean, so overlapping hits all go."""
        placeholder = PLACEHOLDER.get(language, PLACEHOLDER["ko"])
        all_hits: list[EntityHit] = []
        normalized = nfkc(text)
        if self.find(normalized) and not self.find(text):
            text = normalized  # width/compatibility tricks: work on the normalized form
        for _ in range(5):
            hits = self.find(text)
            if not hits:
                break
            all_hits.extend(hits)
            for h in sorted(_merge(hits), key=lambda h: h.start, reverse=True):
                text = text[:h.start] + placeholder + text[h.end:]
        return text, all_hits

    def mask_for_model(self, text: str, language: str = "ko") -> str:
        return self.redact(text, language)[0]


def _dedupe(hits: list[EntityHit]) -> list[EntityHit]:
    seen = set()
    out = []
    for h in sorted(hits, key=lambda h: (h.start, -h.end)):
        key = (h.start, h.end)
        if key not in seen:
            seen.add(key)
            out.append(h)
    return out


def _merge(hits: list[EntityHit]) -> list[EntityHit]:
    """Merge overlapping spans so redaction replaces each region once."""
    merged: list[EntityHit] = []
    for h in sorted(hits, key=lambda h: h.start):
        if merged and h.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = EntityHit(last.entity, last.category, last.start, max(last.end, h.end),
                                   last.matched, last.kind)
        else:
            merged.append(h)
    return merged
