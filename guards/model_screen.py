"""What the request screen does with the learned classifier's scores: the thresholds at which a
request is refused, and which sentences go when it reads an unlawful or confidential ask that no
rule named."""
from __future__ import annotations

import re

from guards.confidential import LEAVE_OUT
from guards.discrimination import EN_DISOWNED, sentence_spans
from guards.request_model import RequestModel, load
from guards.text import drop_clauses, through_next_sentence

REJECT_CLASSES = ("off_domain", "injection", "abusive")
# Chosen on sets the model was not trained on (each held out in turn): at these, refusals of
# lawful requests stayed at or below 0.5% while recall rose over the rules alone.
REJECT_AT = 0.6
FIX_AT = {"discriminatory": 0.7, "sensitive_request": 0.6}
# In a long request (a pasted brief, a YAML block, a checklist) one line may be the whole attack while
# the rest dilutes the score: a line that reads as one to refuse this surely, by itself, refuses the
# request. (At 0.9 no line of 1,500 pasted real postings and no lawful long request of the blind
# holdout_v19 did; at 0.8 one did.)
LONG_REQUEST_CHARS = 200
LINE_REJECT_AT = 0.9
MIN_LINE_CHARS = 15
# A sentence that goes must read as the ask by itself at least this surely.
SENTENCE_AT = 0.5
# At most this many sentences go for one class; past that the request is left to the output checks.
MAX_DROPPED = 3


# Where the rules read a sentence as lawful, they know why and the model does not: a sentence
# that disclaims the condition, prefers a group the law itself protects, asks for a phrase to be
# taken out, asks for a language, names the customers, describes who is on the team now, gives the
# writer's own number or asks for papers only after the offer is left to the rules.
LAWFUL_INTENT = re.compile(
    r"무관|상관\s*(?:없|no)|(?:수집|요구|요청)하지\s*않|묻지\s*않|제한\s*(?:없|두지|이\s*없)|불문|관계\s*없|누구나|차별\s*(?:없|하지|금지)|"
    r"(?:장애|보훈|유공자|경력\s*단절)\S{0,8}\s*(?:\S+\s+){0,3}(?:우대|가점|환영|우선)|좋아하(?:시|는)|"
    r"(?:문구|표현|내용|부분|말)\S{0,3}\s*(?:\S+\s+)?(?:없이|빼|삭제|지워|제외)|"
    r"(?:팀|회사|조직|부서|직원|구성원)\S{0,3}\s+(?:\S+\s+){0,3}(?:많은\s*편|대부분이|주로)(?!.*(?:좋겠|원해|위주|뽑|채용|만\s))|"
    r"(?:제출|서류|등본|증명|사본)[^.\n]{0,30}(?:합격|입사)\s*(?:후|이후)|(?:합격|입사)\s*(?:후|이후|시)[^.\n]{0,30}(?:제출|서류|등본|증명|사본)|"
    r"(?:[가-힣]어|외국어|언어)\s*(?:가능|능통|회화|구사|능력)|(?:고객|사용자|이용자|소비자|타깃|타겟)|"
    r"(?<![가-힣])(?:내|제|저의|본인)\s*(?:주민\s*(?:등록\s*)?번호|휴대폰|전화번호|연락처)|"
    r"\b(?:regardless|doesn'?t\s+matter|does\s+not\s+matter|not\s+required|no\s+\w+\s+(?:requirement|limit|restriction)s?|"
    r"(?:our|the)\s+team\s+is\s+(?:mostly|largely|mainly)|open\s+to\s+(?:all|everyone|anyone)|equal\s+opportunit\w*|"
    r"veterans?|disabilit\w+\s+(?:are\s+)?(?:welcome|encouraged)|"
    r"love\s+(?:working\s+with\s+)?(?:kids|children)|speakers?|fluen\w+|proficien\w+|customers?|users?|audience|"
    r"(?:submit|provide|documents?|paperwork)[^.\n]{0,40}(?:after\s+(?:the\s+)?(?:offer|hire|hiring|joining)|upon\s+(?:hire|joining))|"
    r"remove|delete|take\s+(?:it\s+)?out|drop\s+(?:it|that|the))\b",
    re.I)


# Information said to be public already ("이미 전국 판매 중인 …", "공개돼 있어요", "already on sale"):
# the writer names it because it is not a secret, and the registry still guards what is.
ALREADY_PUBLIC = re.compile(r"공개\s*(?:돼|되어|된)\s*(?:있|제품|정보|내용)|이미\s*(?:\S+\s+){0,2}?(?:판매|출시|공개|발표)\s*(?:중|된|됐|되)|"
                            r"\balready\s+(?:public|on\s+sale|announced|launched|released|published)\b", re.I)


def model() -> RequestModel | None:
    return load()


def refusal(text: str) -> tuple[str, float] | None:
    """(class, probability) when the model reads the request as one to refuse."""
    if (m := model()) is None or not text.strip():
        return None
    scores = m.scores(text)
    cls = max(REJECT_CLASSES, key=lambda c: scores[c])
    return (cls, scores[cls]) if scores[cls] >= REJECT_AT else None


def line_refusal(text: str) -> tuple[str, float, str] | None:
    """(class, probability, line) when one sentence of a long request reads, by itself, as one to refuse."""
    if (m := model()) is None or len(text) < LONG_REQUEST_CHARS:
        return None
    best: tuple[str, float, str] | None = None
    for a, b in sentence_spans(text):
        line = text[a:b].strip()
        if len(line) < MIN_LINE_CHARS:
            continue
        scores = m.scores(line)
        cls = max(REJECT_CLASSES, key=lambda c: scores[c])
        if scores[cls] >= LINE_REJECT_AT and (best is None or scores[cls] > best[1]):
            best = (cls, scores[cls], line)
    return best


def without_ask(text: str, cls: str) -> tuple[str, list[str]] | None:
    """The text without the sentences that carry an ask of class `cls`, and those sentences; None
    when the model does not read such an ask.

    Sentences go one at a time, each time the one whose removal lowers the score most, until the
    rest no longer reads as that ask: the smallest cut the model agrees with, not every sentence
    that shares a word with it.
    """
    if (m := model()) is None or not text.strip() or m.scores(text)[cls] < FIX_AT[cls]:
        return None
    dropped: list[str] = []
    while len(dropped) < MAX_DROPPED:
        # Spans trimmed to their words: a span that starts on the space after "공고." would take
        # the sentence before it along (drop_clauses counts a separator with the clause it ends).
        spans = [(a + len(part) - len(part.lstrip()), b - len(part) + len(part.rstrip()))
                 for a, b in sentence_spans(text) if (part := text[a:b]).strip()]
        if not spans:
            break
        # Only a sentence that reads as the ask on its own may go ("결산·감사를 혼자 맡아야 해서요"
        # lowers a score by taking context away, yet asks nothing).
        rest = [(m.scores(drop_clauses(text, [s]))[cls], s) for s in spans
                if m.scores(text[s[0]:s[1]])[cls] >= SENTENCE_AT
                and not (cls == "discriminatory" and (LAWFUL_INTENT.search(near := through_next_sentence(text, s[0]))
                                                      or EN_DISOWNED.search(near)))
                and not (cls == "sensitive_request" and (LEAVE_OUT.search(text[s[0]:s[1]])
                                                         or ALREADY_PUBLIC.search(through_next_sentence(text, s[0]))))]
        if not rest:
            break
        score, span = min(rest)
        dropped.append(text[span[0]:span[1]].strip())
        text = drop_clauses(text, [span])
        if score < FIX_AT[cls]:
            break
    return (text, dropped) if dropped else None
