"""Sensitive-entity matching and redaction: variants, partial mentions, and publishable output."""
from catalog.models import SensitiveEntityRecord as R
from guards.sensitive import SensitiveMatcher

M = SensitiveMatcher([
    R(text="Project 오로라", category="codename", aliases=["Aurora"]),
    R(text="2027년 인력 재배치 320명", category="confidential_figure"),
    R(text="10.20.30.41", category="ip_address"),
    R(text="gpu-cluster.nuri.internal", category="hostname"),
    R(text="한빛은행", category="nda_client"),
    R(text="누리챗 2.0", category="unreleased_product", aliases=["NuriChat 2.0"]),
])
PLACEHOLDERS = ("[비공개]", "[confidential]", "[REDACTED]", "***")


def redacted(text):
    return M.redact(text)[0]


def test_exact_and_case_variants_are_redacted_without_placeholder():
    for text in ("Project 오로라 참여", "PROJECT오로라 참여", "aurora team"):
        out = redacted(text)
        assert M.find(out) == [] and not any(p in out for p in PLACEHOLDERS)
    # The clause goes, the rest of the line stays.
    assert redacted("- Python 백엔드 개발, Project 오로라 참여") == "- Python 백엔드 개발"


def test_partial_and_reordered_mentions_are_caught():
    assert "오로라" not in redacted("오로라 프로젝트에 합류")
    assert "320" not in redacted("재배치 인원은 320명 규모")


def test_spacing_and_width_tricks_are_caught():
    assert "로" not in redacted("오 로 라 개발")
    assert "한빛" not in redacted("한 빛 은 행 콜센터")
    assert "ＡＵＲＯＲＡ" not in redacted("ＡＵＲＯＲＡ 팀")  # full-width letters


def test_hostnames_and_ips():
    out = redacted("학습 서버 gpu-cluster.nuri.internal (10.20.30.41)")
    assert "nuri.internal" not in out and "10.20.30.41" not in out


def test_unrelated_text_is_untouched():
    text = "320명 규모 채용을 진행하는 은행권 고객센터 AI"
    assert redacted(text) == text
    assert M.find("2027년 신입 공채") == []


def test_partial_match_never_spans_a_sentence_or_a_longer_number():
    # The bug from the issue: "누리챗" in one sentence and the "20" of 2024 in the next.
    text = "대표 솔루션 '누리챗'은 금융권에서 쓰입니다. 2024년 시리즈 B 투자를 유치했습니다."
    assert M.find(text) == []
    assert redacted(text) == text
    assert M.find("누리챗 2024 로드맵") == []
    assert M.find("누리챗 2.0 출시") != []


def test_redacted_posting_is_publishable():
    posting = ("# [누리에이아이] 백엔드 개발자\n\n## 회사소개\n누리에이아이는 누리챗 2.0과 한빛은행 파일럿을 준비합니다. "
               "고객센터 자동화 AI를 만듭니다.\n\n## 주요업무\n- Project 오로라 API 개발\n- 대화 로그 파이프라인 운영, "
               "gpu-cluster.nuri.internal 관리\n")
    out = redacted(posting)
    assert M.find(out) == []
    assert not any(p in out for p in PLACEHOLDERS)
    assert "고객센터 자동화 AI를 만듭니다." in out
    assert "- 대화 로그 파이프라인 운영\n" in out + "\n"
    for line in out.splitlines():
        assert line.strip() not in ("-", ",", "- ,"), line
        assert not line.rstrip().endswith((",", "와", "과")), line


def test_mask_for_model_leaves_no_hits():
    masked = M.mask_for_model("Project 오로라와 한빛은행 파일럿, 서버 10.20.30.41")
    assert M.find(masked) == []
    request = M.mask_for_model("Project 오로라 경험 있는 백엔드 개발자 공고", mode="span")
    assert M.find(request) == [] and "백엔드 개발자 공고" in request
