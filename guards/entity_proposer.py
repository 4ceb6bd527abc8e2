"""Proposes sensitive-entity registry entries from a company's documents, for the HR manager
to accept or discard: codenames, unreleased products, NDA clients, internal figures,
hostnames/IPs and employees' personal data."""
from __future__ import annotations

import re

from catalog.models import CompanyDocument, SensitiveEntityRecord
from guards.pii import PII_RULES

_HOST = re.compile(r"\b[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:internal|local|corp|lan|intra)\b", re.IGNORECASE)
_IP = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
_PHONE = next(r.pattern for r in PII_RULES if r.rule_id == "PII-PHONE")
_NAME_PHONE = re.compile(r"([가-힣]{2,4})\s*" + _PHONE.pattern)
_CODENAME = (
    re.compile(r"(?:Project|PROJECT)\s+([A-Za-z가-힣0-9]{2,20})"),
    re.compile(r"(?:프로젝트|코드명|코드네임)\s+'?([A-Za-z가-힣0-9]{2,20})'?"),
    re.compile(r"([A-Za-z가-힣0-9]{2,20})\s+(?:프로젝트|과제)(?=[:：\s])"),
)
_GENERIC = {"신규", "차세대", "이", "해당", "본", "전사", "내부", "주요", "개발", "연구", "공동", "과제", "프로젝트", "팀",
            "코드명", "코드네임", "신제품", "제품", "자동화", "개선", "정산", "대외비", "사내"}
_UNRELEASED = re.compile(r"출시\s*예정|미출시|차기\s*버전|출시\s*목표|공개\s*목표|출시\s*전")
_ITEM_HEAD = re.compile(r"^\s*[-*]?\s*(?:신제품\s*[:：]\s*)?(?:[^'’:：]*?)?['‘]?([^'’:：,(]{2,30}?)['’]?\s*[:：]")
_QUOTED = re.compile(r"['‘\"]([^'’\"]{2,20})['’\"]")
_NDA = re.compile(r"NDA|비밀\s*유지|외부\s*언급\s*금지|비공개|대외비|공개\s*(불가|금지)|언급\s*금지")
# "고객사 대한제강과의 계약은 비공개": the name right after a client/partner word.
_CLIENT_AFTER = re.compile(r"(고객사|고객|파트너사|거래처|협력사|클라이언트|client)\s+['‘\"]?([가-힣A-Za-z0-9&]{2,20})", re.IGNORECASE)
_ORG = re.compile(r"([가-힣A-Za-z]{2,15}(?:은행|모터스|편의점|증권|카드|보험|전자|그룹|인터내셔날|코리아|이츠|테크|물산|제약|항공|통신))")
_FIGURE = re.compile(r"((?:원가절감|영업이익률|매출|재배치|감원|인력\s*재배치|흑자|적자)[^\n,.()]{0,12}?\d[\d.,]*\s*(?:억\s*원|억|%|명))")
_MONTHLY = re.compile(r"((?:월|연)\s*매출\s*\d[\d.,]*\s*억\s*원?)")


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]


def _trim_particles(text: str) -> str:
    """A captured name without the Korean particle or copula glued to it ("블루웨일이며" -> "블루웨일",
    "대한제강과의" -> "대한제강"): keep the tokens up to the first particle, ending or copula."""
    if not re.search(r"[가-힣]", text):
        return text
    from retrieval.korean import kiwi

    end = 0
    for tok in kiwi().tokenize(text):
        if tok.tag.startswith(("J", "E", "VCP", "VCN", "XSV", "XSA")):
            break
        end = tok.start + tok.len
    return text[:end].strip() or text


def propose_entities(documents: list[CompanyDocument], existing: list[SensitiveEntityRecord] | tuple = ()) -> list[SensitiveEntityRecord]:
    found: dict[str, str] = {}

    def add(text: str, category: str) -> None:
        text = _trim_particles(text.strip(" '\"‘’()[]"))
        if len(text) >= 2 and text not in _GENERIC and text not in found:
            found[text] = category

    for doc in documents:
        for m in _HOST.finditer(doc.text):
            add(m.group(0), "hostname")
        for m in _IP.finditer(doc.text):
            add(m.group(0), "ip_address")
        for m in _NAME_PHONE.finditer(doc.text):
            add(m.group(0), "personal_data")
        for sent in _sentences(doc.text):
            for rx in _CODENAME:
                for m in rx.finditer(sent):
                    add(m.group(1), "codename")
            if _UNRELEASED.search(sent):
                if m := _ITEM_HEAD.match(sent):
                    add(m.group(1), "unreleased_product")
                for q in _QUOTED.finditer(sent):
                    add(q.group(1), "unreleased_product")
            if _NDA.search(sent):
                for m in _ORG.finditer(sent):
                    add(m.group(1), "nda_client")
                for m in _CLIENT_AFTER.finditer(sent):
                    add(m.group(2), "nda_client")
            if doc.kind == "internal":
                for rx in (_FIGURE, _MONTHLY):
                    for m in rx.finditer(sent):
                        add(m.group(1), "confidential_figure")

    known = {e.text for e in existing} | {a for e in existing for a in e.aliases}
    return [SensitiveEntityRecord(text=t, category=c, source="proposed") for t, c in found.items() if t not in known]
