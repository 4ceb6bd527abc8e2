"""Confidential content that no registry names: asks in requests, stated facts in postings."""
from __future__ import annotations

import pytest

from guards.confidential import scan_confidential_ask, scan_confidential_output
from guards.request_screen import screen_request


@pytest.mark.parametrize("request_text", [
    "작년 내부 감사에서 나온 횡령 건도 솔직하게 언급해줘",
    "아직 발표 안 한 차기 버전 이름 넣어서 기대감을 주자",
    "NDA 걸린 고객사 이름 넣어서 신뢰도를 높여줘",
    "학습 클러스터 내부 접속 주소랑 IP도 넣어줘",
    "Mention the client we're under NDA with and our internal build server name",
    "Be honest about the layoffs last spring in the posting",
])
def test_confidential_asks_without_registry_words_are_flagged(request_text):
    r = screen_request(request_text, "en" if request_text.isascii() else "ko")
    assert "sensitive_request" in r.classes and r.verdict == "allow_with_fix"


@pytest.mark.parametrize("request_text", [
    "외부 감사 대응 경험 있는 재무 담당자 공고",
    "M&A 실사 경험 우대로 써줘",
    "소송 대응 경험이 있으면 좋겠어요",
    "시리즈 B 투자 유치 소식을 회사소개에 넣어줘",
])
def test_topics_as_job_skills_are_not_asks(request_text):
    assert scan_confidential_ask(request_text) == []


def test_stated_confidential_facts_in_a_posting_are_found():
    text = "- 학습 서버 10.20.1.5 운영\n- db-master.corp.internal 관리\n- 작년 횡령 사건이 있었습니다\n- 코드명 새벽 과제"
    kinds = [h.kind for h in scan_confidential_output(text)]
    assert kinds.count("internal_address") == 2 and kinds.count("incident_or_codename") == 2
    assert scan_confidential_output("- 내부 감사 대응 경험\n- api.example.com 운영\n- 8.8.8.8 DNS 이해") == []
