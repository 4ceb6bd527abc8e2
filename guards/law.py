"""Hiring-law rules as concrete, testable checks.

Each rule names the law it enforces, the phrases that break it and how to fix them. The same rules
screen requests (a discriminatory ask) and outputs (an unlawful posting). Matching runs on text with
spacing tricks undone ("2 5 세" -> "25세").
"""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field

from guards.discrimination import (
    attribute_mentions,
    audience_before,
    latin_words_apart,
    lawful_in_context,
    lawful_reading,
    QUOTE,
    quoted_for_removal,
    scan_concepts,
    sentence_spans,
)
from guards.text import collapse_digit_spacing, drop_clauses, korean_tens, nfkc, tidy_fragment

# A phrase followed closely by a negation states the rule rather than breaking it
# ("출신 지역은 묻지 않습니다", "we do not ask about age").
_NEGATION_AFTER = re.compile(r"^[^\n.。!?]{0,40}?(않|없|금지|불필요|묻지|받지|제외한|제외하고|빼고|말라|마세요|말고|말\s*것|관계\s*없|상관\s*없|무관|불문|"
                             r"(?:건|것은|게)\s*아니|"
                             r"does not|do not|don't|never|won't|regardless)",
                             re.IGNORECASE)


@dataclass(frozen=True)
class LawRule:
    rule_id: str
    language: str  # "ko" | "en"
    law: str
    category: str  # age | sex | marital | appearance | privacy | disability | origin | religion | rrn | school | belief | orientation
    patterns: tuple[re.Pattern, ...]
    message: str
    suggestion: str
    # Lawful when this context appears on the same line AND in the company's own data.
    exception: re.Pattern | None = None
    allow_if: tuple[re.Pattern, ...] = field(default_factory=tuple)  # phrases that are always lawful
    # A line about a benefit ("만 40세 이상 매년 건강검진") describes who gets it, not who may apply.
    benign_line: re.Pattern | None = None


