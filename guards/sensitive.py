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
from guards.text import compact, drop_clauses, nfkc, tidy_fragment

# Words that name a kind of thing rather than the secret itself; they never identify an entity.
GENERIC_WORDS = {
    "project", "프로젝트", "코드명", "codename", "code", "name", "과제", "team", "팀", "the", "of", "and",
    "제품", "product", "계획", "plan", "목표", "target", "원", "억", "만", "월", "년", "명", "약", "수준",
    "버전", "version", "신제품", "new", "단독", "출시", "내부", "internal",
}
PARTIAL_WINDOW = 40
# Separators a rewording may put between an entry's characters; never a line break, so a match
# stays on one line (and sentence ends are checked separately).
_GAP = r"[ \t\-_.·,/'\"()\[\]*~|]"
_SENTENCE_BREAK = re.compile(r"[.!?。]\s|\n")


def _entity_pattern(token: str, max_gap: int) -> str:
    """The token's characters with up to max_gap separators between them, anchored so a digit or
    Latin letter never matches inside a longer number or word ("2.0" is not the "20" of "2024")."""
    chars = list(compact(token))
    body = f"{_GAP}{{0,{max_gap}}}".join(re.escape(c) for c in chars)
    if chars and chars[0].isascii() and chars[0].isalnum():
        body = r"(?<![0-9A-Za-z])" + body
    if chars and chars[-1].isdigit():
        body += r"(?![0-9])"
    elif chars and chars[-1].isascii() and chars[-1].isalpha():
        body += r"(?![A-Za-z])"
    return body


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
        self.full = [re.compile(_entity_pattern(v, 3), re.IGNORECASE) for v in variants if compact(v)]
        self.exact = [v.lower() for v in variants]
        self.parts: list[list[re.Pattern]] = []
        for v in variants:
            distinct = _distinctive(v)
            if distinct and len(distinct) < len(_tokens(v)) or len(distinct) > 1:
                self.parts.append([re.compile(_entity_pattern(t, 1), re.IGNORECASE) for t in distinct])


class SensitiveMatcher:
    def __init__(self, entities: list[SensitiveEntityRecord]):
        self._entities = [_CompiledEntity(e) for e in entities if e.text.strip()]

    def __bool__(self) -> bool:
        return bool(self._entities)

    @property
    def entities(self) -> list[SensitiveEntityRecord]:
        return [ce.rec for ce in self._entities]

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
                    if _SENTENCE_BREAK.search(m.group(0)):
                        continue
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

        found = [[m for m in p.finditer(text) if free(m) and not _SENTENCE_BREAK.search(m.group(0))] for p in parts]
        out: list[EntityHit] = []
        if len(parts) == 1:
            for m in found[0]:
                out.append(EntityHit(ce.rec.text, ce.rec.category, m.start(), m.end(), m.group(0), "partial"))
            return out
        # Several distinctive parts: flag any two of them close together.
        flat = sorted((m for ms in found for m in ms), key=lambda m: m.start())
        for a, b in zip(flat, flat[1:]):
            # Two parts of one entry count only within a sentence: "누리챗" in one sentence and a
            # "2.0" in the next are two unrelated mentions.
            if a.re is not b.re and b.start() - a.end() <= PARTIAL_WINDOW \
                    and not _SENTENCE_BREAK.search(text[a.start():b.end()]):
                out.append(EntityHit(ce.rec.text, ce.rec.category, a.start(), b.end(),
                                     text[a.start():b.end()], "partial"))
        return out

    def redact(self, text: str, language: str = "ko", mode: str = "clause") -> tuple[str, list[EntityHit]]:
        """Remove every hit, leaving publishable text: no placeholder is ever written.

        mode "clause" drops each clause that holds a hit (a posting or company document reads on
        without it); mode "span" removes only the matched words (a short request keeps the rest
        of what was asked). Re-scans until clean, so overlapping and newly adjacent hits all go.
        """
        all_hits: list[EntityHit] = []
        normalized = nfkc(text)
        if self.find(normalized) and not self.find(text):
            text = normalized  # width/compatibility tricks: work on the normalized form
        for _ in range(8):
            hits = self.find(text)
            if not hits:
                break
            all_hits.extend(hits)
            spans = [(h.start, h.end) for h in _merge(hits)]
            if mode == "clause":
                text = drop_clauses(text, spans)
            else:
                for start, end in sorted(spans, reverse=True):
                    text = text[:start] + " " + text[end:]
                text = "\n".join(tidy_fragment(line) if line.strip() else line for line in text.split("\n"))
        return text, all_hits

    def mask_for_model(self, text: str, language: str = "ko", mode: str = "clause") -> str:
        return self.redact(text, language, mode)[0]


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
