"""Abuse that names no slur: a whole group of people said to be inferior, and sexual demands made of applicants."""
from __future__ import annotations

import re

from guards.text import first_unexcused

# People by a protected trait, as a group ("이주노동자들은", "여자들은", "disabled people are").
_KO_GROUP = (r"(?:페미(?:니스트)?|이주\s*노동자|외국인\s*노동자|외노자|외국인|이민자|난민|조선족|동남아\s*(?:사람|인)?|중국인|흑인|무슬림|이슬람|"
             r"여자|여성|남자|남성|아줌마|노인|늙은이|장애인|장애우|성소수자|동성애자|게이|레즈비언|트랜스젠더|"
             r"(?:전라도|경상도|충청도|강원도|제주도|지방|시골)\s*(?:사람|출신|것)|탈북자|새터민|미혼모|이혼녀|비정규직)")
_EN_GROUP = (r"(?:disabled\s+people|the\s+disabled|people\s+with\s+disabilities|immigrants?|migrants?|migrant\s+workers|foreigners|refugees|"
             r"women|females|men|old\s+people|older\s+people|the\s+elderly|seniors|gays?|gay\s+people|lesbians|trans\s+people|"
             r"muslims|jews|christians|asians|africans|black\s+people|single\s+mothers|mothers)")
# What is said of them: a worth or a nature that is a slur in itself.
_KO_SLUR_TRAIT = (r"위생\s*관념이\s*없|게으르|게을러|나약|열등|미개|더럽|불결|무능|멍청|저능|병들게|망치는|망가뜨리|암적|해충|"
                  r"짐짝|민폐\s*(?:덩어리|집단|종자)|쓸모\s*없|사람\s*구실|사회\s*생활\s*(?:하면|을\s*하면)\s*안|존재\s*가치|"
                  r"범죄\s*(?:자\s*)?(?:집단|소굴|예비)|하등|인간\s*이하|"
                  r"(?:집단|존재|족속|종자)(?:이|이니|이므로|이라|이라서|라서|다)")
_EN_SLUR_TRAIT = (r"(?:a\s+)?drain\s+on\s+(?:society|the\s+economy|resources)|(?:a\s+)?lower\s+(?:kind|form|class)\s+of\s+(?:human|people|being)|"
                  r"inferior|subhuman|less\s+than\s+human|lazy\s+and|dirty|filthy|(?:a\s+)?burden\s+on\s+(?:society|everyone|us)|"
                  r"(?:naturally|inherently|by\s+nature)\s+(?:\w+\s+)?(?:weak|emotional|stupid|lazy|dishonest|violent|unfit)|"
                  r"too\s+emotional\s+to|shouldn'?t\s+(?:even\s+)?(?:exist|be\s+allowed\s+to\s+work)|"
                  r"(?:a\s+)?(?:plague|disease|cancer)\s+(?:on|to|in)\s+|ruin\s+(?:every|the|our)\s+(?:workplace|team|company|office)")
# Said about the prejudice, not by it ("여자는 나약하다는 편견을 깨는", "the myth that older people are slow").
_DISTANCED = re.compile(r"편견|고정\s*관념|선입견|오해|차별|혐오\s*(?:표현|발언)|사실이\s*아니|틀린\s*말|\b(?:myths?|stereotyp\w*|prejudice\w*|bias\w*|"
                        r"not\s+true|misconceptions?|discriminat\w*)\b", re.I)

# The group is what the clause is about ("…들은/이"), and the trait is not denied ("게으르지 않고").
# Groups listed as examples of a slur ("페미, 장애인 같은 사회의 짐덩어리들").
_KO_GROUP_AS = re.compile(_KO_GROUP + r"(?:\S{0,2}\s*[,·/]\s*\S+){0,4}\s*(?:같은|처럼|등의?|따위)\s*(?:\S+\s+){0,2}?"
                          r"(?:짐\s*덩어리|짐짝|기생충|해충|벌레|암\s*덩어리|버러지|쓰레기|찌꺼기|폐급|불량품|하자품)")