def _p(*patterns: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


LAW_RULES: tuple[LawRule, ...] = (
    LawRule("KR-AGE-001", "ko", "고용상 연령차별금지 및 고령자고용촉진에 관한 법률 제4조의4", "age",
            _p(r"(만\s*)?\d{2}\s*(세|살)\s*(이하|미만|까지|이내|이상|초과|~|-)",
               # Hiring to keep or lower the team's average age ("팀 평균 연령(29세) 유지를 위해").
               r"평균\s*(?:연령|나이)\S{0,3}\s*(?:\(\s*\d{2}\s*세?\s*\)\s*)?(?:을|를)?\s*(?:유지|맞추|맞춰|낮추|낮춰|젊게)",
               r"(?<![\d,~])[2-6]0\s*대\s*(초반|중반|후반)?\s*(만|이하|까지|여성|남성|남자|여자|인재|개발자|지원자|직원|분|청년)"
               r"(?!\s*(을|를|의|이|가)?\s*(고객|타깃|타겟|소비|소비자|유저|사용자|시장|층|대상|세대|인구|가구|커뮤니티|취향|트렌드|페르소나))"
               r"(?!\s*(?:이|가|들이)\s*(?:많|대부분|주로|절반|주를|주축|다수|\d+\s*%))"  # "20대 여성이 많은 팀": who is there, not who is wanted
               r"(?!\s*(?:분)?(?:들)?도(?![가-힣]))",  # "50대 개발자분들도 지원해 주세요": welcomed too, not wanted alone
               r"(19|20)\d{2}\s*년\s*(이후|이전|부터|까지)?\s*(출생|생)(자|인\s*분)?\s*(만|이후|까지|이전|부터|으로|로|한정)",
               # A two-digit birth year with a cut ("80년 이전 출생자는 …", "95년 이후 출생").
               r"(?<![\d.])\d{2}\s*년\s*(이후|이전|전|후|부터|까지)\s*(출생|생)",
               # Years since graduating, set as a limit, stand in for age ("졸업 후 3년 이내", "졸업한 지 2년 넘은 분은 …").
               r"졸업\s*(?:한\s*지|후|이후|하고|한\s*뒤)\s*\d+\s*년\s*(?:이내|미만|이하|내|안|까지|넘|초과|지난|이상\s*(?:된|지난))",
               r"(나이|연령|만\s*나이)\s*[:：]?\s*(≤|<|<=|≥|>|>=|~|이하|미만)\s*\d{2}",
               r"\d[xX*ㅇ○]\s*년생",
               r"\d{2,4}\s*년생",
               r"(나이|연령)\s*(제한|무관하지\s*않|어린|이\s*어린|가\s*어린)",
               r"젊은\s*(인재|분|사람|지원자|직원|친구|피|층|남성|여성)",
               r"나이\s*(가\s*)?(많은|적은)\s*(분|사람|지원자)"),
            "연령을 이유로 모집·채용을 제한할 수 없습니다.",
            "나이 조건을 삭제하고 '관련 경력 N년 이상'처럼 직무 요건으로 표현하세요.",
            exception=re.compile(r"청년\s*(인턴|채용|고용|일자리|내일|디딤돌|도약)|정부\s*지원\s*사업|고령자\s*우대|18\s*세\s*이상|19\s*세\s*이상"),
            allow_if=_p(r"만?\s*1[5-9]\s*세\s*이상"),
            benign_line=re.compile(r"검진|의료비|보험|학자금|자녀|경조|축하금|휴가|수당|지원금|할인|연금")),
    LawRule("KR-SEX-001", "ko", "남녀고용평등과 일·가정 양립 지원에 관한 법률 제7조", "sex",
            _p(r"(여성|남성|(?<![참관수기부급증투])여자|남자|여직원|남직원)\s*(만|우대|한정|선호|환영|only|위주|을\s*선호|를\s*선호)",
               r"(?P<cut>여성|남성|여자|남자)\s*(개발자|엔지니어|마케터|담당자|인재|지원자|직원|분|사원)\s*(만|을|를|으로|로)?\s*(뽑|채용|모집|선발|구|원합|찾)",
               r"(여성|남성|여자|남자)\s*(을|를)\s*(뽑|채용|모집|선발|우대)",
               r"(?P<cut>(여성|남성|여자|남자)\s*(분|인\s*분)?)\s*(이면|이었으면|였으면|이길|으로|로)\s*(좋|해|부탁|바람|원|뽑)",
               r"성별\s*:\s*(남|여)"),
            "성별을 이유로 모집·채용에서 차별할 수 없습니다.",
            "성별 조건을 삭제하고 직무 역량 기준만 적으세요.",
            exception=re.compile(r"진정\s*직업\s*자격|직무\s*(의\s*)?성질상\s*특정\s*성"),
            allow_if=_p(r"경력\s*단절\s*여성")),
    LawRule("KR-MARITAL-001", "ko", "남녀고용평등과 일·가정 양립 지원에 관한 법률 제7조", "marital",
            _p(r"미혼\s*(자|인|여성|남성|만|우대|이신|인\s*분)?", r"기혼\s*(자)?\s*(제외|불가|사절)",
               r"(결혼|임신|출산)\s*(계획|예정)\s*(이\s*)?(없|있)", r"(임산부|임신부)\s*(제외|불가)"),
            "혼인·임신·출산을 채용 조건으로 삼을 수 없습니다.",
            "혼인·임신·출산 관련 조건을 삭제하세요.",
            benign_line=re.compile(r"자녀|학자금|경조|축하금|휴가|수당|지원금|등록할\s*수|검진|가사|부부|임직원\S{0,3}께")),
    LawRule("KR-APPEAR-001", "ko", "남녀고용평등과 일·가정 양립 지원에 관한 법률 제7조 제2항", "appearance",
            _p(r"용모\s*(단정|가\s*단정|준수|가\s*준수)", r"외모\s*(가|를|가\s*뛰어난|우수|단정|좋은|중시|준수)",
               r"(신장|키)\s*\d{3}\s*(cm|센티|㎝)?\s*(이상|이하|미만|초과)?",
               r"(?<![가-힣])(키|신장)(가|이|는)?\s[^.\n]{0,60}?(?<!\d)1[4-9]\d\s*(cm|센티|㎝)?\s*(이상|이하|미만|넘)", r"(체중|몸무게)\s*\d{2,3}\s*(kg|킬로)?",
               r"호감\s*(형|가는\s*인상)", r"인상이?\s*좋은\s*(분|사람)",
               r"(날씬한|예쁜|잘생긴)\s*(분|사람|여성|남성|외모|얼굴|지원자|직원)"),
            "직무와 무관한 용모·키·체중 등 신체 조건을 요구할 수 없습니다.",
            "신체 조건을 삭제하고, 직무상 꼭 필요한 경우 그 근거를 회사 자료에 명시하세요.",
            exception=re.compile(r"진정\s*직업\s*자격|직무\s*수행\s*상\s*(불가피|필요)")),
    LawRule("KR-PRIVACY-001", "ko", "채용절차의 공정화에 관한 법률 제4조의3", "privacy",
            _p(r"(출신\s*지역|출신지|고향|본적)\s*(을|를|도)?\s*(기재|작성|적|제출|명시|알려|포함|확인)",
               r"(부모|가족|형제)\s*(의\s*)?(직업|직장|학력|재산|연봉)",
               r"재산\s*(상황|정도|규모|내역)\s*(을|를)?\s*(기재|작성|제출|확인)?",
               r"(혼인|결혼)\s*여부\s*(를|을)?\s*(기재|작성|적|제출|확인|명시|알려)?",
               r"가족\s*(관계|사항)\s*(를|을)?\s*(기재|작성|적|제출|확인|명시)",
               r"(키|신장|체중)\s*(를|을)?\s*(기재|작성|적어)"),
            "구직자의 출신지역·혼인여부·재산·직계존비속 정보와 신체조건을 요구할 수 없습니다.",
            "해당 정보 요구를 삭제하세요."),
    LawRule("KR-ORIGIN-001", "ko", "근로기준법 제6조 (균등한 처우)", "origin",
            _p(r"(서울|지방|수도권|경상도|전라도|충청도|강원도|제주)\s*(출신|대)\s*(만|우대|제외|사절|불가)",
               r"지방대\s*(제외|불가|사절)", r"(외국인|조선족|동남아)\s*(불가|제외|사절|안\s*됨)",
               r"(에서|출신으로)\s*(나고\s*자란|태어나고\s*자란|태어나서\s*자란|태어난|나서\s*자란)\s*(분|사람|지원자|인재|친구)",
               r"한국인\s*만"),
            "출신 지역·국적을 이유로 차별할 수 없습니다.",
            "출신 지역·국적 조건을 삭제하세요. 체류자격 요건이 필요하면 '취업 가능한 체류자격 보유'로 쓰세요."),
    LawRule("KR-SCHOOL-001", "ko", "고용정책 기본법 제7조 (취업기회의 균등한 보장)", "school",
            _p(r"(?:S\s*[/·.,-]?\s*K\s*[/·.,-]?\s*Y|스카이|명문대?|상위권|최상위|인\s*서울)\s*(?:\d+\s*개\s*)?(?:대학교?|대|학교)?\S{0,3}\s*"
               r"(?:또는\s*\S+\s*)?(?:출신|졸업자?|졸업생)\S{0,2}\s*(?:만|한정|우대|선호)",
               r"(?:대학|학교|학벌|출신\s*학교|학력)\S{0,2}\s*(?:은|는)\s*[^.\n]{0,25}?출신\S{0,2}\s*만",
               r"(?:최상위|상위권|상위\s*\d+\s*개|명문|국내\s*(?:최상위|상위)\s*\d*\s*개?)\s*(?:\d+\s*개\s*)?대학\S{0,2}\s*(?:졸업자|출신|졸업생)"
               r"(?=\S{0,3}\s*(?:만|한정|우대|선호|으로|로|이라고|라고|라서|이라서|이어야|지원\s*가능))",
               # A ranking cut ("대학 랭킹 상위 10개교 졸업자", "top 10 universities only").
               r"(?:대학\s*)?(?:랭킹|순위)?\s*상위\s*\d+\s*(?:개\s*)?(?:교|개\s*대학|대학)\S{0,2}\s*(?:졸업자|출신|졸업생)",
               # Schools named one by one ("서울대·KAIST·POSTECH 졸업자에 한함", "연고대 출신만").
               r"(?:[가-힣]{1,5}대(?:학교)?|KAIST|POSTECH|GIST|UNIST|DGIST|카이스트|포스텍|포항공대|[A-Z][A-Za-z]+\s+University)"
               r"(?:\s*(?:[·,/]|및|또는|or|and)\s*(?:[가-힣]{1,5}대(?:학교)?|KAIST|POSTECH|GIST|UNIST|DGIST|카이스트|포스텍|포항공대)){1,6}"
               r"\s*(?:졸업생|졸업자|출신자?|학위자)\S{0,2}\s*(?:에\s*)?(?:만|한함|한정|우대|선호|위주)"),
            "출신학교를 이유로 차별할 수 없습니다.", "출신학교 조건을 삭제하고 필요한 지식·역량을 적으세요."),
    LawRule("KR-RELIGION-001", "ko", "근로기준법 제6조 (균등한 처우)", "religion",
            _p(r"(기독교|불교|천주교|교회\s*다니는|신앙)\s*(인|자|신자)?\s*(만|우대|선호)"),
            "신앙을 이유로 차별할 수 없습니다.", "종교 조건을 삭제하세요."),
    LawRule("KR-DISAB-001", "ko", "장애인차별금지 및 권리구제 등에 관한 법률 제10조", "disability",
            _p(r"장애\s*(인|가\s*있는\s*분|우)?\s*(은|는)?\s*(제외|불가|사절|안\s*됨|지원\s*불가)",
               r"(신체\s*건강한|건강한\s*신체(의|를\s*가진)?)\s*(자(?![가-힣])|분|사람|남성|여성|소유자)",
               r"(정상인|비장애인)\s*(만|우대)"),
            "장애를 이유로 모집·채용에서 차별할 수 없습니다.",
            "건강·장애 관련 조건을 삭제하고 필요한 직무 수행 능력만 적으세요."),
    LawRule("KR-RRN-001", "ko", "개인정보 보호법 제24조의2", "rrn",
            _p(r"주민\s*(등록)?\s*번호\s*(를|을|도)?\s*(기재|작성|적|제출|입력|포함|수집|알려)",
               r"주민\s*(등록)?\s*번호[^.\n]{0,15}(기재|작성|적도록|적어|적게|제출|입력|포함|수집|알려|쓰도록|쓰게)",
               r"(?<!\d)\d{6}\s*-\s*[1-4]\d{6}(?!\d)"),
            "법령 근거 없이 주민등록번호를 수집할 수 없습니다.",
            "주민등록번호 요구를 삭제하세요 (입사 후 법정 신고 시에만 수집)."),
    # Clause-level only (guards.discrimination reads these attributes): no phrase list of its own.
    LawRule("KR-BELIEF-001", "ko", "국가인권위원회법 제2조 제3호 (정치적 의견), 노동조합 및 노동관계조정법 제81조", "belief",
            # A pledge not to join a union as a condition of hiring (노조법 제81조 제1항 제2호).
            _p(r"(?:노조|노동\s*조합)\s*(?:에\s*)?(?:미\s*가입|비\s*가입|불\s*가입|가입\s*(?:안\s*|않|하지\s*않)\S{0,4}|탈퇴)\s*"
               r"(?:확약서|서약서|각서|동의서|확인서|조건|약정)"),
            "정치적 의견이나 노동조합 가입·활동을 이유로 채용에서 차별할 수 없습니다.",
            "정치 성향·노조 관련 조건을 삭제하고 직무 역량 기준만 적으세요."),
    LawRule("KR-ORIENT-001", "ko", "국가인권위원회법 제2조 제3호 (성적 지향)", "orientation",
            (), "성적 지향이나 성별 정체성을 이유로 채용에서 차별할 수 없습니다.",
            "성적 지향 관련 조건을 삭제하세요."),
    # English (EEOC-style).
    LawRule("EN-AGE-001", "en", "Age Discrimination in Employment Act (ADEA)", "age",
            _p(r"recent\s+(college\s+)?grad(uate)?s?\s+(only|preferred|required|wanted)",
               r"\b(?:graduated|graduation)\s+(?:with)?in\s+the\s+(?:last|past)\s+\d+\s+years?\b",
               r"\b(?:no\s+more\s+than|less\s+than|under|within)\s+\d+\s+years?\s+(?:since|after|out\s+of|from)\s+"
               r"(?:graduat\w*|college|university|school)\b",
               r"(only|seeking|looking\s+for|hiring)\s+recent\s+(college\s+)?grad", r"digital\s+natives?",
               r"\byoung(er)?\b(?!\s+(company|startup|brand|organization|business|children|child|kids|families|customers|consumers|audiences?|markets?))",
               r"(?<!\d\s)\bunder\s+(the\s+age\s+of\s+)?\d{2}\b", r"\b(aged?|ages)\s+\d{2}\s*(-|–|to)\s*\d{2}\b",
               r"\bno\s+older\s+than\b", r"\bmaximum\s+age\b", r"\b\d{2}\s*years?\s+old\b", r"\bin\s+(their|your)\s+[2-6]0s\b"),
            "Age limits and age-coded wording are unlawful (ADEA).",
            "Remove age wording; state the experience the job needs instead."),
    LawRule("EN-SEX-001", "en", "Title VII of the Civil Rights Act", "sex",
            _p(r"\b(male|female|men|women|man|woman|girls?|guys?)\s+(only|preferred|candidates?\s+only|applicants?\s+only)\b",
               r"\bonly\s+(male|female|men|women)\b", r"\b(hire|hiring|looking\s+for)\s+(a\s+)?(male|female|woman|man|women|men)\b"),
            "Sex-based limits are unlawful (Title VII).", "Remove the sex condition."),
    LawRule("EN-ORIGIN-001", "en", "Title VII of the Civil Rights Act (national origin)", "origin",
            _p(r"\bnative\s+(english|korean|japanese)\s+speakers?\b", r"\b(american|korean|us)[-\s]born\b",
               r"\bno\s+(foreigners|immigrants)\b",
               # A citizenship asked of every applicant ("Korean citizenship required", "must be a Korean citizen").
               r"\b(?:korean|american|us|u\.s\.)\s+citizenship\s+(?:is\s+)?(?:required|only|a\s+must|mandatory)\b",
               r"\bmust\s+(?:be|hold)\s+(?:a\s+)?(?:korean|american|us|u\.s\.)\s+(?:citizen|citizenship|national)s?\b"),
            "National-origin limits are unlawful (Title VII).",
            "Ask for the language proficiency the job needs (e.g. 'fluent in English')."),
    LawRule("EN-DISAB-001", "en", "Americans with Disabilities Act (ADA)", "disability",
            _p(r"\bable[-\s]bodied\b", r"\bno\s+(disabilities|disabled)\b", r"\b(perfect|good|excellent)\s+health\b",
               r"\bwithout\s+(any\s+)?disabilit"),
            "Disability-based limits are unlawful (ADA).",
            "Describe the essential job functions instead of health conditions."),
    LawRule("EN-MARITAL-001", "en", "Title VII / Pregnancy Discrimination Act", "marital",
            _p(r"\b(single|unmarried)\s+(candidates?|applicants?|only|people)\b", r"\bno\s+(kids|children)\b",
               r"\bnot\s+(pregnant|planning\s+(a\s+)?(family|pregnancy))\b",
               # A promise not to take the leave the law grants ("no anticipated family-related leave").
               r"\b(?:no|without|not\s+(?:planning|intending|expecting)\s+to\s+take(?:\s+any)?)\s+(?:anticipated\s+|planned\s+|"
               r"plans?\s+(?:for|to\s+take)\s+(?:any\s+)?|intention\s+(?:of|to)\s+tak(?:e|ing)\s+(?:any\s+)?)?"
               r"(?:maternity|paternity|parental|family[-\s]related|childcare|pregnancy)\s+leaves?\b"),
            "Marital or pregnancy conditions are unlawful.", "Remove the condition."),
    LawRule("EN-APPEAR-001", "en", "Title VII (appearance as proxy for sex/age)", "appearance",
            _p(r"\battractive\s+(appearance|candidates?|applicants?|person|people|women|men|looks?)\b",
               r"\b(must|should)\s+be\s+attractive\b",
               r"\bgood[-\s]looking\b", r"\bheight\s+of\s+at\s+least\b"),
            "Appearance conditions unrelated to the job are not allowed.", "Remove the condition."),
)


_RULE_BY_ID = {r.rule_id: r for r in LAW_RULES}
_CONCEPT_RULES = {"age": _RULE_BY_ID["KR-AGE-001"], "sex": _RULE_BY_ID["KR-SEX-001"],
                  "marital": _RULE_BY_ID["KR-MARITAL-001"], "appearance": _RULE_BY_ID["KR-APPEAR-001"],
                  "origin": _RULE_BY_ID["KR-ORIGIN-001"], "religion": _RULE_BY_ID["KR-RELIGION-001"],
                  "disability": _RULE_BY_ID["KR-DISAB-001"], "family": _RULE_BY_ID["KR-PRIVACY-001"],
                  "rrn": _RULE_BY_ID["KR-RRN-001"], "school": _RULE_BY_ID["KR-SCHOOL-001"],
                  "belief": _RULE_BY_ID["KR-BELIEF-001"], "orientation": _RULE_BY_ID["KR-ORIENT-001"]}


@dataclass(frozen=True)
class LawHit:
    rule: LawRule
    start: int
    end: int
    span: str
    excepted: bool = False
    concept: str | None = None  # the clause-level category, for hits from guards/discrimination.py


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end != -1 else len(text)]


