from catalog.models import SensitiveEntityRecord as R
from guards.sensitive import SensitiveMatcher

M = SensitiveMatcher([
    R(text="Project 오로라", category="codename", aliases=["Aurora"]),
    R(text="2027년 인력 재배치 320명", category="confidential_figure"),
    R(text="10.20.30.41", category="ip_address"),
    R(text="gpu-cluster.nuri.internal", category="hostname"),
    R(text="한빛은행", category="nda_client"),
])


def redacted(text):
    return M.redact(text)[0]


def test_exact_and_case_variants_are_redacted():
    assert redacted("Project 오로라 참여") == "[비공개] 참여"
    assert redacted("PROJECT오로라 참여") == "[비공개] 참여"
    assert redacted("aurora team") == "[비공개] team"


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


def test_mask_for_model_leaves_no_hits():
    masked = M.mask_for_model("Project 오로라와 한빛은행 파일럿, 서버 10.20.30.41")
    assert M.find(masked) == []
