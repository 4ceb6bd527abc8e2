"""Confidential content that no registry names: internal hosts and IPs, code names, unreleased
products, undisclosed clients, internal incidents (audits, embezzlement, layoffs, disputes) and
internal figures — as an ask in a request, and as a stated fact in a posting."""
from __future__ import annotations

import re
from dataclasses import dataclass

from guards.text import enclosing, through_next_sentence

_I = re.IGNORECASE

# Always internal, wherever they appear.
PRIVATE_IP = re.compile(r"(?<![\d.])(?:10\.\d{1,3}|192\.168|172\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}(?![\d.])")
INTERNAL_HOST = re.compile(r"\b[\w-]+(?:\.[\w-]+)*\.(?:internal|local|corp|lan|intra|intranet)\b", _I)

# Kinds of confidential thing an ask can name without naming the thing itself.
_KO_THINGS = (
    r"(?:내부|사내|비공개|미공개|대외비|기밀|비밀|공개\s*전|공개되지\s*않은|극비)\S{0,3}\s*(?:\S{0,8}\s+){0,3}"
    r"(?:협업|계약|거래|딜|제휴|건|얘기|소문|이야기|사실|소식|프로젝트|과제|코드\s*명|코드네임|제품|신제품|서비스|고객사?|거래처|파트너|클라이언트|납품처|실적|매출|수치|숫자|"
    r"계획|로드맵|일정|서버|정보|자료|문서|사정|이슈|사건|명칭|예산|전략)",
    r"(?:코드\s*명|코드네임|가칭|내부\s*명칭|개발\s*명|프로젝트\s*명)|['\"‘“]\s*(?:프로젝트|project)\s+[가-힣A-Za-z]{2,}",
    r"(?:출시\s*(?:전|예정)|발표\s*(?:전|예정)|미출시|미발표|개발\s*중인|준비\s*중인|(?:발표|출시|공개)\s*(?:안\s*한|안\s*된|하지\s*않은|되지\s*않은|전인))"
    r"\s*(?:인\s*)?(?:\S{0,8}\s+){0,2}\S{0,6}\s*(?:제품|서비스|신제품|버전|모델|기능|라인업|앱|이름|명칭)",
    r"(?:공장|본사|사업장|사무실|물류\s*센터|센터)\s*(?:\S{0,6}\s*){0,2}(?:옮기|이전|이사|폐쇄|매각|철수|통폐합)\S{0,4}\s*(?:계획|예정|건|작업)",
    r"(?:NDA|비밀\s*유지)\s*\S{0,4}\s*(?:고객|계약|대상|거래|파트너|업체)|(?<![A-Za-z])NDA(?![A-Za-z])|비밀\s*유지\s*(?:계약|조항|의무)",
    r"노조|노동\s*위원회|협상\s*결렬|쟁의|조정\s*중|임금\s*협상",
    r"(?:고객사|거래처|납품처|클라이언트|파트너사)\s*(?:이름|명단|리스트|목록|실명)",
    r"(?:서버|호스트|DB|데이터베이스|클러스터|내부망|사내망|VPN|인트라넷|스토리지|NAS)\s*(?:\S{0,6}\s*){0,2}(?:주소|IP|이름|접속|계정|URL|도메인|호스트명)",
    r"IP\s*주소|내부\s*(?:IP|URL|도메인|주소)|내부\s*(?:\S{0,6}\s*)?(?:보고서|리포트|조사\s*결과)",
    r"(?:매출|영업\s*이익|순이익|원가|마진|이익률|밸류에이션|기업\s*가치|손익|적자\s*규모|인건비)\s*"
    r"(?:목표|수치|숫자|규모|데이터|실적|현황|계획|얼마)",
    r"(?:횡령|배임|비리|분식|회계\s*부정|부정\s*(?:회계|행위|사건)|징계\s*해고|해고\s*(?:된|당한)\s*(?:일|건|사건)|구조\s*조정|정리\s*해고|희망\s*퇴직|권고\s*사직|인력\s*(?:(?:약\s*)?\d[\d,]*\s*(?:명|%)\s*)?(?:감축|조정|재배치|구조)|감원|"
    r"(?:약\s*)?\d[\d,]*\s*(?:명|%)\s*(?:감축|감원|구조\s*조정|정리\s*해고|희망\s*퇴직)|"
    r"노사\s*(?:분쟁|갈등|협상)|파업|소송|임금\s*체불|과징금|과태료|(?:근로|특별|노동부)\s*감독|시정\s*명령|압수\s*수색|징계|감사\s*(?:결과|지적|적발|보고)|"
    r"인수\s*(?:\(|건|협상|추진|실사|딜|계약|작업|검토)|(?:실사|딜)\s*(?:단계|진행|규모)|"
    r"(?:내부|세무|회계)\s*감사|(?:유출|보안|해킹|안전|산업|중대|인명)\s*사고|(?<![가-힣])(?<!적인\s)(?<!적\s)(?<!는\s)(?<!한\s)(?<!은\s)(?<!의\s)사고(?=\s|가|를|이|의|$)|적자|부채|매각|인수\s*합병|M&A|폐업|"
    r"(?:공장|사무실|본사|사업장)\s*(?:이전|폐쇄|매각)|이전\s*계획|폐쇄|분쟁|내부\s*고발|갑질|괴롭힘\s*사건)",
)
_EN_THINGS = (
    r"\b(?:undisclosed|unannounced|unreleased|confidential|internal|secret|nda|non-public|upcoming)\s+(?:[\w-]+\s+){0,2}"
    r"(?:pilots?|programs?|partnerships?|clients?|customers?|partners?|products?|projects?|code\s*names?|codenames?|figures?|numbers?|revenue|"
    r"roadmap|servers?|hosts?|hostnames?|ips?|launch(?:es)?|plans?|deals?|incidents?|issues?|metrics?|data)\b",
    r"\b(?:code\s*names?|codenames?|internal\s+names?)\b",
    r"\bunder\s+(?:an?\s+)?nda\b(?![^.\n]{0,40}\b(?:data|information|security)\b)",
    r"\binternal\s+(?:\w+\s+){0,2}(?:servers?|hosts?|hostnames?|ips?|urls?|domains?|names?)\b",
    r"\b(?:client|customer)\s+(?:names?|list)\b",
    r"\b(?:server|internal)\s+(?:ips?|hostnames?|addresses|urls?)\b|\bip\s+address(?:es)?\b",
    r"\b(?:layoffs?|laid\s+off|restructuring|embezzle\w*|fraud|lawsuits?|litigation|audit\s+findings?|"
    r"internal\s+(?:audit|investigation)|data\s+breach|data\s+leak\w*|leak(?:ed)?\s+incident|breach\s+incident|"
    r"(?:user|customer)\s+records?\s+(?:were\s+)?(?:exposed|leaked|stolen)|security\s+incident|downsizing|strike|union\s+dispute|"
    r"wage\s+(?:dispute|arrears)|revenue\s+(?:targets?|figures?|numbers?)|profit\s+margins?|burn\s+rate|laying\s+off|lay\s+off|"
    r"valuation|plant\s+(?:closure|relocation)|"
    r"(?:closing|shutting\s+down|shuttering|consolidating)\s+(?:the\s+|our\s+)?(?:[\w-]+\s+){0,2}(?:office|plant|branch|site|factory|warehouse|"
    r"store|center|centre)s?|letting\s+(?:~?\d+\s+|some\s+|many\s+|a\s+few\s+)?(?:people|employees|staff|workers|folks)\s+go)\b",
)
# An ask to put it in ("넣어", "include", "be honest about").
_KO_ASK = re.compile(r"넣|포함|언급|밝혀|밝히|적어|적고|기재|공개|소개|설명|강조|솔직|알려|써\s*줘|써줘|써\s*주|써서|쓰고|(?:라고|이라고|로)\s*쓰면|드러내|어필|명시|박아|표기|"
                     r"자랑|내세|활용|살려|반영|담아|보여|홍보|녹여")
