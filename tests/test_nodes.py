"""Each node's own logic, called directly."""
from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from api.runtime import Runtime
from authoring.composer import compose_posting
from authoring.extraction import extract_baseline, extract_from_request
from catalog.collector import BundledCollector
from core.jobcodes import JOB_CODES
from core.schemas import Posting
from nodes.understand_request import make_understand_request, parse_entities, parse_understanding
from nodes.input_guard import make_input_guard
from nodes.intent import make_intent, rule_intent
from nodes.retrieve import make_retrieve
from nodes.validate_output import make_validate_output
from tests.support.scripted import scripted_models

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"


@pytest.fixture
def rt(settings):
    return Runtime(settings)


def test_sample_data_shape():
    c = BundledCollector(SAMPLE)
    assert len(c.list_company_ids()) >= 5
    for cid in c.list_company_ids():
        bundle = c.fetch_company(cid)
        assert bundle.profile.intro and bundle.sensitive_entities
        assert len(c.fetch_postings(cid)) >= 3
        # Every registry entry really appears in the company's own documents or postings.
        corpus = "\n".join([d.text for d in bundle.documents] + [bundle.profile.intro])
        assert any(e.text in corpus for e in bundle.sensitive_entities)
    handbook = c.fetch_company("hanseong-electronics").documents[0].text
    # 30+ pages of text: ~43k characters, about 1,400 per A4 page with headings and spacing.
    assert handbook.count("<!-- page") >= 30 and len(handbook) >= 40_000


def test_input_guard_node(rt):
    node = make_input_guard(rt.deps)

    def guard(state):
        return asyncio.run(node(state))

    out = guard({"company_id": "nuri-ai", "job_code": "1000242", "request": "Project 오로라 경험자 우대 ML 공고"})
    assert out["status"] == "running" and "오로라" not in out["masked_request"]
    assert guard({"company_id": "x", "job_code": "1000242"})["status"] == "rejected"
    assert guard({"company_id": "nuri-ai", "job_code": "1"})["status"] == "rejected"
    assert guard({"company_id": "nuri-ai", "job_code": "1000242", "level": "boss"})["status"] == "rejected"


def test_intent_rules_and_model(settings):
    assert rule_intent("") == "template"
    assert rule_intent("기본 초안 보여줘") == "template"
    assert rule_intent("Kafka 경험을 강조하고 재택근무 조건을 넣은 백엔드 공고를 새로 써줘") == "custom"
    assert rule_intent("톤 바꿔줘") is None
    rt = Runtime(settings, scripted_models())
    out = asyncio.run(make_intent(rt.deps)({"masked_request": "톤 바꿔줘"}))
    assert out["route"] == "custom" and out["usage"]["llm_calls"] == 1
    out = asyncio.run(make_intent(rt.deps)({"masked_request": "톤 바꿔줘", "mode": "template"}))
    assert out["route"] == "template"


def test_extraction_rules_and_json_parsing():
    ent = extract_from_request("Kotlin과 Kafka 경험 필수, AWS 경험 우대, 주 2회 재택근무, 계약직")
    assert {"Kotlin", "Kafka", "AWS"} <= set(ent.skills)
    assert ent.employment_type == "계약직" and any("재택" in b for b in ent.benefits)
    assert any("우대" in p for p in ent.preferred)
    assert parse_entities('설명\n{"skills": "PyTorch", "level": "시니어"}').skills == ["PyTorch"]
    assert parse_entities("not json") is None


def test_understanding_is_one_model_call_and_masks_its_output(settings):
    rt = Runtime(settings, scripted_models())
    out = asyncio.run(make_understand_request(rt.deps)({"company_id": "nuri-ai", "job_code": "1000242", "level": "senior",
                                                        "masked_request": "LLM 공고", "language": "ko"}))
    assert out["entities"]["skills"][0] == "PyTorch"
    assert out["usage"]["llm_calls"] == 1, "entities and the brief come from one call"
    assert out["brief"].startswith("시니어 ML 엔지니어")
    assert out["understood"]["source"].startswith("model:understand_request.v")
    assert "오로라" not in str(out["entities"]) + out["brief"]
    sent = "\n".join(str(m.content) for m in rt.models.small.calls[0])
    assert "LLM 공고" in sent and "오로라" not in sent


def test_understanding_reply_parsing():
    got = parse_understanding('결과: {"skills": "Go", "brief": "Go 강조", "unknown": 1}')
    assert got is not None and got.skills == ["Go"] and got.brief == "Go 강조"
    assert parse_understanding("[1, 2]") is None and parse_understanding("{broken") is None


def test_composer_uses_only_sourced_facts():
    c = BundledCollector(SAMPLE)
    profile = c.fetch_company("chorok-foods").profile
    past = c.fetch_postings("chorok-foods", "1000187")
    job = JOB_CODES["1000187"]
    ent = extract_baseline(job, "mid", profile, past)
    posting = compose_posting(profile, job, "mid", ent, past, [], "detailed")
    md = posting.to_markdown()
    assert "관련 경력 4~7년" in md and "연간 마케팅 전략 수립" in md
    assert "인재상" in md
    assert Posting.from_markdown(md).sections.keys() == posting.sections.keys()


def test_retrieve_node_switches_on_budget(rt):
    retrieve = make_retrieve(rt.deps)
    big = retrieve({"company_id": "hanseong-electronics", "job_code": "1000201", "brief": "채용 담당자"})
    assert big["retrieval"]["mode"] == "faiss" and len(big["context"]) == rt.settings.retrieval_top_k
    small = retrieve({"company_id": "solbit-cosmetics", "job_code": "1000187", "brief": "퍼포먼스 마케터"})
    assert small["retrieval"]["mode"] == "full"
    assert all("신세계인터내셔날" not in c for c in big["context"] + small["context"])


def test_validate_output_node_fixes_and_flags(rt):
    node = make_validate_output(rt.deps)

    def validate(state):
        return asyncio.run(node(state))

    md = "# [초록들식품] 마케팅기획\n\n## 주요업무\n- 달빛라면 출시 캠페인\n- 브랜드 캠페인 기획\n\n## 자격요건\n- 남성 우대\n"
    out = validate({"company_id": "chorok-foods", "job_code": "1000187", "posting": md, "language": "ko"})
    assert "달빛라면" not in out["posting"] and "남성 우대" not in out["posting"]
    rules = {f["rule_id"] for f in out["output_findings"]}
    assert {"OUT-SENSITIVE-001", "KR-SEX-001", "OUT-SECTION-001"} <= rules
    assert "## 복리후생" in out["posting"], "missing sections are filled from company data"
    off = validate({"company_id": "chorok-foods", "job_code": "1000187", "language": "ko",
                    "posting": "# 영업 사원\n\n## 주요업무\n- 거래처 방문\n"})
    assert "OUT-ONJOB-001" in {f["rule_id"] for f in off["output_findings"]}
