"""Attribute words written to slip past a filter: initial-consonant spellings ("ㄴㅈ만") and the
words a spaced-out spelling is joined back into ("경 상 도")."""
from __future__ import annotations

import re
from functools import lru_cache

from guards.ko_lexicon import AMBIGUOUS_WORDS, KO_ATTRIBUTES, KO_PERSON_ATTRS, KO_REGIONS

# --- Initial-consonant spellings ("ㄴㅈ만", "ㅇㅁ 중요") ------------------------------------------
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
# Runs that are everyday chat shorthand, never read as an attribute word.
_CHAT_SHORTHAND = {"ㅇㅈ", "ㄱㅅ", "ㅇㅋ", "ㄴㄴ", "ㅈㅅ", "ㅊㅋ", "ㄱㄱ", "ㅎㅇ", "ㅂㅂ", "ㅁㄹ", "ㄷㄷ", "ㅇㅇ", "ㅋㅋ",
                   "ㅎㅎ", "ㅠㅠ", "ㅜㅜ", "ㄹㅇ", "ㅈㄱ", "ㅅㄱ", "ㄱㄷ", "ㅁㅊ", "ㅂㄷ", "ㅃㄹ", "ㅈㅂ", "ㄱㅊ"}


def _initials_of(word: str) -> str:
    return "".join(_INITIALS[(ord(c) - 0xAC00) // 588] if "가" <= c <= "힣" else "?" for c in word)


@lru_cache(maxsize=1)
def _initials_index() -> dict[str, str]:
    """Initial consonants -> attribute word, for the words that name a person or a protected
    attribute unambiguously; an initial spelling shared by two such words is left alone."""
    words = {w for w in (KO_PERSON_ATTRS | set(KO_ATTRIBUTES) | KO_REGIONS | {"주민번호", "주민등록번호", "외모", "나이", "미혼", "기혼"})
             if re.fullmatch(r"[가-힣]{2,6}", w) and w not in AMBIGUOUS_WORDS and not w.endswith("다")}
    index: dict[str, set[str]] = {}
    for w in words:
        index.setdefault(_initials_of(w), set()).add(w)
    # Two initials fit many words; only the commonest attribute words are read from them, the
    # first listed winning ("ㅇㅁ" is 외모 before 엄마). Longer runs must fit one word.
    # A collision between words of one category ("ㅈㅇㅇ": 장애인/장애우) still reads as that category.
    out = {k: sorted(ws)[0] for k, ws in index.items()
           if len(k) > 2 and len({KO_ATTRIBUTES.get(w, "origin" if w in KO_REGIONS else w) for w in ws}) == 1}
    for w in _TWO_INITIAL_WORDS:
        k = _initials_of(w)
        if k not in _CHAT_SHORTHAND and k not in _PROFANE_INITIALS:
            out.setdefault(k, w)
    return out


_TWO_INITIAL_WORDS = ("남자", "여자", "남성", "여성", "외모", "나이", "미혼", "기혼", "종교", "장애", "출신", "국적", "연령",
                      "용모", "결혼", "임신", "유부", "돌싱", "지방", "신앙", "병력", "서울")
_PROFANE_INITIALS = {"ㅅㅂ", "ㅂㅅ", "ㅈㄹ", "ㄱㅅㄲ", "ㅆㅂ"}


_JAMO_RUN = re.compile(r"(?<![\u3131-\u318e])[\u3131-\u314e]{2,6}(?![\u3131-\u318e])")


# Words a user may break into spaced syllables ("경 상 도 사람"): joined back when they spell one.
SPACED_WORDS = frozenset(w for w in set(KO_ATTRIBUTES) | KO_REGIONS | KO_PERSON_ATTRS
                         if re.fullmatch(r"[가-힣]{2,6}", w) and w not in AMBIGUOUS_WORDS)


def _fits(word: str, written: str) -> bool:
    """A written form with initials or a mask in some places ("ㅅ천지", "임X") spells this word."""
    return len(word) == len(written) and all(
        w == c or c == "?" or (c in _INITIALS and _initials_of(w) == c) for w, c in zip(word, written))


@lru_cache(maxsize=4096)
def _spelled(written: str) -> str | None:
    """The one attribute word (or the words of one category) a partial spelling fits."""
    fits = [w for w in SPACED_WORDS if _fits(w, written)]
    cats = {KO_ATTRIBUTES.get(w, "origin" if w in KO_REGIONS else w) for w in fits}
    return sorted(fits)[0] if fits and len(cats) == 1 else None


# A word with some syllables left as initials or masked out ("ㅅ천지", "임X", "장*인").
_PARTIAL = re.compile(r"(?<![가-힣\u3131-\u314e\d])(?=[가-힣\u3131-\u314e]*[가-힣])(?=[가-힣]*[\u3131-\u314eXx×*○●◯□■＊])"
                      r"[가-힣\u3131-\u314eXx×*○●◯□■＊]{2,6}")
_MASKS = "Xx×*○●◯□■＊"


def _read_partial(m: re.Match) -> str:
    written = "".join("?" if c in _MASKS else c for c in m.group(0))
    # A trailing particle is not part of the word ("임X중", "ㅅ천지는"): try the longest prefix first.
    for end in range(len(written), 1, -1):
        if written[end - 1] == "?" and m.group(0)[end - 1] in "*＊":
            continue  # "경력 3년*": a footnote mark, not a masked syllable
        if "?" in written[:end] or any(c in _INITIALS for c in written[:end]):
            if word := _spelled(written[:end]):
                return word + m.group(0)[end:]
    return m.group(0)


def expand_initials(text: str) -> str:
    """'야간이라 ㄴㅈ만 뽑아' -> '야간이라 남자만 뽑아': an attribute word spelled by its initial consonants,
    in full or in part ("ㅅ천지"), or with a syllable masked ("임X")."""
    index = _initials_index()
    text = _PARTIAL.sub(_read_partial, text)
    # An initial spelling two words share is read as the one the text spells out elsewhere ("'ㅅㅊㅈ' … 신천지").
    spelled_out = {_initials_of(w): w for w in SPACED_WORDS if w in text}

    def read(m: re.Match) -> str:
        run = m.group(0)
        if run in _CHAT_SHORTHAND and _PERSON_AFTER.match(text, m.end()):
            # Shorthand right before a person ("ㅇㅈ 지원자만", "ㄴㅈ는 패스") names who is wanted.
            return _SHORTHAND_PERSON.get(run, run)
        return index.get(run) or spelled_out.get(run, run)

    return _JAMO_RUN.sub(read, text)


_PERSON_AFTER = re.compile(r"\s*(?:지원자|분|직원|사원|인재|만|는\s*(?:패스|제외|안|불가|노))")
_SHORTHAND_PERSON = {"ㅇㅈ": "여자", "ㄴㅈ": "남자"}