_EN_ASK = re.compile(r"\b(?:include|mention|add|disclose|reveal|list|name|talk\s+about|be\s+(?:honest|open|upfront)\s+about|say|write|note|"
                     r"emphasi[sz]e|announce|frame|explain|"
                     r"highlight|show(?:case)?|put|state|share|refer\s+to|brag|use|tell)\b", _I)
# A skill or duty that merely touches the topic ("소송 대응 경험", "내부 감사 업무") is not an ask.
_SKILL_AFTER = re.compile(r"^(?!\s*(?:계획|예정|건|사실|소식|내용|이슈|얘기|상황|결과|때문|문제|(?:대응|처리|진행|조사)\s*중|\(?\s*(?:약\s*)?\d))\s*(?:을|를|의|에)?\s*"
                          r"(?:[^\s.]{1,8}[\s·,()]+){0,3}"
                          r"(?:프로젝트\s*수행|수행|컨설팅|회계\s*처리|회계처리|실사|대응|예방|관리|방지|경험|역량|능력|업무|담당|실무|프로세스|체계|지원|"
                          r"처리|리스크|컴플라이언스|보안\s*교육|교육|서약|준수|experience|management|prevention|handling|skills?|training)", _I)

# Words that make a topic an event of this company ("감사에서 지적받은", "소송이 진행 중인").
_HAPPENED = re.compile(r"지적|적발|드러|터진|터졌|있었|발생|진행\s*중|받은|당한|걸린|지난\s*\d*\s*(?:달|해|분기|월)|작년|지난해|"
                       r"happened|found|ongoing|last\s+(?:year|month|quarter)", re.IGNORECASE)
