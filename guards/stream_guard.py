"""Holds streamed posting text back until it can be cleaned whole: no secret split across chunks reaches a client."""
from __future__ import annotations

import re
from typing import Callable, Protocol

from guards.publish import clean_fragment, holdback_chars
from guards.sensitive import SensitiveMatcher

_SENTENCE_END = re.compile(r"[.!?。…](?=\s)")
_SPACE = re.compile(r"\s+")
# Cut candidates tried per attempt: each costs a call to `clean`, which runs the guard validators.
_MAX_TRIES = 4
# Bound on the work spent dropping the head of a piece that completes a secret with released text.
_MAX_DROP_TRIES = 40


class StreamGuard:
    """Turns raw text deltas into cleaned text that is safe to send as it comes.

    Text is released a complete line at a time (postings are line-structured, and a registry entry
    or an unlawful clause is seen whole within its line). A line is released only when cleaning it
    alone gives what cleaning everything held gives for it, so a hit that runs on into text already
    received keeps the line back. A line that grows past `cap` without a newline is cut at a
    sentence end or a space at least `holdback` characters before the end of what is held, so a
    hit starting before the cut is complete before it is cleaned.

    What a line cannot see is text that has not arrived: a secret broken by a newline ("한빛\\n은행")
    completes only after its first part was released. So each release is also checked joined to
    the tail of what was already released; if cleaning the join would change it, the new piece loses
    its head up to the end of that hit (the released part alone matches nothing, and the validated
    posting that follows the stream has the whole redacted).

    Clean text comes through unchanged: every check compares `clean` outputs, and `clean` returns
    clean text as it is."""

    def __init__(self, clean: Callable[[str], str], holdback: int, cap: int | None = None):
        self._clean = clean
        self._holdback = max(int(holdback), 0)
        self._cap = cap if cap is not None else max(2 * self._holdback, 200)
        self._keep = 4 * self._holdback + 200  # released text kept as context for the join check
        self._pending = ""
        self._sent = ""
        self._failed_at: int | None = None  # len(pending) when the last attempt found no cut

    def feed(self, delta: str) -> str:
        """Add a delta; return the text that is safe to send now (often "")."""
        if not delta:
            return ""
        self._pending += delta
        if not self._worth_trying(delta):
            return ""
        found = self._find_cut()
        if found is None:
            self._failed_at = len(self._pending)
            return ""
        cut, cleaned = found
        self._pending = self._pending[cut:]
        self._failed_at = None
        return self._release(cleaned)

    def flush(self) -> str:
        """The end of the stream: everything still held, cleaned."""
        text, self._pending = self._pending, ""
        self._failed_at = None
        return self._release(self._clean(text)) if text else ""

    # --- where to cut -------------------------------------------------------------------------
    def _worth_trying(self, delta: str) -> bool:
        # Models stream a few characters at a time; trying a cut on every token would run the
        # validators hundreds of times per posting. A new line end is a new candidate; a long line
        # is retried only after it has grown a little.
        if "\n" in delta:
            return True
        if len(self._pending) <= self._cap:
            return False
        return self._failed_at is None or len(self._pending) - self._failed_at >= 32

    def _find_cut(self) -> tuple[int, str] | None:
        pending = self._pending
        whole = self._clean(pending)
        line_ends = [m.end() for m in re.finditer("\n", pending)]
        for cut in reversed(line_ends[-_MAX_TRIES:]):
            if (head := self._stable(pending, cut, whole)) is not None:
                return cut, head
        if len(pending) > self._cap:
            for cut in self._long_line_cuts(pending)[:_MAX_TRIES]:
                if (head := self._stable(pending, cut, whole)) is not None:
                    return cut, head
        return None

    def _stable(self, pending: str, cut: int, whole: str) -> str | None:
        """The cleaned head if cutting here changes nothing: cleaning the head alone gives the start
        of what cleaning everything held gives (no hit straddles the cut)."""
        head = self._clean(pending[:cut])
        return head if whole.startswith(head) else None

    def _long_line_cuts(self, pending: str) -> list[int]:
        limit = len(pending) - self._holdback
        if limit <= 0:
            return []
        sentences = [m.end() for m in _SENTENCE_END.finditer(pending, 0, limit)]
        spaces = [m.end() for m in _SPACE.finditer(pending, 0, limit) if m.end() <= limit]
        cuts = list(dict.fromkeys([*reversed(sentences[-2:]), *reversed(spaces[-2:]), limit]))
        return [c for c in cuts if 0 < c <= limit]

    # --- releasing ----------------------------------------------------------------------------
    def _context(self) -> str:
        """The released text a new piece is checked against: at least `holdback` characters, from a
        line start where possible (line-level law rules need the whole line)."""
        sent = self._sent
        if len(sent) <= self._holdback:
            return sent
        return sent[sent.rfind("\n", 0, len(sent) - self._holdback) + 1:]

    def _release(self, text: str) -> str:
        if not text:
            return ""
        tail = self._context()
        if tail:
            base = self._clean(tail)
            if self._clean(tail + text) != base + text:
                text = self._drop_straddle(tail, base, text)
        self._sent = (self._sent + text)[-self._keep:]
        return text

    def _drop_straddle(self, tail: str, base: str, text: str) -> str:
        # The released part of the hit is out already and matches nothing alone; what this piece
        # adds to it must not follow. Drop whole words from the front until the join is clean.
        cuts = [m.end() for m in _SPACE.finditer(text)][:_MAX_DROP_TRIES]
        for cut in cuts:
            rest = text[cut:]
            if self._clean(tail + rest) == base + rest:
                return rest
        return ""


class _CompanyContext(Protocol):
    matcher: SensitiveMatcher

    def text_for_law_exceptions(self) -> str: ...


def company_cleaner(ctx: _CompanyContext, language: str) -> Callable[[str], str]:
    """`clean` for one thread's posting: the company's registry and the hiring-law rules."""
    matcher, law_context = ctx.matcher, ctx.text_for_law_exceptions()

    def clean(text: str) -> str:
        out = clean_fragment(text, matcher, law_context, language)
        # A law fix re-normalizes the text (NFKC, collapsed spacing) after redaction ran, which can
        # close up an entry written with wide gaps; redact once more if that happened.
        if matcher and matcher.find(out):
            out = matcher.redact(out, language)[0]
        return out

    return clean


def guard_for(ctx: _CompanyContext, language: str) -> StreamGuard:
    """The guard for one thread's streamed posting."""
    return StreamGuard(company_cleaner(ctx, language), holdback_chars(ctx.matcher))
