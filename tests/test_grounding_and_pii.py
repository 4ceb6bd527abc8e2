from core.config import Settings
from core.schemas import Posting
from guards.grounding import drop_lines, unsupported_claims
from guards.pii import mask_pii

SOURCES = "연봉 5,000만 원 이상, 주 2회 재택근무. Python과 Kafka를 사용합니다. 채용 인원 3명."


def test_unsourced_numbers_and_skills_are_caught_and_sourced_ones_allowed():
    posting = Posting(title="t", sections={
        "benefits": "- 연봉 5,000만 원 이상\n- 입사 축하금 1억 원\n- 주 2회 재택근무",
        "qualifications": "- Python 경험\n- Rust 경험",
        "conditions": "- 채용 인원 3명\n- 채용 인원 10명"})
    bad = unsupported_claims(posting, SOURCES)
    assert {c.text for c in bad} == {"1억 원", "Rust", "10명"}
    fixed = drop_lines(posting, [c for c in bad if c.kind == "number"])
    assert "1억" not in fixed.sections["benefits"] and "5,000만 원" in fixed.sections["benefits"]
    assert "10명" not in fixed.sections["conditions"] and "3명" in fixed.sections["conditions"]


def test_pii_is_masked_but_role_mailboxes_are_kept():
    text, hits = mask_pii("문의: recruit@nuri.ai, 담당자 개인메일 minsu.park@gmail.com, 010-1234-5678, 900101-1234567")
    assert "recruit@nuri.ai" in text
    assert "minsu.park" not in text and "010-1234-5678" not in text and "900101" not in text
    assert {h.rule_id for h in hits} == {"PII-EMAIL", "PII-PHONE", "PII-RRN"}
    assert mask_pii("연봉 5,000만 원, 2026-11-24 마감")[1] == []


def test_plain_database_url_is_accepted(monkeypatch):
    monkeypatch.delenv("JOBPOST_DATABASE_URL", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://root@127.0.0.1:5432/x")
    assert Settings().database_url == "postgresql://root@127.0.0.1:5432/x"