KO_THINGS = tuple(re.compile(p, _I) for p in _KO_THINGS)
EN_THINGS = tuple(re.compile(p, _I) for p in _EN_THINGS)
# In a posting: an incident stated as having happened, or a code name given.
_STATED_INCIDENT = re.compile(
    r"(?:횡령|배임|비리|분식|구조\s*조정|정리\s*해고|희망\s*퇴직|권고\s*사직|인력\s*(?:감축|재배치)|감원|노사\s*분쟁|파업|"
    r"임금\s*체불|과징금|압수\s*수색|감사\s*(?:결과|지적|적발)|유출\s*사고|보안\s*사고|해킹\s*사고|소송|매각|폐쇄|이전\s*계획)"
    r"[^.\n]{0,30}?(?:있었|발생|진행\s*중|진행하|적발|드러|밝혀|논란|겪|예정|계획|단행|추진|중입니다|했습니다|됐|되었)"
    r"|(?:코드\s*명|코드네임|codename|code\s+name)\s*['\"‘“]?\s*[\w가-힣]+"
    r"|\b(?:layoffs?|embezzlement|restructuring|lawsuit|audit\s+findings?)\b[^.\n]{0,40}?\b(?:happened|occurred|"
    r"ongoing|planned|underway|last\s+year|this\s+year|announced|found)\b", _I)


@dataclass(frozen=True)
class ConfidentialHit:
    kind: str
    start: int
    end: int
    text: str


# Not yet public ("아직 공개 안 한", "이사회에서만 공유된", "협의 중인", "unannounced", "under NDA") …
_NOT_PUBLIC = re.compile(
    r"내부적으로|내부\s*(?:에서만|용)|아직\s*(?:\S{0,6}\s*){0,2}(?:공개|발표|계약|확정|오픈)\S{0,3}\s*(?:안|전|하지\s*않|되지\s*않|못)|"
    r"(?:공개|발표|공시)\s*(?:안\s*(?:한|된|했)|전|되지\s*않은|하지\s*않은|예정\s*없는|[Xx×✕✖❌](?![A-Za-z]))|(?:이사회|경영진|임원\S{0,2}|대표님?)\s*(?:에서|끼리|사이에서)?만|"
    r"(?:협의|협상|논의|검토|물밑\s*작업|추진)\s*중|계약서?\s*상\s*비공개|(?:비공개|대외비|기밀|극비|비밀)(?:긴|인데|라서|지만|이긴|이지만|이라|입니다만)|"
    r"(?:서명|체결|계약)\s*(?:직전|전|예정)|(?:이사회|주총|주주\s*총회|경영\s*회의)\s*(?:\S{0,3}\s*)?(?:통과|승인|의결|보고)\s*전|비밀\s*유지\s*(?:기간|중)|발표\s*예정|(?:보도\s*자료|기사)\S{0,2}\s*(?:나가기|배포)\s*전|"
    r"아직\s+\S{1,8}\s*전(?:이|인|입니다|이에요|이라|이니)|(?:직원|팀원|구성원|사내|내부|외부)\S{0,2}\s*(?:은|는|도|들은|들도)?\s*(?:아직\s*)?(?:몰라|모르|모릅)|"
    r"\b(?:staff|employees|the\s+team|nobody|no\s+one)\s+(?:doesn'?t|don'?t|does\s+not|do\s+not)\s+know\s+(?:yet|about\s+it)?|\bstill\s+under\s+(?:an?\s+)?nda\b|미공개|미출시|미발표|출시\s*전|출시할|출시\s*예정|공개\s*예정|"
    r"(?:내부|사내)\s*(?:모델\s*명|코드\s*명|명칭|프로젝트\s*명)|"
    r"\b(?:unreleased|non-public|(?:isn'?t|aren'?t|is\s+not|are\s+not)\s+(?:yet\s+)?(?:public|announced|official|disclosed))\b|"
    r"\b(?:contract|deal|agreement)\s+(?:isn'?t|is\s+not|hasn'?t\s+been|has\s+not\s+been|not)\s+(?:yet\s+)?signed|\babout\s+to\s+sign\b|"
    r"\bLOI\b|\bletter\s+of\s+intent\b|의향서|[\[【(]\s*(?:대외비|기밀|극비|사내\s*한정|내부\s*한정|confidential|internal\s+only)\s*[\]】)]|검토안|도장\s*(?:찍기|찍은\s*적)?\s*전|계약\s*전|비밀리에|몰래|극비|"
    r"\b(?:not\s+(?:yet\s+)?(?:public|announced|disclosed|official)|(?:haven'?t|hasn'?t|have\s+not|has\s+not)\s+(?:yet\s+)?(?:been\s+)?"
    r"(?:publicly\s+)?(?:announced|disclosed|made\s+public|released)|unannounced|undisclosed|negotiating|in\s+talks|"
    r"under\s+(?:an?\s+)?nda|secret|board[-\s]only|off\s+the\s+record|behind\s+closed\s+doors|quietly|"
    r"(?:hasn'?t|has\s+not|haven'?t|have\s+not)\s+been\s+shared|not\s+(?:yet\s+)?shared\s+outside|outside\s+the\s+exec\w*)\b", _I)
