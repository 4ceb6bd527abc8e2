"""Classifies a past posting into one of the product's job codes (or "other") from its title and text."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

OTHER = "other"

# Evidence per job code: (pattern, weight). Titles count three times as much as the body, because
# a posting's title names the job while its body mentions neighbouring work ("마케팅팀과 협업").
_TERMS: dict[str, list[tuple[str, float]]] = {
    "1000201": [(r"인사(?!이트)|HR(?![A-Za-z])|HRM|HRD|HRBP|채용\s*(담당|기획|운영|매니저)|리크루터|recruit(er|ing)|talent\s*acquisition|노무|"
                 r"급여\s*(담당|관리)|payroll|people\s*(&|and)?\s*culture|피플\s*팀|조직\s*문화|평가\s*보상|교육\s*담당|인재\s*개발", 2.0),
                (r"채용|인사\s*평가|온보딩|4대\s*보험|근태|노사|취업\s*규칙|임금|보상\s*체계|교육\s*체계", 0.6)],
    "1000210": [(r"재무|회계|자금|세무|결산|경리|재경|FP&A|finance|accounting|accountant|treasury|controller|CFO|IR\s*(담당|매니저)|"
                 r"원가\s*관리|관리\s*회계|내부\s*감사|tax(?![a-z])", 2.0),
                (r"전표|세금\s*계산서|부가세|법인세|K-?IFRS|재무제표|손익|예산|감사\s*대응|공시|현금\s*흐름|채권|채무|ERP", 0.6)],
    "1000187": [(r"마케팅|마케터|marketing|marketer|그로스|growth\s*(hack|market|manager|lead)|퍼포먼스|브랜드\s*(매니저|마케|기획|전략)|"
                 r"brand\s*(manager|marketing)|CRM\s*(마케|기획|매니저)|광고\s*(운영|기획|집행)|캠페인\s*기획|콘텐츠\s*마케", 2.0),
                (r"캠페인|ROAS|CPA|CTR|광고\s*(집행|운영|매체)|SNS\s*운영|인플루언서|프로모션\s*기획|GA4|퍼포먼스|브랜딩|시장\s*조사", 0.6)],
    "1000229": [(r"백엔드|백\s*엔드|back-?\s*end|서버\s*(개발|엔지니어|프로그래머)|server\s*(developer|engineer)|API\s*개발|"
                 r"(Java|Spring|Node\.?js|Django|Go|Kotlin|Python|PHP)\s*(개발자|developer|engineer)", 2.0),
                (r"API|REST|gRPC|MSA|마이크로\s*서비스|Spring|JPA|MySQL|PostgreSQL|Redis|Kafka|데이터베이스|DB\s*설계|서버", 0.5)],
    "1000230": [(r"프론트|front-?\s*end|웹\s*(개발자|퍼블리셔|프론트)|(React|Vue|Angular|Next\.?js)\s*(개발자|developer|engineer)|"
                 r"웹\s*개발|web\s*developer|UI\s*개발", 2.0),
                (r"React|Vue|TypeScript|JavaScript|Next\.?js|HTML|CSS|웹\s*표준|반응형|SPA", 0.5)],
    "1000242": [(r"머신\s*러닝|딥\s*러닝|machine\s*learning|deep\s*learning|ML\s*(엔지니어|engineer|연구)|AI\s*(엔지니어|engineer|연구|개발|리서치|researcher)|"
                 r"인공\s*지능|LLM|NLP|자연어\s*처리|컴퓨터\s*비전|computer\s*vision|데이터\s*사이언티스트|data\s*scientist|MLOps|추천\s*(시스템|모델)", 2.0),
                (r"PyTorch|TensorFlow|모델\s*(학습|개발|서빙)|파인\s*튜닝|fine-?tun|추론|딥러닝|머신러닝|LLM|RAG|Transformer", 0.6)],
}
# A title that names one of these is another job even when its body mentions ours ("마케팅 협업").
_OTHER_TITLE = re.compile(
    r"영업|세일즈|sales|account\s*executive|(?<![A-Za-z])AE(?![A-Za-z])|디자이너|designer|(?<![A-Za-z])MD(?![A-Za-z])|상품\s*기획|"
    r"(?<![A-Za-z])(CS|CX)(?![A-Za-z])|고객\s*(센터|상담|지원|경험)|상담|법무|변호사|legal|물류|생산|품질|(?<![A-Za-z])QA(?![A-Za-z])|영상|편집|촬영|"
    r"기구\s*설계|회로|하드웨어|hardware|임상|연구원|점장|조리|매장|시공|공사|게임\s*기획|기획자|에디터|editor|앱\s*개발|iOS|Android|안드로이드|"
    r"데이터\s*엔지니어|data\s*engineer|DevOps|인프라|SRE|보안", re.IGNORECASE)
_COMPILED = {code: [(re.compile(p, re.IGNORECASE), w) for p, w in terms] for code, terms in _TERMS.items()}
_TITLE_WEIGHT = 3.0
_THRESHOLD = 2.0


@dataclass(frozen=True)
class Classification:
    job_code: str  # one of the product's codes, or "other"
    confidence: float  # share of the evidence for the chosen code, 0..1
    scores: dict[str, float]


def _score(text: str, code: str, cap: int) -> float:
    total = 0.0
    for rx, weight in _COMPILED[code]:
        total += weight * min(cap, len(rx.findall(text)))
    return total


def classify_posting(title: str, text: str = "") -> Classification:
    """The job code whose evidence is strongest, if strong enough; "other" otherwise."""
    title = unicodedata.normalize("NFKC", title or "")
    body = unicodedata.normalize("NFKC", text or "")[:6000]
    scores = {code: _TITLE_WEIGHT * _score(title, code, 2) + _score(body, code, 4) for code in _TERMS}
    best = max(scores, key=lambda c: scores[c])
    title_evidence = _score(title, best, 2) > 0
    if scores[best] < _THRESHOLD or (_OTHER_TITLE.search(title) and not title_evidence):
        return Classification(OTHER, 0.0, scores)
    total = sum(scores.values()) or 1.0
    return Classification(best, round(scores[best] / total, 3), scores)