def scan_law(text: str, company_context: str = "", languages: tuple[str, ...] = ("ko", "en")) -> list[LawHit]:
    """Find hiring-law problems. Positions refer to the normalized text (NFKC, digit spacing undone)."""
    return list(_scan_law(text, company_context, tuple(languages)))


# A pure function of its arguments (the rules are fixed at import): the same ready drafts are
# checked on every template request, and the Kiwi analysis behind the clause rules is most of a
# check's time.
@lru_cache(maxsize=4096)
def _scan_law(text: str, company_context: str, languages: tuple[str, ...]) -> tuple[LawHit, ...]:
    norm = korean_tens(collapse_digit_spacing(nfkc(text)))
    latin = latin_words_apart(norm)
    hits: list[LawHit] = []
    for rule in LAW_RULES:
        if rule.language not in languages:
            continue
        for pat in rule.patterns:
            for m in pat.finditer(latin if rule.language == "en" else norm):
                span = m.group(0).strip()
                # allow_if sees a little context before the match ("경력단절" + "여성 우대").
                if not span or any(a.search(norm[max(0, m.start() - 10):m.end()]) for a in rule.allow_if):
                    continue
                if _NEGATION_AFTER.match(norm[m.end():]):
                    continue
                if audience_before(norm, m.start()):
                    continue  # "campaigns for women in their 30s": customers, not applicants
                if lawful_in_context(norm, m.start(), m.end(), _PHRASE_CONCEPT.get(rule.category, rule.category)):
                    continue  # "만 18세 미만은 법규상 야간근로 불가", "합격 후 4대보험 가입 서류": what the law asks for
                if quoted_for_removal(norm, m.start()):
                    continue  # "지난 공고의 '용모단정'이 지적받아서 이번엔 빼고": quoted to be taken out
                if rule.language == "en" and _proper_noun(norm, m.start()):
                    continue  # "Olive Young", "Black Friday": a name, capitalised mid-sentence
                line = _line_at(norm, m.start())
                if rule.benign_line and rule.benign_line.search(line):
                    continue
                excepted = bool(rule.exception and rule.exception.search(line)
                                and rule.exception.search(company_context))
                # Some patterns need context to match but only part of it is the problem ("여성" in
                # "여성 개발자 뽑는"): the named group "cut" marks what a fix removes.
                start, end = (m.start("cut"), m.end("cut")) if "cut" in m.re.groupindex else (m.start(), m.end())
                hits.append(LawHit(rule, start, end, span, excepted))
    # Clause-level concepts: a protected attribute and a restricting predicate with words between.
    # Korean law applies to a Korean company's posting in any language, so every concept maps to
    # the Korean rule of its category.
    for c in scan_concepts(norm, languages):
        rule = _CONCEPT_RULES[c.category]
        if any(h.start <= c.start < h.end or c.start <= h.start < c.end for h in hits):
            continue  # the phrase rules already cover it
        if c.language == "ko" and (audience_before(norm, c.start, english=False) or _AUDIENCE_AFTER.match(norm, c.end)):
            continue  # "주 고객층이 20~30대 여성이라", "사투리 쓰시는 고객님들": the customers, not the applicant
        if _DENIED_AFTER.match(norm, c.end):
            continue  # "나이 제한 두는 건 아니에요": the condition denied right after it
        if lawful_reading(norm, c.start, c.end):
            continue  # "나이 제한 있냐는 문의", "a 58-year-old engineer who joined last year"
        line = _line_at(norm, c.start)
        excepted = bool(rule.exception and rule.exception.search(line) and rule.exception.search(company_context))
        hits.append(LawHit(rule, c.start, c.end, norm[c.start:c.end].strip(), excepted, c.category))
    return tuple(_dedupe(hits))


