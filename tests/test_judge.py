"""The model judge (scripted small model): its findings count, and its failure policy holds."""
from __future__ import annotations

import json

from tests.support.scripted import scripted_models

CLEAN_POSTING = """# [누리에이아이] 시니어 ML 엔지니어

## 회사소개
누리에이아이는 한국어 대화형 AI 스타트업입니다.

## 주요업무
- 한국어 LLM 미세조정 파이프라인 운영

## 자격요건
- PyTorch 분산 학습 경험
- 팀 분위기상 활발한 막내 스타일이면 좋겠습니다

## 복리후생
- 주 2회 재택근무

## 채용절차
서류전형 → 기술 면접 → 최종 합격

## 근무조건
- 정규직, 서울 강남구
"""
REQ = {"company_id": "nuri-ai", "job_code": "1000242", "level": "senior", "mode": "custom",
       "request": "PyTorch 분산 학습 경험을 강조한 시니어 ML 엔지니어 공고를 써줘"}


def _judge(request_answer: str | Exception, posting_answer: str | Exception):
    seen: list[str] = []

    def judge(system: str, user: str) -> str:
        seen.append(user)
        answer = posting_answer if "POSTING" in user else request_answer
        if isinstance(answer, Exception):
            raise answer
        return answer
    return judge, seen


def test_judge_findings_count_on_both_sides(make_client):
    judge, seen = _judge('{"classes": ["discriminatory"], "reason": "age-coded wish"}',
                         json.dumps({"issues": [{"quote": "활발한 막내 스타일이면 좋겠습니다", "kind": "unlawful",
                                                 "reason": "age-coded"}]}, ensure_ascii=False))
    client = make_client(models=scripted_models(CLEAN_POSTING, judge))
    r = client.post("/generations", json=REQ)
    body = r.json()
    assert r.status_code == 200, body
    rules = {f["rule_id"] for f in body["findings"]}
    assert {"IN-JUDGE-002", "OUT-JUDGE-001"} <= rules
    assert "discriminatory" in body["guard_classes"]
    assert "막내" not in body["posting"] and "PyTorch 분산 학습 경험" in body["posting"]
    # The judge never receives a registry entry.
    assert seen and not any("오로라" in u or "한빛은행" in u for u in seen)


def test_judge_can_reject_what_rules_allow(make_client):
    judge, _ = _judge('{"classes": ["off_domain"], "reason": "not a posting"}', '{"issues": []}')
    client = make_client(models=scripted_models(CLEAN_POSTING, judge))
    r = client.post("/generations", json=REQ)
    assert r.status_code == 422 and r.json()["classes"] == ["off_domain"]


def test_request_side_fails_open_to_the_rules_output_side_fails_closed(make_client):
    judge, _ = _judge("not json at all", RuntimeError("judge backend down"))
    client = make_client(models=scripted_models(CLEAN_POSTING, judge))
    r = client.post("/generations", json=REQ)
    body = r.json()
    # The request judge failed: the rules' verdict stood (the run went on)...
    assert "IN-JUDGE-ERR" in {f["rule_id"] for f in body.get("findings") or []}
    # ...but the posting judge failed too, so nothing unreviewed is shown.
    assert body["status"] == "blocked" and not body["posting"]
    assert "OUT-JUDGE-ERR" in {f["rule_id"] for f in body["findings"]}