# … said of business information (money, deals, clients, plans, headcount).
_BUSINESS_INFO = re.compile(
    r"금액|목표|수치|숫자|매출|이익|원가|비용|예산|계약|거래|입점|납품|제휴|협업|파트너|고객|거래처|투자|기업\s*가치|밸류|인수|합병|"
    r"합작|MOU|양해\s*각서|통합|통폐합|조직\s*개편|분사|사업부|지분|법인\s*설립|콜라보|\bjoint\s+venture\b|\bJV\b|\btargets?\b|\bcosts?\b|\bbudgets?\b|"
    r"조건|계획|이전|인원|인력|직원\S{0,2}\s*(?:수|몇)|몇\s*명|구조\s*조정|라인|신제품|제품|출시|런칭|론칭|로드맵|실적|대출|"
    r"\b(?:loans?|financing|bridge)\b|소송|분쟁|고소|합의금|\d[\d.,]*\s*(?:억|만\s*원)|"
    r"\b(?:su(?:e|ing|ed)|lawsuits?|litigation|disputes?|settlement|(?:KRW|USD|\$|₩)\s*[\d.,]+\s*(?:[BMK]|billion|million)?)\b|"
    r"\b(?:merger|acquisition|deal|contract|partners?(?:hip)?|clients?|customers?|revenue|profits?|margins?|valuation|funding|"
    r"investment|terms|line|launch|products?|figures?|numbers|headcount|layoffs?|roadmap|plans?)\b", _I)