_DENIED_AFTER = re.compile(r"\s*(?:을|를|이|가|은|는)?\s*(?:\S{1,4}\s+)?(?:건|것은|게|거)\s*아니")
# The people the phrase describes are served, not hired ("사투리 쓰시는 고객님들이 많아").
_AUDIENCE_AFTER = re.compile(r"\S{0,4}\s*(?:고객|손님|이용자|소비자|환자|주민|어르신|관객|시청자|유저|사용자|구매자|민원인)")


def _proper_noun(text: str, start: int) -> bool:
    """A capitalised word after a lower-case word or a comma in the same sentence names something."""
    if not text[start:start + 1].isupper():
        return False
    before = text[max(0, start - 3):start]
    return bool(re.search(r"[a-z,]\s+$", before))


def _dedupe(hits: list[LawHit]) -> list[LawHit]:
    out: list[LawHit] = []
    for h in sorted(hits, key=lambda h: (h.start, -(h.end - h.start))):
        if out and h.start < out[-1].end and h.rule.rule_id == out[-1].rule.rule_id:
            continue
        out.append(h)
    return out


def remove_spans(text: str, hits: list[LawHit], mode: str = "clause") -> str:
    """Remove offending phrases (positions in the normalized text).

    mode "clause" (postings) drops each clause holding one, leaving no fragment or dangling
    punctuation; mode "span" (requests) removes only the phrase so the lawful rest of the ask
    survives, and falls back to dropping the clause if the condition still reads there.
    """
    norm = collapse_digit_spacing(nfkc(text))
    spans = [(h.start, h.end) for h in hits]
    if mode == "clause":
        return drop_clauses(norm, spans)
    # A clause-level hit takes its whole sentence (the reason given is part of the condition:
    # "신혼이신 분은 곧 출산휴가…"), and so does any other sentence about the same attribute; a
    # phrase hit takes only its words.
    sentences = sentence_spans(norm)
    categories = {h.concept or _PHRASE_CONCEPT.get(h.rule.category, h.rule.category) for h in hits}
    phrase_sentences = {s for s in sentences for h in hits if h.concept is None and s[0] <= h.start < s[1]}
    drop = [s for s in sentences for h in hits if h.concept and s[0] <= h.start < s[1]]
    drop += [s for s, cat in attribute_mentions(norm) if cat in categories and s not in phrase_sentences]
    # A phrase inside a quoted wording to be inserted takes the whole quote ("'기독교인 우대, 주일 예배
    # 참석 가능자'로 써 달라"): the rest of that wording is the same condition.
    quotes = [(q.start(), q.end() + len(re.match(r"(?:이?라고|이?라는|으로|로|를|을|는|은|이|가)?", norm[q.end():]).group(0)))  # type: ignore[union-attr]
              for q in QUOTE.finditer(norm)]
    spans = [next(((qs, qe) for qs, qe in quotes if qs <= h.start < qe), (h.start, h.end))
             for h in hits if h.concept is None] + drop
    out = norm
    for start, end in sorted(_merge_spans(spans), reverse=True):
        out = out[:start] + " " + out[end:]
    out = "\n".join(tidy_fragment(line) for line in out.split("\n"))
    rest = [h for h in scan_law(out) if not h.excepted]
    return drop_clauses(out, [(h.start, h.end) for h in rest]) if rest else out


_PHRASE_CONCEPT = {"privacy": "family"}


def _merge_spans(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]
