"""Personal data in requests: masked before any model sees the text."""
from __future__ import annotations

import re
from dataclasses import dataclass

# Role mailboxes a posting may legitimately carry; an individual's address is masked.
ROLE_MAILBOXES = ("recruit", "careers", "career", "jobs", "hr", "hiring", "talent", "people", "insa", "채용")


@dataclass(frozen=True)
class PiiRule:
    rule_id: str
    kind: str
    pattern: re.Pattern
    placeholder: str


# The province, city and district before a street name ("경기도 용인시 수지구 "), all optional.
_REGION = r"(?:[가-힣]+(?:특별시|광역시|시|도)\s+)?(?:[가-힣]+(?:시|군|구)\s+)*"

PII_RULES = (
    PiiRule("PII-RRN", "주민등록번호", re.compile(r"(?<!\d)\d{6}\s*[-–]?\s*[1-8]\d{6}(?!\d)"), "[주민등록번호]"),
    PiiRule("PII-PHONE", "전화번호",
            re.compile(r"(?<!\d)(?:\+82[-\s]?)?0?1[016789][-\s.]?\d{3,4}[-\s.]?\d{4}(?!\d)"), "[전화번호]"),
    # A number spelled in Sino-Korean digits to slip past the filter ("공일공-삼삼칠칠-팔팔이일").
    PiiRule("PII-PHONE", "전화번호",
            re.compile(r"(?<![가-힣])[공영]\s*일\s*[공영일육칠팔구][-\s.]?(?:[공영일이삼사오육칠팔구][-\s.]?){7,8}(?![가-힣])"),
            "[전화번호]"),
    # A home: a street or lot address that ends in a building and unit number ("…로 84, 102동 1503호",
    # "송도동 123-45 더샵 101동 1203호"),
    # as flats are numbered; an office gives a floor ("4층"), not a 동/호 pair.
    PiiRule("PII-ADDRESS", "주소",
            re.compile(_REGION + r"[가-힣0-9]+(?:로|길|동|리|가)\s*\d+(?:-\d+)?(?:\s*번지)?"
                       r"(?:[,\s]+[가-힣A-Za-z0-9]+){0,3}?[,\s]+\d{1,4}\s*동\s*\d{1,4}\s*호"), "[주소]"),
    # The same home written the English way: a unit ("101-1502", "Apt 3") before a -ro/-gil street.
    PiiRule("PII-ADDRESS", "주소",
            re.compile(r"(?:\b\d{1,4}-\d{3,4}|\b(?:apt\.?|unit|#)\s*\d{1,5}),?\s+\d{1,4}(?:-\d+)?\s+[A-Za-z]+(?:-[A-Za-z]+)*-(?:ro|gil|daero)\b"
                       r"(?:,?\s+[A-Za-z]+(?:-[A-Za-z]+)*-(?:gu|si|gun|dong|eup|myeon))*", re.I), "[주소]"),
    PiiRule("PII-EMAIL", "이메일", re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"), "[이메일]"),
)


# A street address with only a unit number ("망원로12길 34, 202호") is a home when the writer says so
# ("면접은 제 집에서", "at my place"); an office unit is not masked.
_UNIT_ADDRESS = re.compile(_REGION + r"[가-힣0-9]+(?:로|길)\s*\d+(?:-\d+)?"
                           r"(?:[,\s]+[가-힣A-Za-z0-9]+){0,2}?[,\s]+\d{1,4}\s*호")
# An address labelled as someone's home, unit or not ("자택 주소 경기 이천시 부발읍 무촌로 45").
_LABELLED_HOME = re.compile(r"(?:자택|집|거주지|실\s*거주지|home)\s*(?:주소|address)?\s*[:：]?\s*"
                            r"(?P<addr>(?:[가-힣]+\s+){0,4}[가-힣0-9]+(?:로|길|동|리)\s*\d+(?:-\d+)?(?:\s*번지)?)", re.I)
_HOME = re.compile(r"(?:제|저희|우리|내|본인)\s*(?:집|자택|아파트|빌라|원룸)|자택|\b(?:my|our)\s+(?:home|house|place|apartment|flat)\b", re.I)


@dataclass(frozen=True)
class PiiHit:
    rule_id: str
    kind: str
    start: int
    end: int
    text: str


def find_pii(text: str) -> list[PiiHit]:
    hits = []
    for rule in PII_RULES:
        for m in rule.pattern.finditer(text):
            if rule.rule_id == "PII-EMAIL" and m.group(0).split("@", 1)[0].lower() in ROLE_MAILBOXES:
                continue
            hits.append(PiiHit(rule.rule_id, rule.kind, m.start(), m.end(), m.group(0)))
    # Addresses read as a home only from their context; one a rule already masked is not added twice.
    homes = [(m.start("addr"), m.end("addr")) for m in _LABELLED_HOME.finditer(text)]
    if _HOME.search(text):
        homes += [m.span() for m in _UNIT_ADDRESS.finditer(text)]
    for start, end in homes:
        if not any(h.start < end and start < h.end for h in hits):
            hits.append(PiiHit("PII-ADDRESS", "주소", start, end, text[start:end]))
    return hits


def mask_pii(text: str) -> tuple[str, list[PiiHit]]:
    hits = find_pii(text)
    placeholders = {r.rule_id: r.placeholder for r in PII_RULES}
    for h in sorted(hits, key=lambda h: h.start, reverse=True):
        text = text[:h.start] + placeholders[h.rule_id] + text[h.end:]
    return text, hits