_KO_GROUP_HATE = re.compile(_KO_GROUP + r"(?:들|분들)?(?:은|는|이|가|이란|이라는|란)\s+[^,.\n]{0,50}?(?:" + _KO_SLUR_TRAIT + r")(?!\S*지\s*(?:않|말))")
_EN_GROUP_HATE = re.compile(r"\b" + _EN_GROUP + r"\s+(?:are|is|were)\s+(?:\w+\s+){0,5}?(?:" + _EN_SLUR_TRAIT + ")", re.I)

# Sexual demands made of applicants: sexualised photos, private drinks or overnight stays with a
# superior, "special treatment" for a body.
_SEXUAL_DEMAND = re.compile(
    r"(?:섹시|야한|노출\s*(?:있는|심한)|비키니|수영복|속옷|몸매\s*(?:가\s*)?(?:드러나|잘\s*보이))\S{0,3}\s*(?:\S+\s+){0,2}?(?:사진|셀카|프로필)|"
    r"(?:몸매|가슴|다리|외모)\S{0,3}\s*(?:좋은|예쁜|괜찮은|되는)\s*(?:\S+\s+){0,2}?(?:특별\s*대우|특별\s*수당|따로\s*(?:챙|대우|만나))|"
    # Touching or private drinking accepted as a condition ("가벼운 스킨십에 거부감 없는 분", "개인 술자리 동행 가능자").
    r"(?:스킨십|신체\s*접촉)\S{0,3}\s*(?:\S+\s+){0,2}?(?:거부감\s*(?:이\s*)?없|괜찮|허용|가능|ok|오케이|받아\s*들|"
    r"(?:예민|민감|까다롭)\S{0,2}\s*(?:지\s*)?않|개의치\s*않|신경\s*(?:안|쓰지\s*않)|관대|익숙|이해해?\s*주)|"
    r"(?:개인|사적인?|단둘|둘만의?)\s*(?:\S+\s+)?(?:술자리|만남|데이트)\S{0,3}\s*(?:\S+\s+)?(?:동행|참석|가능|필수)|"
    r"(?:사장|대표|부장|이사|상무|임원|점장|팀장|원장|센터장)\S{0,4}\s*옆\s*자리\s*(?:필수|고정|앉)|"
    r"\b(?:accept|tolerate|be\s+(?:ok|okay|fine|comfortable)\s+with|be\s+open\s+to|welcome)\s+(?:\w+\s+){0,2}"
    r"(?:touching|physical\s+contact|advances|flirting|groping)\b|"
    r"['‘\"]?entertain['’\"]?\s+(?:the\s+|our\s+)?(?:\w+\s+){0,2}(?:manager|boss|ceo|owner|director|president|clients?)\s+after\s+(?:hours|work)|"
    r"\b(?:sexy|revealing|bikini|swimsuit|lingerie|nude|topless)\s+(?:\w+\s+){0,2}(?:photos?|pictures?|pics|selfies?)",
    re.I)
# Drinks or a night alone with a superior, demanded ("사장님과 따로 술자리 및 1박").
_KO_ALONE_WITH_SUPERIOR = re.compile(
    r"(?:사장|대표|부장|이사|상무|임원|점장|팀장|원장)\S{0,4}\s*(?:\S+\s+){0,2}?(?:따로|단둘이|둘이서|개인적으로|1\s*:\s*1로?)\s*(?:\S+\s+){0,2}?"
    r"(?:저녁\s*(?:\S+\s+)?술|술자리|1\s*박|숙박|호텔|모텔|데이트|드라이브)|"
    # A room shared with a superior ("출장 시 대표님과 같은 객실 사용 가능한 분"), or serving them at night ("밤에 '시중'").
    r"(?:사장|대표|부장|이사|상무|임원|점장|팀장|원장|센터장)\S{0,4}\s*(?:\S+\s+){0,1}?(?:같은|한)\s*(?:방|객실|호실|숙소\s*방|침실)\S{0,3}\s*"
    r"(?:\S+\s+)?(?:쓰|사용|숙박|투숙|이용|묵)|밤\S{0,2}\s*(?:에\s*)?['‘\"]?시중")