# An internal figure or event stated as this company's ("영업이익이 -9억", "세무조사 받고", "audit found").
_INTERNAL_FACT = re.compile(
    r"(?:매출|영업\s*이익|순이익|손실|적자|흑자|비용|원가|재고)\S{0,3}\s*(?:\S{0,6}\s*){0,2}(?:-?\d[\d.,]*\s*(?:억|만\s*원|천만|조|%)|얼마)|"
    r"(?:매달|매월|분기|올해|작년|지난\s*분기)\s*(?:\S{0,6}\s*){0,2}(?:얼마|몇\s*(?:억|명))|세무\s*조사|국세청|감사\s*(?:에서|결과)|"
    r"(?:직원|인원|인력)\S{0,3}\s*(?:\S{0,6}\s*)?몇\s*명|"
    r"(?:본부장|팀장|대표|이사|임원|부장|과장|실장|파트장|센터장|지점장|공장장|그룹장|점장|소장|차장|상무|전무|CFO|CEO|CTO)\S{0,3}\s*(?:\S{0,4}\s*)?"
    r"(?:연봉|급여|월급|보수)\S{0,3}\s*[\d억천만,.\s]*\d|"
    # The pay of the person who held the job is that person's, named or not.
    r"(?:전임자|전\s*담당자|기존\s*담당자|퇴사자|前任者?)\S{0,3}\s*(?:\S{0,8}\s*)?(?:연봉|급여|월급|보수|처우)|"
    r"[가-힣]{2,4}\s*(?:님|씨|매니저|리드|팀장|과장|대리)\S{0,2}\s*(?:의\s*)?(?:연봉|급여|월급|보수)\S{0,3}\s*[\d억천만,.\s]*\d|"
    # A name with any title and 님 ("박서연 책임님이 지금 연봉 1억 1천").
    r"[가-힣]{2,4}\s+[가-힣]{1,3}님\S{0,2}\s*(?:\S{0,6}\s*)?(?:연봉|급여|월급|보수)\S{0,3}\s*[\d억천만,.\s]*\d|"
    # A named colleague said to be paid an amount ("팀장 박소연 님이 7,200만 원 받고 계시니").
    # Colleagues' pay by name and title, in a line or a table ("박OO 과장 6,200만", "| 팀장 | 최○○ | 9,800 |").
    r"(?:[가-힣]{2,4}|[가-힣][Oo○〇Ｏ*xX]{1,2})\s*(?:차장|부장|과장|대리|팀장|실장|이사|파트장|책임|선임|수석|매니저|사원|주임)님?\s*[:：]?\s*\d[\d,.]*\s*(?:만|억|천)|"
    r"(?:팀원|직원|동료|구성원|팀)들?\S{0,2}\s*(?:현재\s*)?(?:연봉|급여|월급)\S{0,3}\s*(?:\S+\s+){0,2}?(?:표|리스트|목록|테이블|붙여|공개|참고)|"
    r"\b(?:include|list|show|publish|add|share|put)\s+(?:the\s+|our\s+)?(?:current\s+|existing\s+|actual\s+)?(?:team|colleagues?|staff|employees?|"
    r"coworkers?)(?:'s|')?\s+(?:pay|salar(?:y|ies)|compensation|wages)\b|"

    r"[가-힣]{2,4}\s*(?:님|씨|\s(?:차장|부장|과장|대리|팀장|실장|이사|파트장|책임|선임|수석|매니저)님?)\S{0,2}\s*(?:\S{0,6}\s*)?\d[\d,.]*\s*"
    r"(?:만\s*원|억\s*원?|천만\s*원?)\S{0,3}\s*(?:정도\s*)?(?:받|수령)|"
    r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?'s\s+(?:salary|pay|compensation|base\s+pay)\s+(?:is|was|of)\b|"
    r"(?:\b(?:lead|manager|head|director|chief|ceo|cto|cfo|vp)|\bDr\.?\s+[\w-]+(?:\s+[A-Z]\w+)?|[가-힣]{2,4}|"
    r"(?-i:\b[A-Z][a-z]+(?:-[a-z]+)?\s+[A-Z][a-z]+(?:-[a-z]+)?)),?\s+"
    r"(?:makes|earns|is\s+paid|receives|gets)\s+(?:an?\s+)?(?:annual\s+)?(?:(?:salary|pay|compensation)\s+(?:of\s+)?)?"
    r"(?:KRW|USD|\$|₩)?\s*\d[\d억천만,.]*|"
    r"\b(?:predecessor|previous\s+(?:hire|holder|incumbent)|outgoing\s+\w+)'?s?\s+(?:salary|pay|compensation|package)\b|"
    r"\b(?:CFO|CEO|CTO|COO|controller|director|manager|VP)'s\s+(?:salary|pay|compensation)\s+is\b|"
    r"\bunder\s+(?:a|an|the)?\s*(?:\w+'?s?\s+)?(?:investigation|accounting\s+review|audit|probe)\b|"
    r"\b(?:revenue|profit|loss|burn|margin|ebitda|valuation)\b[^.\n]{0,25}\b(?:was|is|were|of|at|came\s+in\s+at)\s+"
    r"(?:KRW|USD|\$|₩|-)?\s*[\d.,]+|[\d,.]+\s*만?\s*건\S{0,3}\s*(?:\S{0,6}\s*)?유출|"
    r"괴롭힘\s*(?:조사|신고|사건|건)|내부\s*조사|징계\s*(?:건|위원회|조사)|(?:옮기|이동시키|전환|재배치|감축|줄이|내보내)\S{0,4}\s*(?:직원|인원|인력)|"
    r"\b(?:audit\s+(?:found|findings?|flagged)|inventory\s+discrepanc\w*|(?:revenue|profit|loss|burn)\s+(?:of|is|was|were)\s+[-\d$₩])", _I)
# "대외비 자료는 넣지 말고", "don't mention the NDA client": an ask to leave it out.
LEAVE_OUT = re.compile(r"(?:넣|쓰|적|언급|포함|공개)지\s*(?:말|마|않)|빼\s*주|(?:공개|언급|노출|쓰)\S{0,2}\s*(?:하면|되면|면)\s*안\s*되|뭉뚱그|"
                        r"빼고|빼\s*줘|제외하고|없이|\b(?:don'?t|do\s+not|never|without|"
                        r"leave\s+out|omit|exclude|avoid)\b", _I)
_PUBLIC = re.compile(r"(?<!안\s)(?<!않은\s)공개된|공개\s*정보|공시된|공시\s*자료|(?<!내부\s)(?<!내부)감사\s*보고서|DART|보도된|기사|"
                     r"press\s+release|(?<!n't\s)(?<!not\s)publicly\s+(?:available|announced)|"
                     r"public\s+information", _I)


# Leaving out only the person's name ("그 사람 이름은 빼고요", "leave out his name") keeps the incident asked for.
_PART_LEFT_OUT = re.compile(r"(?:사람|분|직원|당사자|본인|담당자|팀장|그)\S{0,2}\s*(?:이름|실명|성함)\S{0,3}\s*(?:은|는|만)?\s*(?:빼|제외|없이|말고)|"
                            r"\b(?:leave\s+out|omit|without|drop)\s+(?:his|her|their|the\s+person'?s|the\s+employee'?s)\s+names?\b", _I)


def _leaves_out(text: str) -> bool:
    """An ask to leave the matter out, not only a name in it."""
    parts = [(p.start(), p.end()) for p in _PART_LEFT_OUT.finditer(text)]
    return any(not any(a <= m.start() < b for a, b in parts) for m in LEAVE_OUT.finditer(text))


