"""One shared Kiwi analyzer (it takes a second to load its model)."""
from __future__ import annotations

import re
from functools import lru_cache

from kiwipiepy import Kiwi

# Content-bearing morphemes: nouns, foreign words, numbers, verb/adjective roots.
_CONTENT_TAGS = ("NNG", "NNP", "NNB", "SL", "SN", "SH", "XR", "VV", "VA")


@lru_cache(maxsize=1)
def kiwi() -> Kiwi:
    return Kiwi()


def split_sentences(text: str) -> list[str]:
    return [s.text.strip() for s in kiwi().split_into_sents(text) if s.text.strip()]


def content_terms(text: str) -> list[str]:
    """Morphemes that carry meaning, lowercased ('백엔드 개발자를' -> ['백엔드', '개발자'])."""
    terms = []
    for tok in kiwi().tokenize(text):
        if tok.tag.startswith(_CONTENT_TAGS):
            form = tok.form.lower()
            if len(form) > 1 or re.match(r"[\uac00-\ud7a3]", form):
                terms.append(form)
    return terms
