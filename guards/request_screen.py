"""Classifies a request before anything else sees it.

Classes: hiring (allowed), off_domain / injection / abusive (rejected), discriminatory (the lawful
part proceeds, the user is told which rule the rest breaks), sensitive_request (asks for the
company's confidential items: they are left out and the user is told). Personal data is masked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from core.schemas import Finding
from guards.law import remove_spans, scan_law
from guards.pii import mask_pii
from guards.text import collapse_digit_spacing, compact, nfkc

REJECT_CLASSES = ("off_domain", "injection", "abusive")


def _rx(*patterns: str) -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in patterns)


INJECTION = _rx(
    r"ignore\s+(all\s+|any\s+|the\s+)?(previous|prior|above|earlier|preceding)?\s*(instructions?|prompts?|rules?|directions?)",
    r"disregard\s+(all\s+|the\s+|your\s+)?(previous|prior|above)?\s*(instructions?|rules?|guidelines?)",
    r"(system|developer|hidden|initial)\s*(prompt|message|instructions?)",
    r"(reveal|show|print|repeat|output|leak|dump)\s+(me\s+)?(your|the)\s+(instructions?|prompt|rules|configuration)",
    r"you\s+are\s+now\s+", r"\bjailbreak\b", r"\bDAN\s+mode\b", r"developer\s+mode",
    r"act\s+as\s+(an?\s+)?(unrestricted|unfiltered)", r"pretend\s+(you\s+are|to\s+be)\s+(an?\s+)?(different|unrestricted)",
    r"(이전|위의?|앞의?|기존|모든)\s*(지시|지침|명령|규칙|프롬프트|설정|instruction)\S{0,3}\s*(는|을|를|은)?\s*(모두\s*|전부\s*|다\s*)?(무시|잊어|따르지\s*마|취소)",
    r"(지시|지침|규칙|명령)\S{0,3}\s*(모두\s*|전부\s*|다\s*)?무시",
    r"시스템\s*프롬프트", r"(너의|네|당신의)\s*(지시|지침|프롬프트|규칙|설정)\S{0,3}\s*(을|를)?\s*(보여|알려|출력|공개)",
    r"(프롬프트|지시문|지침)\S{0,3}\s*(을|를)?\s*(그대로\s*)?(보여|출력|알려|공개|복사)",
    r"(다른|타)\s*(회사|기업|고객사)\S{0,3}\s*(의\s*)?(정보|데이터|자료|공고|문서|내부)",
    r"(other|another)\s+compan(y|ies)('s|'|s)?\s+(data|information|documents?|postings?|secrets?)",
    r"(내부|비공개|기밀|대외비)\s*(문서|자료|정보|데이터)\S{0,3}\s*(을|를)?\s*(전부|모두|그대로|다)?\s*(보여|출력|알려|공개|덤프|나열|복사)",
    r"(all|every)\s+(internal|confidential)\s+(documents?|data|information)",
    r"(너는|넌|당신은)\s*이제\s*(부터)?", r"역할\s*극", r"탈옥", r"제한\s*(을|를)?\s*(해제|풀어|없애)",
    r"(검열|필터|가드레일|안전\s*장치)\S{0,3}\s*(을|를)?\s*(끄|꺼|해제|무시|우회)",
    r"(bypass|disable|turn\s+off)\s+(the\s+)?(filter|guard|safety|guardrails?)",
    r"<\s*/?\s*(system|instructions?)\s*>", r"\[\s*(system|INST)\s*\]",
    r"시스템\s*(메시지|지시|명령)", r"개발자\s*모드", r"관리자\s*모드",
)
SENSITIVE_ASK = _rx(
    r"(내부|사내|비공개|미공개|미출시|출시\s*예정|대외비|기밀)\s*(프로젝트|코드\s*명|코드네임|제품|신제품|과제|고객사|실적|매출|수치|계획|서버|정보)",
    r"(코드\s*명|코드네임|codename)\S{0,3}\s*(도|을|를)?\s*(넣|포함|언급|적|써|공개)",
    r"(NDA|비밀\s*유지)\s*(고객사|계약|대상)", r"(고객사|거래처)\s*(이름|명단|리스트)\S{0,3}\s*(을|를|도)?\s*(넣|포함|적|언급|공개)",
    r"(unreleased|upcoming|secret|internal|confidential)\s+(products?|projects?|codenames?|clients?|figures?|revenue|roadmap)",
    r"(서버|호스트)\s*(이름|주소|명)|IP\s*주소|hostnames?|ip\s+address",
    r"(매출|영업이익률?|이익률|실적|원가)\s*(목표\s*)?(목표|수치|숫자)\S{0,3}\s*(을|를|도)?\s*(넣|포함|적|언급|공개|밝혀)",
)
ABUSIVE = _rx(
    r"씨\s*발|시\s*발(?!점|전|생|주)|ㅅ\s*ㅂ|ㅆ\s*ㅂ|병\s*신|ㅂ\s*ㅅ|개\s*새\s*끼|좆|존\s*나|지\s*랄|닥\s*쳐|꺼\s*져|미친\s*(놈|년|새끼)",
    r"\b(fuck\w*|shit\w*|bitch\w*|asshole|bastard|retard\w*|idiot)\b",
    r"틀\s*딱|짱\s*깨|한\s*남\s*충|김\s*치\s*녀|급\s*식\s*충|홍\s*어|쪽\s*바\s*리|흑\s*형|똥\s*남\s*아",
    r"\b(kill|hate)\s+(all\s+)?(women|men|koreans|chinese|immigrants|foreigners)\b",
    r"(죽여|죽어|없어져야)\s*(버려|라|할)",
)
HIRING = _rx(
    r"채용|공고|모집|구인|구직|지원자|지원\s*자격|자격\s*요건|우대|직무|담당자|담당\s*업무|주요\s*업무|복리\s*후생|연봉|처우|"
    r"경력|신입|주니어|시니어|인턴|정규직|계약직|면접|전형|포지션|개발자|엔지니어|마케터|기획자|디자이너|회계|재무|인사|HR|"
    r"근무|직원|인재|팀원|리크루팅|채용\s*브랜딩",
    r"\b(job|posting|hiring|hire|recruit\w*|role|position|candidates?|applicants?|engineer|developer|marketer|"
    r"responsibilit\w*|qualifications?|benefits|salary|interview|vacancy|opening|team|experience)\b",
    r"(톤|문체|어투|말투|분량|길이|형식|섹션|항목|문구|표현)\S{0,3}\s*(을|를)?\s*(바꿔|수정|줄여|늘려|다듬|정리|변경|맞춰)",
    r"(더|좀)\s*(간결|자세|친근|전문적|부드럽|격식)",
    r"(rewrite|shorten|make\s+it|tone|more\s+(concise|detailed|formal|friendly))",
)
OFF_DOMAIN = _rx(
    r"\b(poem|poetry|song|lyrics|joke|recipe|weather|horoscope|stock\s+tips?|crypto|bitcoin|lottery|homework|essay\s+about)\b",
    r"(시|노래|가사|소설|농담|유머|레시피|요리법)\S{0,2}\s*(를|을|좀|하나)?\s*(써|지어|만들어|알려|추천|해)",
    r"(주식|코인|비트코인|로또|부동산)\s*(번호\s*)?(추천|종목|투자|전망|시세|팁)|날씨|운세|연애\s*상담|숙제|다이어트",
    r"(맛집|여행지|영화)\s*(추천|알려)",
)


@dataclass
class ScreenResult:
    verdict: str  # allow | allow_with_fix | reject
    classes: list[str]
    sanitized: str
    findings: list[Finding] = field(default_factory=list)
    message: str = ""


def _any(patterns: tuple[re.Pattern, ...], text: str) -> re.Match | None:
    for p in patterns:
        m = p.search(text)
        if m:
            return m
    return None


def screen_request(request: str, language: str = "ko") -> ScreenResult:
    text = nfkc(request or "")
    # Obfuscation like "무 시 해" or "i g n o r e" is checked on a compacted copy too.
    squeezed = compact(text)
    findings: list[Finding] = []
    classes: list[str] = []

    def reject(cls: str, rule: str, m: re.Match | None, msg_ko: str, msg_en: str) -> ScreenResult:
        findings.append(Finding(rule_id=rule, severity="critical", where="request", message=msg_ko if language == "ko" else msg_en,
                                span=m.group(0) if m else None, suggestion=None))
        return ScreenResult("reject", [cls], "", findings, msg_ko if language == "ko" else msg_en)

    # NFKC turns compatibility jamo ("ㅅㅂ") into other code points, so the raw text is checked too.
    if m := (_any(ABUSIVE, request or "") or _any(ABUSIVE, text) or _any(ABUSIVE, squeezed)):
        return reject("abusive", "IN-ABUSE-001", m,
                      "요청에 욕설·혐오 표현이 있어 처리할 수 없습니다. 표현을 바꿔 다시 요청해 주세요.",
                      "The request contains abusive or hateful language and cannot be processed.")
    if m := (_any(INJECTION, text) or _any(INJECTION, squeezed)):
        return reject("injection", "IN-INJECT-001", m,
                      "시스템 지시를 바꾸거나 내부·타사 정보를 요구하는 요청은 처리할 수 없습니다. 채용공고 내용만 요청해 주세요.",
                      "Requests that try to override instructions or obtain internal or other companies' data are refused. "
                      "Please ask only about the job posting.")
    hiring = _any(HIRING, text)
    off = _any(OFF_DOMAIN, text)
    if off and not hiring:
        return reject("off_domain", "IN-DOMAIN-001", off,
                      "채용공고 작성과 관계없는 요청입니다. 직무, 자격요건, 복리후생 등 공고에 관한 내용을 요청해 주세요.",
                      "This service only writes job postings. Please describe the posting you need.")
    if text.strip() and not hiring and len(text.strip()) > 40:
        return reject("off_domain", "IN-DOMAIN-002", None,
                      "요청에서 채용공고와 관련된 내용을 찾지 못했습니다. 직무, 경력, 요건 등을 포함해 다시 요청해 주세요.",
                      "The request does not describe a job posting. Please mention the role, level or requirements.")

    sanitized, pii = mask_pii(text)
    for h in pii:
        findings.append(Finding(rule_id=h.rule_id, severity="warning", where="request",
                                message=f"요청의 개인정보({h.kind})를 가렸습니다." if language == "ko" else f"Masked personal data ({h.kind}) in the request.",
                                span=h.text, suggestion="개인정보는 요청에 넣지 마세요."))
    if pii:
        classes.append("pii")

    law_hits = [h for h in scan_law(sanitized) if not h.excepted]
    if law_hits:
        classes.append("discriminatory")
        for h in law_hits:
            findings.append(Finding(rule_id=h.rule.rule_id, severity="error", where="request", span=h.span,
                                    message=f"{h.rule.message} ({h.rule.law})", suggestion=h.rule.suggestion))
        sanitized = remove_spans(sanitized, law_hits)

    if m := _any(SENSITIVE_ASK, sanitized):
        classes.append("sensitive_request")
        findings.append(Finding(rule_id="IN-SENSITIVE-001", severity="warning", where="request", span=m.group(0),
                                message="회사의 비공개 정보(내부 코드명, 미출시 제품, NDA 고객사, 내부 수치 등)는 공고에 넣지 않습니다."
                                if language == "ko" else "Confidential company information is never put in a posting.",
                                suggestion="공개된 회사 정보만 사용합니다."))

    if off:
        classes.append("off_domain_part")
    verdict = "allow_with_fix" if ({"discriminatory", "sensitive_request"} & set(classes)) else "allow"
    message = ""
    if "discriminatory" in classes:
        rules = ", ".join(sorted({f.rule_id for f in findings if f.rule_id.startswith(("KR-", "EN-"))}))
        message = ("요청 중 법에 어긋나는 조건을 빼고 작성합니다: " + rules if language == "ko"
                   else "Writing the posting without the unlawful conditions: " + rules)
    return ScreenResult(verdict, classes or ["hiring"], collapse_digit_spacing(sanitized).strip(), findings, message)
