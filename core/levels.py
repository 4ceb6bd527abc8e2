"""Career levels: accepted spellings and the experience wording each maps to."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Level:
    key: str
    label_ko: str
    label_en: str
    years_ko: str
    years_en: str


LEVELS: dict[str, Level] = {
    lv.key: lv
    for lv in (
        Level("entry", "신입", "Entry", "신입 또는 경력 1년 미만", "new graduates or under 1 year of experience"),
        Level("junior", "주니어", "Junior", "관련 경력 1~3년", "1-3 years of relevant experience"),
        Level("mid", "미들", "Mid-level", "관련 경력 4~7년", "4-7 years of relevant experience"),
        Level("senior", "시니어", "Senior", "관련 경력 8년 이상", "8+ years of relevant experience"),
        Level("lead", "리드", "Lead", "관련 경력 10년 이상, 팀 리딩 경험", "10+ years of experience including team leadership"),
    )
}

_ALIASES = {
    "신입": "entry", "entry": "entry", "new": "entry", "주니어": "junior", "junior": "junior",
    "미들": "mid", "중간": "mid", "mid": "mid", "middle": "mid", "시니어": "senior", "senior": "senior",
    "리드": "lead", "팀장": "lead", "lead": "lead", "경력": "mid",
}


def normalize_level(value: str | None) -> str | None:
    """Map a user-supplied level to its key; None when absent; ValueError when unknown."""
    if value is None or not str(value).strip():
        return None
    key = _ALIASES.get(str(value).strip().lower())
    if key is None:
        raise ValueError(f"unknown level {value!r}; use one of: {', '.join(LEVELS)} (or 신입/주니어/미들/시니어/리드)")
    return key