_CLAUSE_STOPS = ".!?\n,;"


def _clause_window(text: str, pos: int) -> tuple[int, int, int]:
    """(start of the previous clause, start of this clause, end of the next clause): an ask may sit
    in a neighbouring clause ("…횡령 건, 솔직하게 언급해줘")."""
    s, e = enclosing(text, pos, pos, _CLAUSE_STOPS)
    s0, _ = enclosing(text, max(0, s - 2), max(0, s - 2), _CLAUSE_STOPS)
    _, e2 = enclosing(text, min(len(text), e + 1), min(len(text), e + 1), _CLAUSE_STOPS)
    return s0, s, e2


# A case against the company going on now ("지금 받고 있는 공정위 조사", "currently under FTC review"):
# a duty to handle it does not make it public.
_ONGOING_CASE = re.compile(
    r"(?:지금|현재|요즘|한창)\s*(?:\S{0,8}\s*){0,4}(?:조사|감사|검사|수사|소송|제재|특별\s*감독|행정\s*처분|사전\s*통지|시정\s*명령|"
    r"과징금|과태료|영업\s*정지)\S{0,3}\s*(?:를|을)?\s*(?:받|진행|대응)|"
    r"(?:받고|진행\s*중인|진행되고)\s*있?는?\s*(?:\S{0,8}\s*){0,2}(?:조사|감사|검사|수사|소송|제재|특별\s*감독)|"
    r"(?:조사|감사|검사|세무\s*조사|수사|압수\s*수색|현장\s*조사|감독)\S{0,3}\s*(?:가|이)?\s*(?:들어와|들어왔|나왔|시작됐)|"
    r"(?:조사|감사|검사|수사|점검|현장\s*조사)\S{0,4}\s*(?:에서)?\s*(?:지적|적발)\s*받은|(?:조사|감사|검사|수사)\s*받은\s*(?:거|것|건|일)|"
    r"\bongoing\s+(?:arbitration|litigation|lawsuit|dispute|investigation|audit)|\barbitration\b|"
    r"(?:행정\s*처분|사전\s*통지|시정\s*명령|과징금|영업\s*정지|구제\s*신청|부당\s*해고)\S{0,6}\s*(?:\S{0,6}\s*)?(?:받은|받고|진행|제기|계류|pending)|"
    r"\b(?:still\s+pending|filed\s+(?:a|an)\s+[^.\n]{0,40}\b(?:with|against)|was\s+(?:let\s+go|fired|terminated|dismissed)\b[^.\n]{0,60}"
    r"\b(?:filed|suing|sued|complaint|dispute|pending))|"
    r"(?:조사|감사|검사|수사|소송|제재|특별\s*감독)\S{0,3}\s*(?:를|을)?\s*(?:받고\s*있|받는\s*중|진행\s*중)|"
    r"(?:소송|분쟁|재판|고소|고발|중재)\S{0,3}\s*(?:\d+\s*건)?\S{0,3}\s*(?:이|가)?\s*(?:걸려|계류|제기돼|제기되어)|"
    r"\b(?:ongoing|pending|active)\s+(?:[\w-]+\s+){0,2}(?:suits?|lawsuits?|litigation|legal\s+cases?)\b|"
    r"\b(?:currently|now)\s+(?:under|facing|fighting|in)\s+(?:an?\s+|the\s+)?(?:[\w-]+\s+){0,2}(?:investigation|probe|audit|lawsuit|"
    r"litigation|review|inquiry)", _I)


# Names a secret may be carried by: a project's, or a capitalised company name ("Project 은하수", "CJ대한통운").
_NAMES = re.compile(r"(?:Project|프로젝트)\s+[\w가-힣]{2,}|\b[A-Z]{2,}[가-힣]{2,}|(?-i:\b[A-Z][a-z]+[A-Z]\w+)")


