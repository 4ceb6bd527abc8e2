"""Every hiring-law rule: a violation it catches and a lawful counterpart it allows."""
import pytest

from guards.law import LAW_RULES, remove_spans, scan_law

CASES = {
    # rule id: (violations, lawful counterparts)
    "KR-AGE-001": (["만 30세 미만 지원 가능", "25세 이하", "2 5 세 이하", "20대 개발자", "1995년생 이후", "젊은 인재를 찾습니다"],
                   ["관련 경력 3년 이상", "만 18세 이상 (청소년 보호법)", "1000대 기업 선정", "20대 그룹 협력사", "젊은 조직 문화",
                    "건강검진: 만 40세 이상은 매년 종합검진"]),
    "KR-SEX-001": (["여성 우대", "남성만 지원", "여자 직원 채용", "성별: 남"],
                   ["여성 관리자 비율 19%", "남성 육아휴직 사용률 34%", "성별과 무관하게 채용합니다",
                    "경력단절여성 우대 (정부 지원 사업)", "사내 TF 참여자 우대"]),
    "KR-MARITAL-001": (["미혼 여성", "기혼자 제외", "결혼 계획이 없는 분"],
                       ["배우자 출산휴가 20일", "결혼 경조휴가 5일",
                        "자녀 학습 지원 (미혼인 경우 조카 1명 등록 가능)"]),
    "KR-APPEAR-001": (["용모 단정한 분", "신장 170cm 이상", "외모가 뛰어난 분", "호감형 인상"],
                      ["단정한 코드 스타일", "고객 응대 경험", "키보드 단축키에 능숙한 분",
                       "예쁜 얼음이 나오는 제빙기"]),
    "KR-PRIVACY-001": (["출신 지역을 기재해 주세요", "부모 직업", "혼인 여부를 기재", "가족 관계를 작성"],
                       ["출신 지역, 가족 정보는 묻지 않습니다", "근무 지역: 서울", "가족 친화 인증 기업",
                        "이력서에는 출신 지역, 혼인 여부 같은 정보를 제외한 직무 정보만 적어 주세요"]),
    "KR-ORIGIN-001": (["서울 출신 우대", "지방대 제외", "외국인 불가"],
                      ["취업 가능한 체류 자격 보유자", "서울 근무"]),
    "KR-SCHOOL-001": (["학벌 좋은 분 우대", "명문대 출신만 뽑아요", "Ivy League graduates only"],
                      ["컴퓨터공학 전공자 우대", "학사 이상", "SKY 제품군 개발 경험 우대"]),
    "KR-RELIGION-001": (["기독교인 우대"], ["종교 단체 후원 사업 경험"]),
    "KR-DISAB-001": (["장애인 지원 불가", "신체 건강한 남성"], ["장애인 고용 우수 기업", "건강검진 지원",
                      "건강한 신체가 중요하니까 의료비를 지원해요"]),
    "KR-BELIEF-001": (["노조원은 지원 불가", "정치색 없는 분 우대", "politically neutral candidates only"],
                      ["노사협의회 운영 경험자 우대", "정치·선거 관련 유해 콘텐츠 필터링 모델 개발 경험자 우대"]),
    "KR-ORIENT-001": (["성소수자는 지원 자제", "straight candidates only"],
                      ["We do not discriminate on the basis of sexual orientation."]),
    "KR-RRN-001": (["주민등록번호를 기재해 주세요", "900101-1234567"],
                   ["주민등록번호는 수집하지 않습니다", "입사 후 4대보험 신고"]),
    "EN-AGE-001": (["recent graduates only", "digital natives wanted", "young and energetic", "under 30", "aged 25-35"],
                   ["3+ years of experience", "a young company", "recent graduates and experienced engineers alike are welcome to apply"]),
    "EN-SEX-001": (["male candidates only", "only women", "hiring a female assistant"],
                   ["all genders welcome", "women in tech meetup sponsor"]),
    "EN-ORIGIN-001": (["native English speakers", "US-born"], ["fluent in English", "work authorization in Korea"]),
    "EN-DISAB-001": (["able-bodied applicants", "must be in perfect health"],
                     ["can lift 10 kg with or without reasonable accommodation"]),
    "EN-MARITAL-001": (["single applicants preferred", "no kids"], ["parental leave"]),
    "EN-APPEAR-001": (["attractive appearance", "good-looking"], ["attractive salary package", "competitive compensation",
                                                    "offer attractive online promotions to buyers"]),
}


def test_every_rule_has_cases():
    assert set(CASES) == {r.rule_id for r in LAW_RULES}


@pytest.mark.parametrize("rule_id,text", [(r, v) for r, (vs, _) in CASES.items() for v in vs])
def test_violation_is_caught(rule_id, text):
    ids = {h.rule.rule_id for h in scan_law(text)}
    assert rule_id in ids, f"{text!r} -> {ids}"


@pytest.mark.parametrize("rule_id,text", [(r, v) for r, (_, ls) in CASES.items() for v in ls])
def test_lawful_counterpart_is_allowed(rule_id, text):
    ids = {h.rule.rule_id for h in scan_law(text)}
    assert rule_id not in ids, f"{text!r} -> {ids}"


def test_youth_program_exception_needs_company_data():
    line = "- 청년 인턴 채용형 (만 34세 이하, 정부 지원 사업)"
    hits = scan_law(line, company_context="")
    assert hits and not any(h.excepted for h in hits)
    hits = scan_law(line, company_context="당사는 정부 지원 청년 인턴 채용 프로그램을 운영합니다.")
    assert hits and all(h.excepted for h in hits)


def test_military_service_notice_is_lawful():
    assert scan_law("전문연구요원 편입 가능 (병역특례 지정 업체)") == []


def test_removal_leaves_the_rest():
    text = "- 만 30세 미만\n- Python 경험 3년 이상"
    fixed = remove_spans(text, scan_law(text))
    assert "30세" not in fixed and "Python 경험 3년 이상" in fixed and "\n-\n" not in fixed
