"""Text normalization shared by the guards."""
from __future__ import annotations

import re
import unicodedata

# Characters a user may insert to break up a word ("오 로 라", "P.r.o.j.e.c.t", "2 5 세").
SEPARATOR_CLASS = r"[\s\-_.·,/'\"()\[\]*~|]"
_SEP_RE = re.compile(SEPARATOR_CLASS + "+")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def compact(text: str) -> str:
    """Lowercase NFKC text with separators removed: the form spacing tricks collapse to."""
    return _SEP_RE.sub("", nfkc(text).lower())


def loose_pattern(token: str, max_gap: int = 3) -> str:
    """Regex matching the token's characters with up to max_gap separators between them."""
    chars = [c for c in compact(token)]
    gap = f"{SEPARATOR_CLASS}{{0,{max_gap}}}"
    return gap.join(re.escape(c) for c in chars)


_DIGIT_GAP = re.compile(r"(?<=\d)\s+(?=[\d세살대년])")


def collapse_digit_spacing(text: str) -> str:
    """'2 5 세' -> '25세', '3 0 대' -> '30대': defeats spacing tricks around numbers."""
    prev = None
    while prev != text:
        prev, text = text, _DIGIT_GAP.sub("", text)
    return text


def is_english(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3" or "\u3131" <= c <= "\u318e")
    return hangul / len(letters) < 0.2
