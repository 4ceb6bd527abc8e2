"""Parses a past posting pasted as plain text (any common layout) into the posting's sections."""
from __future__ import annotations

import re
import unicodedata

from core.schemas import SECTION_KEYS

# Heading words per section, compared after decorations and spaces are removed, lower-cased.
# Korean sites, HR templates and English postings each word them differently.
_HEADINGS: dict[str, tuple[str, ...]] = {
    "about": ("회사소개", "기업소개", "팀소개", "회사및팀소개", "포지션소개", "about", "aboutus", "aboutthecompany", "aboutthe team",
              "whoweare", "company", "ourteam", "theteam", "우리는이런회사예요", "우리팀을소개해요"),
    "duties": ("주요업무", "담당업무", "업무내용", "주요업무내용", "직무내용", "하는일", "합류하면함께할업무예요", "이런일을해요",
               "합류하시면이런일을해요", "responsibilities", "whatyouwilldo", "whatyoulldo", "duties", "role", "therole",
               "yourrole", "keyresponsibilities", "jobdescription", "모집부문", "모집분야및업무"),
    "qualifications": ("자격요건", "지원자격", "필수요건", "필수자격", "자격조건", "필요역량", "이런분을찾아요", "이런분과함께하고싶어요",
                       "requirements", "qualifications", "minimumqualifications", "whatweresearchingfor", "whatwearelookingfor",
                       "whatwerelookingfor", "musthave", "basicqualifications", "자격요건및우대사항"),
    "preferred": ("우대사항", "우대조건", "우대요건", "이런분이면더좋아요", "이런경험이있다면더좋아요", "preferred", "preferredqualifications",
                  "nicetohave", "bonuspoints", "pluses", "plus", "bonus"),
    "benefits": ("복리후생", "혜택및복지", "복지및혜택", "복지", "혜택", "복지혜택", "복리후생및혜택", "benefits", "perks", "perksandbenefits",
                 "benefitsandperks", "whatweoffer", "우리가드리는것"),
    "process": ("채용절차", "전형절차", "채용프로세스", "전형과정", "채용과정", "지원방법", "접수방법", "hiringprocess", "interviewprocess",
                "process", "recruitmentprocess", "howtoapply"),
    "conditions": ("근무조건", "근무환경", "근무지", "근무형태", "고용형태", "근무시간", "근무장소", "급여", "처우", "근무지역", "근무정보",
                   "기타사항", "참고사항", "유의사항", "workingconditions", "conditions", "employmentterms", "location", "worklocation",
                   "employmenttype", "compensation", "salary"),
}
_LOOKUP = {name: key for key, names in _HEADINGS.items() for name in names}
# Words that are headings on a line of their own but ordinary items after a bullet ("- 급여 협의").
_WEAK = frozenset({"role", "plus", "pluses", "bonus", "process", "company", "location", "salary", "compensation", "급여",
                   "처우", "복지", "혜택", "근무지", "근무시간", "duties", "conditions"})
# What surrounds a heading: markdown #, brackets, boxes, arrows, numbering, trailing colons.
_DECOR = re.compile(r"^[\s#*>\[\]【】〔〕<>《》「」『』()（）■□●○◆◇▶▷►▪▫◎◈※♦✔✓☑︎✅🔹🔸💡👉\-–—=~|:：.·•]*"
                    r"(?:\d{1,2}[.)]\s*|[ⅰ-ⅿⅠ-Ⅿ①-⑳]\s*)?")
_TRAIL = re.compile(r"[\s\]】〕>》」』)）:：.!?~*=\-–—|]*$")
_BULLET = re.compile(r"^\s*(?:[-*•·∙◦ㆍᆞ▪▫■□●○◆◇▶▷►➤➔→✔✓☑✅🔹🔸👉◎◈♦]|\d{1,2}[.)](?!\d)|[①-⑳]|[a-zA-Z][.)](?=\s))\s*")
_MAX_HEADING = 40


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def heading_key(line: str) -> tuple[str | None, str]:
    """(section key, text after the heading on the same line) when the line is a section heading."""
    line = _norm(line).strip()
    if not line or len(line) > 200:
        return None, ""
    bulleted = bool(re.match(r"^[-*•·]\s", line))
    body = _DECOR.sub("", line)
    # "주요업무: API 개발" / "[자격요건] 3년 이상" — a heading with content on the same line.
    m = re.match(r"^(.{1,30}?)\s*(?:[:：]|[\]】〕>》」』)])\s*(.+)$", body)
    candidates = [(body, "")]
    if m:
        candidates.insert(0, (m.group(1), m.group(2).strip()))
    for head, rest in candidates:
        if len(head) > _MAX_HEADING:
            continue
        name = re.sub(r"[\s'’&/·,]+", "", _TRAIL.sub("", head)).lower()
        key = _LOOKUP.get(name)
        if key and not (bulleted and (name in _WEAK or rest)):
            return key, rest
    return None, ""


def normalize_item(line: str) -> str:
    """One content line as markdown: bullets of any kind become '- '; notes (※) and prose stay.
    Content keeps its characters (NFC only); NFKC is for recognising headings."""
    stripped = unicodedata.normalize("NFC", line).strip()
    if stripped.startswith("※"):
        return stripped
    if _BULLET.match(stripped):
        item = _BULLET.sub("", stripped, count=1).strip()
        return f"- {item}" if item else ""
    return stripped


def parse_posting_text(text: str) -> dict[str, str]:
    """Sections (canonical keys) of a posting pasted as text. Text before the first heading is the
    company/position introduction; a heading seen twice continues the same section."""
    sections: dict[str, list[str]] = {}
    current = "about"
    for raw in (text or "").replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        key, rest = heading_key(raw)
        if key is not None:
            current = key
            sections.setdefault(current, [])
            if rest:
                sections[current].append(normalize_item(rest))
            continue
        item = normalize_item(raw)
        if item:
            sections.setdefault(current, []).append(item)
    out = {k: "\n".join(v).strip() for k, v in sections.items() if any(s.strip() for s in v)}
    return {k: out[k] for k in SECTION_KEYS if k in out}


def sections_from_fields(sections: dict[str, str]) -> dict[str, str]:
    """Sections given as a mapping whose keys are headings in any wording (or canonical keys)."""
    out: dict[str, list[str]] = {}
    for name, body in sections.items():
        key = name if name in SECTION_KEYS else heading_key(name)[0]
        if key is None or not str(body).strip():
            continue
        out.setdefault(key, []).extend(normalize_item(s) for s in str(body).splitlines() if s.strip())
    return {k: "\n".join(v) for k in SECTION_KEYS if (v := out.get(k))}