def _secret_business(text: str) -> list[ConfidentialHit]:
    hits = []
    for m in _NOT_PUBLIC.finditer(text):
        s0, _, e2 = _clause_window(text, m.start())
        window = text[s0:e2]
        window += through_next_sentence(text, e2)  # "(the contract is under NDA …). Mention that …"
        if (_KO_ASK.search(window) or _EN_ASK.search(window)) and _BUSINESS_INFO.search(window) and not _PUBLIC.search(window) and not _leaves_out(window) \
                and not re.search(r"(?:customer|client|user)\s+data|고객\s*(?:데이터|정보)", window, _I) \
                and not _SKILL_AFTER.match(text[m.end():]):
            hits.append(ConfidentialHit("ask", m.start(), m.end(), m.group(0)))
        elif (names := _NAMES.findall(text[s0:e2])):
            # A name marked secret in one line and asked for in another ("Project 은하수 (… still under
            # NDA)" … "mention Project 은하수 … by name").
            for name in names:
                for later in re.finditer(re.escape(name), text[e2:]):
                    a, b = enclosing(text, e2 + later.start(), e2 + later.end())
                    if (_KO_ASK.search(text[a:b]) or _EN_ASK.search(text[a:b])) and not _leaves_out(text[a:b]):
                        hits.append(ConfidentialHit("ask", e2 + later.start(), e2 + later.end(), name))
                        break
    for m in _ONGOING_CASE.finditer(text):
        s0, _, e2 = _clause_window(text, m.start())
        window = text[s0:e2] + through_next_sentence(text, e2)
        if (_KO_ASK.search(window) or _EN_ASK.search(window)) and not _leaves_out(window):
            hits.append(ConfidentialHit("ask", m.start(), m.end(), m.group(0)))
    for m in _INTERNAL_FACT.finditer(text):
        # The sentence holding the fact (figures carry commas: "9,500만 원").
        s0, s1 = enclosing(text, m.start(), m.end())
        # … with what is said around it: "연봉 부분 좀 세게 써주세요. 박OO 책임님이 연봉 1억이거든요."
        window = text[max(0, s0 - 60):s1] + through_next_sentence(text, s1)
        if (_KO_ASK.search(window) or _EN_ASK.search(window)) and not _PUBLIC.search(text) \
                and not _leaves_out(window) and not _SKILL_AFTER.match(text[m.end():]):
            hits.append(ConfidentialHit("ask", m.start(), m.end(), m.group(0)))
    return hits


# "신규 입사자는 비밀유지서약서에 서명", "the role handles confidential data": the posting's own terms
# and duties, not a secret put into it.
ONBOARDING_OR_DUTY = re.compile(r"서약서?|보안\s*교육|신규\s*입사자|입사\s*(?:일|시)에?\s*(?:\S{0,10}\s*)?서명|다루는|취급|"
                                # The work of protecting it ("기밀정보 분류 및 접근권한 관리", "주요 업무: …").
                                r"(?:분류|보호|관리|통제|접근\s*권한)\s*(?:및|와|과|,)|주요\s*업무|담당\s*업무|"
                                r"\bhandles?\b|\bhandling\b|\bnew\s+hires\b|\bsign(?:s|ed|ing)?\s+(?:an?\s+|the\s+|our\s+)?"
                                r"(?:nda|confidentiality|non-disclosure|secrecy)|\bsecurity\s+(?:training|policy)|\binfosec\b|"
                                r"\bexperience\s+(?:working\s+)?(?:on|with)\s+nda", _I)


# A code name given with the name itself ("코드명 '오르카'"), or a quoted name said to be unannounced
# ("「은하수」 개발 (현재 미공개 TF)"): whatever the sentence asks, the name would be published.
_NAMED_SECRET = re.compile(
    r"(?:코드\s*명|코드네임|가칭|내부\s*명칭|프로젝트\s*명|\bcode\s*-?name)\S{0,3}\s*[:：]?\s*['\"‘“「『][^'\"’”」』\n]{1,30}['\"’”」』]|"
    r"['\"‘“「『][^'\"’”」』\n]{1,30}['\"’”」』][^.\n]{0,40}(?:미공개|비공개|대외비|기밀|극비|\bunannounced\b|\bconfidential\b)", _I)


# A table whose header names pay, and its rows that name a person ("| Person | Title | Annual pay |",
# "| Park Minji | Senior Brand Manager | 78M KRW |"): colleagues' pay, whatever the ask around it says.
_PAY_HEADER = re.compile(r"(?m)^\s*\|.*(?:연봉|급여|월급|보수|처우|\b(?:pay|salary|salaries|compensation|wages?|ctc)\b).*\|\s*$", re.I)
# (Levels, titles and totals are not people: "| Senior Engineer | 80M |", "| 주니어 | 4,000만 |".)
_NOT_A_NAME_EN = (r"(?!(?:Senior|Junior|Lead|Principal|Staff|Entry|Mid|Head|Chief|Product|Brand|Software|Data|Sales|Marketing|"
                  r"Account|Store|Team|Level|Base|Total|Average|New|Current|Target)\b)")
_NOT_A_NAME_KO = (r"(?!주니어|시니어|신입|경력|사원|주임|대리|과장|차장|부장|팀장|실장|리드|매니저|인턴|이사|상무|전무|임원|평균|합계|"
                  r"최소|최대|기본|초봉|연봉|직급|레벨|구간|범위)")
_NAMED_ROW = re.compile(r"(?m)^\s*\|.*(?:\b" + _NOT_A_NAME_EN + r"[A-Z][a-z]+\s+[A-Z][a-z]+(?:-[a-z]+)?\b|(?<![가-힣])" + _NOT_A_NAME_KO
                        + r"[가-힣][가-힣Oo○*]{1,3}(?:\s*(?:님|씨))?\s*\|).*\d[\d,.]*\s*(?:M|K|만|억|천만|million|원|KRW|USD)?.*\|\s*$")