# The English wording (private dinners, a hotel with the boss) is a sexual demand only when the
# sentence is about the applicant's sex or looks: without that it may be a mentoring dinner, or a
# resignation letter to "my boss at the hotel".
_ALONE_WITH_SUPERIOR = re.compile(
    r"\b(?:private|intimate|one-on-one|late[-\s]night)\s+(?:dinners?|drinks|dates?|meetings?)\s+(?:\w+\s+){0,3}(?:the\s+)?"
    r"(?:ceo|boss|owner|manager|director|president)\b|"
    r"\b(?:ceo|boss|owner|manager|director)\b[^.\n]{0,30}\b(?:hotel\s+rooms?|stay\s+the\s+night|private\s+dinners?)\b|"
    r"\bshar(?:e|ing)\s+(?:a\s+)?(?:hotel\s+)?(?:room|bed|suite)s?\s+with\s+(?:the\s+|our\s+|your\s+)?(?:ceo|boss|owner|manager|director|president)\b", re.I)
_SEX_CUE = re.compile(r"여성|여자|여직원|아가씨|외모|예쁜|몸매|미모|섹시|\b(?:female|wom[ae]n|girls?|ladies|pretty|attractive|sexy|hot|"
                      r"if\s+you\s+know\s+what\s+i\s+mean)\b|['‘\"]open['’\"]", re.I)
# The demand must be of the people applying (a sexual-harassment policy names the same acts).
_POLICY = re.compile(r"성희롱|성추행|예방|금지|신고|징계|무관용|강요\s*(?:없|하지|금지)|허용하지\s*않|용납|"
                     r"\b(?:do\s+not|don'?t|never|won'?t|will\s+not)\s+(?:tolerate|accept|allow)\b|\b(?:harass\w*|prohibit\w*|zero[-\s]tolerance|"
                     r"report\w*|banned|policy|never\s+(?:required|asked|expected))\b", re.I)


def group_hate(text: str) -> re.Match | None:
    """A protected group called inferior by nature, unless the sentence disowns the prejudice."""
    return first_unexcused((_KO_GROUP_HATE, _KO_GROUP_AS, _EN_GROUP_HATE), text,
                           lambda _m, sentence: bool(_DISTANCED.search(sentence)))


def sexual_demand(text: str) -> re.Match | None:
    """A sexual demand put to applicants, unless the sentence forbids it."""
    return first_unexcused((_SEXUAL_DEMAND, _KO_ALONE_WITH_SUPERIOR, _ALONE_WITH_SUPERIOR), text, lambda m, sentence: bool(
        _POLICY.search(sentence) or (m.re is _ALONE_WITH_SUPERIOR and not _SEX_CUE.search(sentence))))


# Threats against applicants or staff: finding where they live, making them regret it, ending their
# careers ("we will find out where you live and make sure you regret it", "'dealt with'", "집 주소
# 알아내서 찾아갑니다", "후회하게 만들어 드립니다").
_THREAT = re.compile(
    r"\b(?:find\s+out|know|track\s+down|look\s+up|figure\s+out)\s+where\s+(?:you|they|he|she|(?:the\s+|our\s+)?(?:drivers|applicants|candidates|"
    r"workers|employees|staff|people|hires)|your\s+(?:family|parents|kids)|their\s+famil(?:y|ies))\s+lives?\b|"
    r"\bmake\s+(?:sure\s+)?(?:you|they|him|her|them)\s+(?:regret|pay\s+for|suffer)\b|"
    r"\b(?:found|tracked\s+down|hunted\s+down|caught)\s+and\s+['\"‘“]?(?:dealt\s+with|punished|taught\s+a\s+lesson|made\s+to\s+pay)|"
    r"\b(?:end|ruin|destroy|kill)\s+(?:your|their|his|her)\s+(?:careers?|lives|life|reputations?)\b|"
    r"\b(?:you|they)(?:'ll|\s+will)\s+(?:regret|be\s+sorry)\b|"
    r"(?:집|사는\s*곳|주소|거주지|자택)\S{0,3}\s*(?:\S+\s+){0,2}?(?:찾아가|찾아갈|다\s*알고\s*있)|"
    r"후회하게\s*(?:만들|해\s*(?:주|드)|될\s*(?:거|것))|(?:업계|바닥)에서\s*(?:\S+\s+)?(?:퇴출|못\s*(?:버티|발붙|일하))",
    re.I)


def threat(text: str) -> re.Match | None:
    """A threat made in the posting, unless the sentence forbids or reports such things."""
    return first_unexcused((_THREAT,), text, lambda _m, sentence: bool(_POLICY.search(sentence)))