def _pay_table_rows(text: str) -> list[ConfidentialHit]:
    header = _PAY_HEADER.search(text)
    if not header:
        return []
    return [ConfidentialHit("ask", m.start(), m.end(), m.group(0)) for m in _NAMED_ROW.finditer(text, header.end())
            if not re.fullmatch(r"[\s|:-]+", m.group(0))]


def scan_confidential_ask(text: str) -> list[ConfidentialHit]:
    """A request that asks to put confidential content into the posting."""
    hits: list[ConfidentialHit] = []
    hits += _secret_business(text) + _pay_table_rows(text)
    for m in _NAMED_SECRET.finditer(text):
        s0, s, e2 = _clause_window(text, m.start())
        if not _leaves_out(text[s:e2]):
            hits.append(ConfidentialHit("named_secret", m.start(), m.end(), m.group(0)))
    for m in list(PRIVATE_IP.finditer(text)) + list(INTERNAL_HOST.finditer(text)):
        hits.append(ConfidentialHit("internal_address", m.start(), m.end(), m.group(0)))
    for patterns, ask in ((KO_THINGS, _KO_ASK), (EN_THINGS, _EN_ASK)):
        for rx in patterns:
            for m in rx.finditer(text):
                if _SKILL_AFTER.match(text[m.end():]) and not _HAPPENED.search(text[max(0, m.start() - 25):m.end() + 20]):
                    continue
                s0, s, e2 = _clause_window(text, m.start())
                if ask.search(text[s0:e2]) and not _leaves_out(text[s:e2]) \
                        and not ONBOARDING_OR_DUTY.search(text[s:e2]) and not _PUBLIC.search(text[s0:e2]):
                    hits.append(ConfidentialHit("ask", m.start(), m.end(), m.group(0)))
    return hits


def scan_confidential_output(text: str) -> list[ConfidentialHit]:
    """Confidential facts stated in a posting (whatever the request screen missed)."""
    hits = [ConfidentialHit("internal_address", m.start(), m.end(), m.group(0))
            for rx in (PRIVATE_IP, INTERNAL_HOST) for m in rx.finditer(text)]
    hits += [ConfidentialHit("incident_or_codename", m.start(), m.end(), m.group(0))
             for m in _STATED_INCIDENT.finditer(text)]
    return hits


# What names a secret across sentences: figures with units, names with an honorific, quoted
# wording and Latin names ("8,400만원", "박소연님", "'올리브영 PB …'", "NuriChat").
_SALIENT = re.compile(r"\d[\d,.]*\s*(?:억|만\s*원|만원|천만|원|%|명|건|[BMK]\b|(?i:billion|million))|[가-힣]{2,4}(?=\s*(?:님|씨))|"
                      r"(?<![A-Za-z])[A-Z][a-z0-9]*[A-Z0-9][A-Za-z0-9]*(?:\s+[A-Z][A-Za-z0-9]+)*|"
                      r"(?<![A-Za-z])[A-Z][a-z]{2,}(?:\s+[A-Z][A-Za-z0-9]+)+|[가-힣A-Za-z]{2,}(?=\s*(?:PB|OEM|MOU)\b)")


def secret_sentences(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences to drop for confidential matches: each sentence holding one, and every other
    sentence that names the same figure, person or product (the secret restated, or quoted for
    insertion, in the next sentence)."""
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^\s.!?][^.!?\n]*[.!?]*", text)]
    hit = {b for b in bounds for s, e in spans if b[0] <= s < b[1] or (s < b[0] and e > b[0])}
    terms = {re.sub(r"\s+", "", t.group(0)).lower() for b in hit for t in _SALIENT.finditer(text[b[0]:b[1]])
             if len(t.group(0)) >= 2}
    grams = {g for b in hit for g in _trigrams(text[b[0]:b[1]])}
    more = {b for b in bounds if b not in hit and (any(re.sub(r"\s+", "", t.group(0)).lower() in terms
                                                      for t in _SALIENT.finditer(text[b[0]:b[1]]))
                                                  or grams & _trigrams(text[b[0]:b[1]]))}
    return sorted(hit | more) + spans


def _trigrams(sentence: str) -> set[tuple[str, ...]]:
    """Three words in a row, particles trimmed ("양산 일정 지연에" ~ "양산 일정 지연 건")."""
    words = [re.sub(r"(?<=[가-힣])(?:에서|으로|에|의|을|를|이|가|은|는|로|과|와|도)$", "", w)
             for w in re.findall(r"[가-힣A-Za-z0-9]+", sentence)]
    return {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
