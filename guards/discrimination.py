"""Clause-level detection of discriminatory hiring conditions (Korean via Kiwi, and English).

A finding needs two things in the same sentence: a protected attribute said of a person (the
applicant), and a predicate that restricts or prefers by it ("장애가 있으면 업무 특성상 지원 불가",
"결혼하신 분보다는 싱글이 좋겠어요", "applicants from Busan preferred"). Other words may sit between
them. What keeps lawful text lawful:
- an attribute that modifies a thing rather than a person is not about the applicant
  ("여성 화장품 브랜드", "출산휴가", "20대 기업", "신장 질환 치료제", "API 키");
- a neutralizer ("무관", "관계없이", "regardless of") or a negated restriction ("제한 없음") states
  the rule rather than breaking it;
- preferring a group the law protects is lawful (장애인·보훈대상자·고령자 우대), excluding it is not.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from guards.ko_lexicon import (
    AMBIGUOUS_WORDS,
    ATTRIBUTE_EXTENSIONS,
    BENEFIT_WORDS,
    HIRING_NOUNS,
    JOB_TITLES,
    KO_AGENTIVE,
    KO_AGE_CODED,
    KO_ATTRIBUTES,
    KO_COLLECT,
    KO_INHERENT_ADJ,
    KO_NEGATORS,
    KO_NEUTRALIZERS,
    KO_PERSON_ATTRS,
    KO_PREDICATE_NOUNS,
    KO_PROTECTED_GROUPS,
    KO_REGIONS,
    KO_RESTRICT,
    KO_SELECT,
    LINK_NOUNS,
    NUM_WORDS,
    PERSON_NOUNS,
    PHOTO_WORDS,
)
from guards.text import enclosing, nfkc, through_next_sentence

@dataclass(frozen=True)
class ConceptHit:
    category: str  # age | sex | marital | appearance | origin | religion | disability | family
    language: str  # ko | en
    start: int
    end: int
    attribute: str
    predicate: str


@lru_cache(maxsize=1)
def _kiwi():
    from kiwipiepy import Kiwi

    kiwi = Kiwi()
    # Compound attribute nouns stay one word ("한부모", "건강검진" is not, "신용불량자" is): Kiwi
    # splits unknown compounds, and a split half ("한" + "부모") reads as something else.
    for word in {*KO_ATTRIBUTES, *ATTRIBUTE_EXTENSIONS, *KO_RESTRICT}:
        if re.fullmatch(r"[가-힣]{3,8}", word) and not word.endswith("다"):
            kiwi.add_user_word(word, "NNG", 5)
    return kiwi


_HISTORY_NOUNS = ("경력", "이력", "경험", "전력", "기록")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentence spans: line breaks, bullets and sentence punctuation end a sentence."""
    return _sentences(text)


def attribute_mentions(text: str) -> list[tuple[tuple[int, int], str]]:
    """(sentence span, category) for every sentence that mentions a protected attribute of a
    person, restricting or not; a request that breaks a rule drops these sentences too."""
    out: list[tuple[tuple[int, int], str]] = []
    for s_start, s_end in _sentences(text):
        sentence = text[s_start:s_end]
        if re.search(r"[가-힣]", sentence):
            tokens = _kiwi().tokenize(sentence)
            for i in range(len(tokens)):
                cat = _ko_attribute(tokens, i)
                if cat and cat != "origin_region" and _lemma(tokens[i]) not in AMBIGUOUS_WORDS:
                    out.append(((s_start, s_end), cat))
            # Kiwi may split a slang word ("아재"); the word itself still counts as a mention.
            out += [((s_start, s_end), KO_ATTRIBUTES[w]) for w in KO_PERSON_ATTRS
                    if len(w) >= 2 and w in KO_ATTRIBUTES and w in sentence and w not in AMBIGUOUS_WORDS]
        for cat, rx in _EN_ATTR_RX.items():
            if rx.search(sentence):
                out.append(((s_start, s_end), cat))
    return out


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: line breaks and sentence punctuation end a sentence."""
    spans = []
    for m in re.finditer(r"[^\n•◆◇■□▶►※●○★☆✔✓❖ㆍ|]+", text):
        line_start = m.start()
        for s in re.finditer(r"[^.!?。]+(?:[.!?。]+(?=\s|$)|$)|[^.!?。]*[.!?。]+", m.group(0)):
            if s.group(0).strip():
                spans.append((line_start + s.start(), line_start + s.end()))
    return spans


def _lemma(tok) -> str:
    form = tok.form
    if tok.tag.startswith(("VV", "VA", "VX", "XSA", "XSV", "VCN", "VCP")):
        return form + "다"
    return form


def _age_number(tokens, i) -> bool:
    """SN/NR followed by 세/살/대 (20~69 for 대), or a spelled-out tens word."""
    t = tokens[i]
    nxt = tokens[i + 1].form if i + 1 < len(tokens) else ""
    if t.tag == "SN" and re.fullmatch(r"\d{1,3}", t.form):
        n = int(t.form)
        if nxt in ("세", "살") and 15 <= n <= 99:
            return True
        if nxt == "대" and 20 <= n <= 69 and n % 10 == 0:
            return True
        if nxt in ("년생",):
            return True
    if t.tag == "SN" and re.fullmatch(r"\d{2,4}년생", t.form):
        return True
    if t.tag == "SN" and re.fullmatch(r"(?:19[4-9]\d|20[01]\d)", t.form) and nxt == "년" and any(
            x.form in ("출생", "출생자", "생", "태생", "출생일") or _lemma(x) == "태어나다" for x in tokens[i + 2:i + 5]):
        return True  # "1995년 이후 출생자": a birth year is an age
    if t.form in NUM_WORDS and nxt in ("대", "살", "세", "넘다"):
        return True
    if t.tag == "NR" and t.form in NUM_WORDS:
        return True
    return False


def _ko_attribute(tokens, i) -> str | None:
    t = tokens[i]
    lemma = _lemma(t)
    if _age_number(tokens, i):
        return "age"
    if t.form == "주민" and i + 1 < len(tokens) and tokens[i + 1].form in ("번호", "등록", "등록번호"):
        return "rrn"
    if t.form in ("여자", "남자") and i + 1 < len(tokens) and tokens[i + 1].form == "친구" \
            and tokens[i + 1].start == t.start + t.len:
        return None  # "여자친구", "남자친구": a partner, not the applicant's sex
    if i + 1 < len(tokens) and tokens[i + 1].form == "용" and tokens[i + 1].tag == "XSN" \
            and tokens[i + 1].start == t.start + t.len:
        return None  # "남성용 올인원", "여성용": a product made for them
    if t.tag.startswith("N") or t.tag in ("SL", "IC", "XR") or t.tag.startswith(("VA", "VV")):
        if lemma in KO_ATTRIBUTES or t.form in KO_ATTRIBUTES:
            # Verbs/adjectives only count when they are in the lexicon as 다-forms.
            if t.tag.startswith(("VA", "VV")) and lemma not in KO_ATTRIBUTES:
                return None
            return KO_ATTRIBUTES.get(lemma) or KO_ATTRIBUTES.get(t.form)
        if t.form in KO_REGIONS:
            return "origin_region"
        # "무교인", "불교신자", "기혼녀": an attribute word with a person suffix is a person of that attribute.
        form = re.sub(r"(?:만|은|는|도|들)$", "", t.form) if len(t.form) > 3 else t.form
        for suffix in ("신자", "교인", "인", "자", "녀", "남"):
            stem = form[:-len(suffix)]
            if t.tag.startswith("NN") and form.endswith(suffix) and len(stem) >= 2 and stem in KO_ATTRIBUTES \
                    and stem not in AMBIGUOUS_WORDS and not KO_ATTRIBUTES[stem] == "age":
                return KO_ATTRIBUTES[stem]
        # Any place name said of a person ("충주 거주자", "목포 출신").
        # (Not 출신: "카이스트 출신", "에이전시 출신" name a school or an employer.)
        if t.tag == "NNP" and any(x.form in ("거주자", "토박이", "태생") for x in tokens[i + 1:i + 4]):
            return "origin_region"
    return None


def _is_noun(tok) -> bool:
    return tok.tag.startswith("NN") or tok.tag in ("SL", "NNP", "XR") and tok.form not in ("만",)


def scan_korean(text: str) -> list[ConceptHit]:
    hits: list[ConceptHit] = []
    kiwi = _kiwi()
    prev_mention: ConceptHit | None = None
    for s_start, s_end in _sentences(text):
        sentence = text[s_start:s_end]
        if not re.search(r"[가-힣]", sentence):
            continue
        tokens = kiwi.tokenize(sentence)
        benefit = bool(BENEFIT_WORDS.search(sentence)) and not _restricts_outright(tokens)
        found = [] if benefit else _scan_sentence_ko(sentence, tokens, s_start)
        if benefit:
            # A benefit exempts its own clause only ("병력 있으면 지원 불가, 건강검진 결과지는 …").
            for c in re.finditer(r"(?:[^,;()]|\([^)]*\))+", sentence):
                if not BENEFIT_WORDS.search(c.group(0)) and re.search(r"[가-힣]", c.group(0)):
                    found += _scan_sentence_ko(c.group(0), kiwi.tokenize(c.group(0)), s_start + c.start())
        found += [h for h in _trait_hits(tokens, s_start, benefit)
                  if not any(f.start < h.end and h.start < f.end for f in found)]
        found += [h for h in _family_member_hits(tokens, s_start, benefit)
                  if not any(f.start < h.end and h.start < f.end for f in found)]
        if not found and prev_mention is not None and _refuses_unnamed(tokens):
            found.append(prev_mention)  # "무슬림은 … 걱정돼서요. 이번엔 안 받으려고 하니 …"
        prev_mention = _person_mention(tokens, s_start) if not found else None
        hits.extend(found)
    return hits


_FAMILY_MEMBERS = {"가족", "직계가족", "친인척", "친척", "부모", "부모님", "형제", "자매", "가족들", "식구", "집안"}


def _family_member_hits(tokens, offset: int, benefit: bool) -> list[ConceptHit]:
    """"가족 중 노조 활동하는 사람 있으면 안 됨", "가족 중 … 이력 無": a condition on what the
    applicant's relatives are or do is a condition on family background."""
    if benefit:
        return []
    for i, t in enumerate(tokens[:-1]):
        if not (t.form in _FAMILY_MEMBERS and t.tag.startswith("NN") and tokens[i + 1].form in ("중", "중에", "중에서")):
            continue
        for k in range(i + 2, min(len(tokens), i + 16)):
            x = tokens[k]
            lemma = _lemma(x)
            if x.tag in ("SF",):
                break
            restricts = (lemma in KO_RESTRICT and lemma not in ("이상", "까지")) or x.form in ("無", "불가", "제외") \
                or (lemma == "되다" and (_negated_before(tokens, k) or _negated_after(tokens, k)))
            collects = x.form in ("제출", "기재", "증빙") and x.tag.startswith("NN")
            if restricts or collects:
                return [ConceptHit("family", "ko", offset + t.start, offset + x.start + x.len, t.form, f"({x.form})")]
    return []


def _restricts_outright(tokens) -> bool:
    """'출산휴가 가면 곤란해서 미혼자만': a restriction in a sentence that names a benefit."""
    return any(_lemma(t) in ("곤란", "곤란하다", "불가", "제외", "사절", "거르다", "배제", "안되다") for t in tokens) or any(
        _lemma(t) in ("받다", "뽑다", "되다") and _negated_before(tokens, i) for i, t in enumerate(tokens)) or (
        # "휴직 계획이 없는 분": the person wanted is one who will not use the benefit.
        any(t.form in ("계획", "예정", "생각") and any(_lemma(x) == "없다" for x in tokens[i + 1:i + 4])
            and any(x.form in PERSON_NOUNS for x in tokens[i + 2:i + 6]) for i, t in enumerate(tokens)) or (
        # "지원 시 건강검진 결과 제출 필수": a document demanded with the application, not a benefit.
        any(t.form in ("제출", "첨부") for t in tokens) and any(t.form in ("필수", "지원서", "서류") for t in tokens)) or (
        # "채용검진 결과 … 보균자는 불합격": a check that fails people is a hiring step, not a benefit.
        any(_lemma(t) in ("불합격", "탈락", "부적격", "채용취소", "취소") for t in tokens)))


def _person_mention(tokens, offset: int) -> ConceptHit | None:
    for t in tokens:
        if t.tag.startswith("NN") and (t.form in KO_PERSON_ATTRS or _lemma(t) in KO_PERSON_ATTRS) \
                and t.form not in KO_PROTECTED_GROUPS:
            return ConceptHit(KO_ATTRIBUTES.get(t.form, "origin"), "ko", offset + t.start, offset + t.start + t.len, t.form,
                              "(refused in the next sentence)")
    return None


def _refuses_unnamed(tokens) -> bool:
    """A refusal with no one named ("이번엔 안 받으려고 해요", "지원 불가로 해줘")."""
    if any(t.tag.startswith("NN") and (t.form in PERSON_NOUNS or _ko_attribute(tokens, i)) for i, t in enumerate(tokens)):
        return False
    return any((_lemma(t) in ("받다", "뽑다", "채용하다") and _negated_before(tokens, i)) or t.form in ("불가", "사절", "제외")
               for i, t in enumerate(tokens))


# --- The person wanted, described by a protected trait ("피부 깨끗한 분", "무교인 분", "부양가족 없는 분")
# A relative clause ending right before a person noun describes that person; in a request for a
# posting the person is the applicant. Lexicon cores a compound noun may carry ("부양가족", "신앙생활").
_TRAIT_CORES = {"가족": "family", "신앙": "religion", "질환": "disability", "장애": "disability", "종교": "religion",
                "결혼": "marital", "임신": "marital", "출산": "marital", "육아": "marital", "자녀": "marital",
                "외모": "appearance", "체중": "appearance", "몸매": "appearance", "병력": "disability", "정신과": "disability",
                "우울": "disability", "예배": "religion", "교회": "religion", "출신": "origin", "집안": "family",
                "부모": "family", "재산": "family", "혼인": "marital", "이혼": "marital", "이슬람": "religion", "기독": "religion",
                "불교": "religion", "천주": "religion", "무교": "religion", "감염": "disability", "보균": "disability",
                "안경": "appearance", "정년": "age", "암": "disability", "디스크": "disability", "입원": "disability",
                "수술": "disability", "몸": "disability", "혈압": "disability", "당뇨": "disability", "공황": "disability",
                "휴직": "marital"}
# Heads that make the clause about a skill, not a trait ("해외 거주 경험 있는 분").
_SKILL_HEADS = {"경험", "경험자", "경력자", "실무", "경력", "자격", "자격증", "지식", "역량", "능력", "이해", "이해도", "관심", "감각", "노하우", "전문성"}
# Words after the person that make the clause descriptive or inclusive ("…분이 많아요", "…분도 환영",
# "…분을 위한", "…분께 축하금", "…분은 재택 가능").
_TRAIT_NOT_A_CONDITION = {"많다", "계시다", "위하다", "함께", "께", "에게", "한테", "가능", "제공", "배려"}


# Nouns that may stand between a trait and its verb ("우울증 이력 있는", "체중 관리 잘 되는").
_TRAIT_LINKS = ATTRIBUTE_EXTENSIONS | {"관리", "생활", "부담", "소견", "진료", "가능성", "활동", "상태", "문제", "기록", "치료", "착용", "가능",
                                       "정신", "등", "입원", "투약", "복용", "내", "최근"}


def _heads_clause(tokens, a: int, v: int) -> bool:
    """The trait is what the clause's verb is said of: only particles, adverbs, numbers and
    trait-extending nouns between them ("정신과 주인의식이 있으신": 주인의식 is what is had)."""
    if a and tokens[a - 1].tag in ("NNG", "NNP", "SL") and tokens[a - 1].form not in ("이상", "이하", "미만", "정도", "등") \
            and tokens[a].form in AMBIGUOUS_WORDS \
            and KO_ATTRIBUTES.get(tokens[a].form) != "disability":
        return False  # "급여 인상": part of a longer noun ("중증 질환" is still an illness)
    # "종교적 식단 제한", "신체적 조건": an attribute made an adjective with 적 heads the nouns it modifies.
    derived = a + 1 < v and tokens[a + 1].tag == "XSN" and tokens[a + 1].form == "적"
    # Nouns written onto the attribute are part of it ("이슬람" + "교").
    while a + 1 < v and tokens[a + 1].tag.startswith("NN") and tokens[a + 1].start == tokens[a].start + tokens[a].len:
        a += 1
    for t in tokens[a + 1:v]:
        if t.tag.startswith(("J", "MA", "XSN", "SN", "NR", "XPN", "XR", "SSC")) or t.form in _TRAIT_LINKS or t.tag == "VCP":
            continue
        if derived and t.tag.startswith("NN"):
            continue
        if t.tag.startswith(("VA", "VV", "XSA", "XSV")) and t.form in ("하", "되", "있", "없"):
            continue
        return False
    return True


def _trait_category(tokens, a: int) -> str | None:
    t = tokens[a]
    cat = _ko_attribute(tokens, a)
    if cat == "origin_region":
        marks = ("출신", "거주", "태생", "토박이", "연고")
        nxt = a + 2 if a + 2 < len(tokens) and tokens[a + 1].tag == "XSN" else a + 1  # "영남권인 분"
        said_of_person = nxt < len(tokens) and tokens[nxt].tag == "VCP"  # "경상도인 분"
        return "origin" if said_of_person or any(x.form in marks for x in tokens[a + 1:a + 3]) else None
    if cat:
        # Everyday words ("아이들을 좋아하는 분", "가족 같은") are traits only for looks and health.
        return cat if t.form not in AMBIGUOUS_WORDS or cat in ("appearance", "disability") else None
    if t.form in _TRAIT_CORES and t.tag.startswith("NN"):
        return _TRAIT_CORES[t.form]
    if t.tag.startswith("NN") and len(t.form) >= 3:
        return next((c for core, c in _TRAIT_CORES.items() if core in t.form), None)
    return None


def _refused_after(tokens, p: int, after) -> bool:
    """"…분은 안 돼요", "…분은 안 받아요": the person at p refused."""
    return any(_lemma(t) in ("되다", "받다", "뽑다") and _negated_before(tokens, p + 1 + i) for i, t in enumerate(after))


def _excluded_after(tokens, p: int, after) -> bool:
    return any(_lemma(t) in ("제외", "불가", "사절", "배제", "자제", "거르다") for t in after) or _refused_after(tokens, p, after)


def _gives_reason(tokens, a: int, v: int) -> bool:
    """The attribute phrase ends in a causal particle ("종교 활동으로", "육아 때문에") inside the clause."""
    for k in range(a + 1, min(v, a + 4)):
        if tokens[k].form in ("으로", "로") and tokens[k].tag == "JKB" or tokens[k].form in ("때문", "인하다", "탓"):
            return True
        if not (tokens[k].form in _TRAIT_LINKS or tokens[k].tag.startswith(("J", "XSN"))):
            return False
    return False


def _sex_person(tokens, p: int) -> bool:
    """The person noun names a sex ("강인한 남성분", "꼼꼼한 여직원") and heads its phrase."""
    t = tokens[p]
    if KO_ATTRIBUTES.get(t.form) != "sex" or not (t.form in KO_PERSON_ATTRS or t.form.endswith("분")):
        return False
    nxt = tokens[p + 1] if p + 1 < len(tokens) else None
    return nxt is None or not nxt.tag.startswith("NN") or nxt.form in ("분", "분들", "들")


def _trait_hits(tokens, offset: int, benefit: bool) -> list[ConceptHit]:
    out: list[ConceptHit] = []
    n = len(tokens)
    if any(_lemma(t) in KO_NEUTRALIZERS or t.form in KO_NEUTRALIZERS for t in tokens):
        return out
    for p in range(2, n):
        person = tokens[p]
        if not ((person.form in PERSON_NOUNS or _sex_person(tokens, p)) and person.tag.startswith("N")) or tokens[p - 1].tag != "ETM":
            continue
        # The clause: back to the previous boundary (punctuation, a clause ending, another modifier).
        b = p - 2
        # A closing quote is not a boundary ("'ㅅㅊㅈ' 활동 안 하는 분": the quoted word is the trait).
        while b > 0 and p - b < 9 and not tokens[b - 1].tag.startswith(("SF", "SP", "SSO", "EC", "ETM", "JC", "SW", "EF")):
            b -= 1
        clause = tokens[b:p - 1]
        if any(t.form in _SKILL_HEADS for t in clause):
            continue
        v = p - 2
        while v > b and tokens[v].tag in ("EP", "VX", "EC"):
            v -= 1  # "있으신", "안 쓰신": the clause's own verb
        if not tokens[v].tag.startswith(("VA", "VV", "XSA", "XSV", "VCP", "VCN")):
            continue
        after = tokens[p + 1:p + 6]
        attr = next(((a, c) for a in range(b, v) if (c := _trait_category(tokens, a))
                     and _heads_clause(tokens, a, v)), None)
        if attr is None and _excluded_after(tokens, p, after):
            # "종교 활동으로 주말 근무 불가한 분 제외": the trait given as the reason, then excluded.
            attr = next(((a, c) for a in range(b, v) if (c := _trait_category(tokens, a)) and _gives_reason(tokens, a, v)), None)
        if attr is None and _sex_person(tokens, p):
            attr = (p, "sex")  # "체력적으로 강인한 남성분": the person wanted is named by sex
        if attr is None:
            continue
        a, cat = attr
        if after and after[0].form == "도" and after[0].tag == "JX":
            continue
        if any(_lemma(t) in _TRAIT_NOT_A_CONDITION or t.form in _TRAIT_NOT_A_CONDITION for t in after[:4]) and (
                not any(_lemma(t) in ("많다", "계시다") for t in after[:4]) or (after and after[0].tag in ("JKS", "XSN"))):
            continue
        verb = tokens[v]
        after_lemmas = [_lemma(t) for t in after]
        restricts = any(x in KO_RESTRICT for x in after_lemmas) or any(t.form == "좀" for t in after[:3]) \
            or _refused_after(tokens, p, after)
        if benefit and not restricts:
            continue
        positive = _lemma(verb) in ("있다", "이다") or verb.tag == "VCP"
        protected = cat == "disability" or _lemma(tokens[a]) in KO_PROTECTED_GROUPS
        if protected and positive and not restricts:
            continue  # "장애가 있는 분 우대": preferring a protected group is lawful
        # A person named by sex takes the clause that describes them with it.
        out.append(ConceptHit(cat, "ko", offset + tokens[b if a == p else a].start, offset + person.start + person.len,
                              tokens[a].form, f"({_lemma(verb)} {person.form})"))
    return out


_UNION_BODIES = {"노조", "노동조합", "민노총", "민주노총", "한국노총", "전교조"}
_UNION_TIES = {"활동", "가입", "이력", "원", "활동가", "출신", "경력", "탈퇴", "전력", "간부", "위원장", "소속"}


def _scan_sentence_ko(sentence: str, tokens, offset: int) -> list[ConceptHit]:
    out: list[ConceptHit] = []
    n = len(tokens)
    i = 0
    while i < n:
        cat = _ko_attribute(tokens, i)
        if cat is None:
            i += 1
            continue
        attr_tok = tokens[i]
        lemma = _lemma(attr_tok)
        if i and tokens[i - 1].form == "[":
            i += 1  # a masking label such as "[주민등록번호]", not the applicant's attribute
            continue
        prev = tokens[i - 1] if i else None
        if prev is not None and prev.start + prev.len == attr_tok.start and re.match(r"[가-힣\u1100-\u11ff\u3131-\u318e]", prev.form) \
                and _ko_attribute(tokens, i - 1) is None and prev.tag in ("NNG", "NNP", "NNB", "XR", "ETM", "XSN") \
                and prev.form not in ("비",):
            # Part of a longer word ("고기여자" = 고기여자, "우아한형제들", "경력단절여성").
            i += 1
            continue
        m_end = i + 2 if (i + 1 < n and tokens[i + 1].tag.startswith("XSA")) else i + 1
        if (attr_tok.tag.startswith(("VA", "VV")) or m_end == i + 2) and m_end + 1 < n and tokens[m_end].tag == "ETM" \
                and tokens[m_end + 1].tag.startswith("NN") and tokens[m_end + 1].form not in PERSON_NOUNS:
            i += 1  # "건강한 조직문화", "예쁜 얼음": describes a thing
            continue
        if lemma in _UNION_BODIES and not (i + 1 < n and (tokens[i + 1].form in _UNION_TIES or tokens[i + 1].form in PERSON_NOUNS)):
            i += 1  # "노조에는 아직 공유 전": the union as a body, not an applicant's membership of it
            continue
        if i + 1 < n and tokens[i + 1].form == "보다" and tokens[i + 1].tag.startswith("J") \
                and lemma not in KO_PERSON_ATTRS:
            i += 1  # "나이보다 능력": plays the attribute down
            continue
        # Walk the attribute phrase: numbers, units, extensions and other attributes.
        j = i + 1
        person_attr = lemma in KO_PERSON_ATTRS or cat == "origin_region"
        while j < n and (tokens[j].form in ATTRIBUTE_EXTENSIONS or tokens[j].tag in ("SN", "NR", "XSN", "SP", "SO", "SSO", "SSC")
                         # ("노조 간부 활동 경력": the union ties in however many words.)
                         or (lemma in _UNION_BODIES and (tokens[j].form in _HISTORY_NOUNS or tokens[j].form in _UNION_TIES))
                         or _ko_attribute(tokens, j) is not None or tokens[j].form in ("세", "살", "대")
                         or (tokens[j].form == "약" and j + 1 < n and tokens[j + 1].form in ("복용", "처방", "투약"))):
            person_attr = person_attr or _lemma(tokens[j]) in KO_PERSON_ATTRS  # "B형 간염 보균자": the phrase names a person
            # "노조 활동 이력자", "노조 가입자": a person suffix closing the phrase names the person too.
            person_attr = person_attr or (tokens[j].tag == "XSN" and tokens[j].form in ("자", "원") and j > i)
            j += 1
        # Region words are origin only when said of a person ("부산 사람", "경상도 출신").
        if cat == "origin_region":
            if j < n and (tokens[j].form in ("사람", "분", "사람들", "분들", "출신", "출신자", "거주자", "토박이", "놈", "거주", "출생", "출생자",
                                             "연고자", "연고", "태생", "사람이", "분이")
                          or tokens[j].form.endswith("출신")):
                cat = "origin"
            elif any(tokens[k].form in ("출신", "거주", "연고", "연고자", "태생", "토박이", "거주자", "출신자", "졸업자", "졸업생")
                     for k in range(i + 1, min(max(j, i + 3) + 1, n))):
                cat = "origin"
                marks = ("출신", "거주", "연고", "연고자", "태생", "토박이", "거주자", "출신자", "졸업자", "졸업생")
                j = max(j, next((k for k in range(i + 1, n) if tokens[k].form in marks), j - 1) + 1)
            else:
                i += 1
                continue
        # An attribute followed by a run of nouns modifies the run's head: a thing ("여성 화장품
        # 브랜드 마케팅 경험") or a person ("20대 백엔드 개발자").
        head = j
        while j < n and _is_noun(tokens[j]) and head + 1 < n and _is_noun(tokens[head + 1]) and tokens[head + 1].form not in KO_PREDICATE_NOUNS \
                and tokens[head + 1].form not in ("때문", "탓"):
            head += 1
        if any(t.form in ("경험", "경험자", "경력", "경력자") for t in tokens[j:head + 1]) and cat != "age":
            i = head + 1  # "해외 거주 경험자 우대": an experience, not an origin
            continue
        # A hiring word ending the run ("외국인 채용 불가") is the predicate's object, not a thing.
        while head > j and tokens[head].form in HIRING_NOUNS:
            head -= 1
        if head == j and j < n and tokens[j].form in HIRING_NOUNS:
            pass
        elif head > j and tokens[head].form not in PERSON_NOUNS and any(
                t.form in ("때문", "탓") for t in tokens[head + 1:head + 4]):
            head = j  # "종교 활동 때문에 … 분은 곤란": the attribute is the reason given
        if head >= j and j < n and _is_noun(tokens[j]) and tokens[head].form in JOB_TITLES and cat not in ("age", "sex") \
                and not person_attr and not _age_number(tokens, i):
            i = head + 1  # "부동산관리 담당자", "외국계 고객사 급여정산 담당자": the job's domain, not the applicant
            continue
        if head > j and j < n and _is_noun(tokens[j]) and tokens[head].form in PERSON_NOUNS:
            j = head
        elif j < n and _is_noun(tokens[j]) and head >= j and tokens[head].form not in PERSON_NOUNS \
                and not (tokens[j].start == attr_tok.start + attr_tok.len and tokens[j].form not in PERSON_NOUNS) \
                and lemma in KO_AGE_CODED and any(t.form in PERSON_NOUNS and t.tag.startswith("N") for t in tokens[head:head + 8]):
            found = (head, "(age-coded word for the person wanted)")
            out.append(ConceptHit("age", "ko", offset + attr_tok.start, offset + tokens[head].start + tokens[head].len,
                                  attr_tok.form, found[1]))
            i = head + 1
            continue
        # (Not an age band that closes on its bound and is cut in the same clause: "40대 이상 서류
        # 단계에서 컷".)
        bounded_cut = cat == "age" and any(t.form in ("이상", "이하", "미만", "초과") for t in tokens[i + 1:j + 1]) \
            and any(_lemma(t) in _CUT_WORDS for t in tokens[j:min(n, j + 8)])
        if head > j and tokens[j].form in HIRING_NOUNS and tokens[head].tag in ("NNG", "NNP") and not bounded_cut \
                and tokens[head].form not in PERSON_NOUNS and tokens[head].form not in HIRING_NOUNS \
                and tokens[head].form not in ATTRIBUTE_EXTENSIONS and not any(t.form in ("때문", "탓") for t in tokens[head + 1:head + 4]):
            i = head + 1  # "외국인 고용허가제 실무 경험": the run's head is a thing
            continue
        # An attribute followed directly by a non-person noun modifies that thing, not the applicant.
        if j < n and _is_noun(tokens[j]) and tokens[j].form not in PERSON_NOUNS and tokens[j].form not in HIRING_NOUNS \
                and tokens[j].form not in KO_PREDICATE_NOUNS and not (tokens[j].tag == "SL") and not bounded_cut \
                and not (head == j and any(t.form in ("때문", "탓") for t in tokens[j + 1:j + 4])):
            i = j
            continue
        # A lone "X" closing the phrase is the list's "none" ("병력 X"): the phrase is a condition.
        # (Not after a property every applicant has: "성별 X" says the field does not apply.)
        closing_x = j < n and tokens[j].form in ("X", "x") and (j + 1 >= n or tokens[j + 1].tag.startswith(("S", "E"))) \
            and lemma not in _PROPERTY_NOUNS and not any(t.form in _PROPERTY_NOUNS for t in tokens[i:j])
        if j < n and tokens[j].tag == "SL" and tokens[j].form.isalpha() and cat not in ("age",) and not closing_x:
            i = j
            continue
        # Preceded by a noun it modifies ("API 키", "임금 인상", "신장 질환" handled above).
        if i > 0 and tokens[i - 1].tag in ("SL", "NNG", "NNP") and (lemma in ("키", "인상", "절", "병", "약", "애", "가정",
                                                                                "건강", "신장", "질환", "얼굴", "피부") or (
                lemma == "사진" and tokens[i - 1].form not in ("증명", "프로필", "전신", "반명함", "본인", "지원자", "얼굴", "여권"))):
            # ("밥 사진", "제품 사진": a photo of something, not of the applicant)
            i = j
            continue
        height = lemma in ("키", "신장") and j < n and (_lemma(tokens[j]) in ("크다", "작다") or (
            j + 1 < n and tokens[j].tag.startswith("J") and _lemma(tokens[j + 1]) in ("크다", "작다")))
        if lemma in ("절", "병", "약", "애", "가정", "피부", "얼굴", "키", "인상", "신장", "환자", "질환") and not height \
                and not _near_person(tokens, j):
            # Ambiguous everyday words count only when they describe the person wanted.
            i = j
            continue
        if lemma in AMBIGUOUS_WORDS and cat in ("marital", "family"):
            person_at = next((x for x in range(j, min(j + 8, n)) if tokens[x].form in PERSON_NOUNS and tokens[x].tag.startswith("N")), None)
            if person_at is not None and any(tokens[x].tag.startswith(("VV", "VA")) and _lemma(tokens[x]) not in (
                    "있다", "없다", "키우다", "돌보다", "기르다", "양육하다", "낳다", "두다") for x in range(j, person_at)):
                i = j  # "아이들을 좋아하는 분": what the person likes, not whether they have children
                continue
        # "신체장애우분들 … 우대": a protected group anywhere in the phrase makes preferring it lawful.
        group = next((_lemma(tokens[x]) for x in range(i, min(j, n)) if _lemma(tokens[x]) in KO_PROTECTED_GROUPS), lemma)
        found = _predicate_after(tokens, j, cat, group)
        in_section = found is not None and found[0] + 1 < n and tokens[found[0] + 1].form in ("사항", "요건", "조건", "란", "항목")
        if found is not None and not person_attr and cat != "age_number" and not _age_number(tokens, i) \
                and not (found[0] == j and found[1] in KO_RESTRICT) and not _linked(tokens, j, found[0]) \
                and not found[1].startswith("(") and not in_section:
            found = None  # "건강이 최고", "가족이 된 것을 환영": not said of an applicant
        if found is None and lemma in KO_INHERENT_ADJ and _modifies_person(tokens, j):
            found = (j, "(describes the person wanted)")
        if found is None and cat == "age" and _age_number(tokens, i) and j - 1 > i \
                and KO_ATTRIBUTES.get(tokens[j - 1].form) == "sex" and tokens[j - 1].form in KO_PERSON_ATTRS | {"여성분", "남성분"} \
                and not any(_lemma(t) in ("많다", "대부분", "주로", "주축", "구성", "위주", "타깃", "타겟", "고객")
                            for t in tokens[j:j + 5]):
            found = (j - 1, "(age and sex of the person wanted)")  # "'… 20~30대 여성분'으로 부탁"
        if found is None:
            found = _predicate_before(tokens, i, cat, lemma)
        if found is not None:
            k, pred = found
            a, b = min(i, k), max(i, k)
            start = offset + tokens[a].start
            end = offset + tokens[b].start + tokens[b].len
            out.append(ConceptHit(cat, "ko", start, end, attr_tok.form, pred))
            i = max(j, b + 1)
            continue
        i = j
    return out


_CUT_WORDS = {"컷", "탈락", "불합격", "제외", "거르다", "걸러내다", "배제", "자르다"}


def _linked(tokens, j: int, k: int) -> bool:
    """A person or a hiring word between an attribute and its predicate ties the two to an applicant."""
    if any(t.tag == "EC" and t.form.endswith("면") for t in tokens[j:min(k, j + 4)]):
        return True  # "장애가 있으시면 … 빼주세요": a condition on the applicant
    if any(t.tag == "ETM" for t in tokens[j:min(k, j + 4)]) and any(
            t.form in ("경우", "때", "시") and t.tag.startswith("NN") for t in tokens[j:min(k, j + 6)]) \
            and _lemma(tokens[k]) in ("불합격", "탈락", "제외", "불가", "컷", "취소", "채용취소", "부적격", "배제"):
        return True  # "진료 이력이 있는 경우 최종 불합격": a case that fails the applicant
    return any(t.tag.startswith("N") and (t.form in PERSON_NOUNS or t.form in LINK_NOUNS) for t in tokens[j:k])


def _near_person(tokens, j: int) -> bool:
    for k in range(j, min(j + 6, len(tokens))):
        if tokens[k].form in PERSON_NOUNS and tokens[k].tag.startswith("N"):
            return True
        if tokens[k].tag.startswith("NN") and tokens[k].form not in HIRING_NOUNS and tokens[k].form not in PERSON_NOUNS:
            return False
    return False


def _modifies_person(tokens, j: int) -> bool:
    """An adjective (젊은, 건강한) whose next noun is a person."""
    for k in range(j, min(j + 3, len(tokens))):
        t = tokens[k]
        if t.tag.startswith(("E", "XSA", "XSV")) or t.tag in ("SP",) or t.form in ("한", "하", "스러운"):
            continue
        return t.form in PERSON_NOUNS and t.tag.startswith("N")
    return False


def _negated_after(tokens, k: int) -> bool:
    for t in tokens[k + 1:k + 5]:
        lemma = _lemma(t)
        if t.form in ("안", "못") and not t.tag.startswith("MA"):
            continue  # "못 박아": a nail, not a negation
        if lemma in KO_NEGATORS or t.form in ("안", "못", "않", "없"):
            return True
        if t.tag.startswith(("SF",)):
            break
    return False


def _negated_before(tokens, k: int) -> bool:
    return k > 0 and tokens[k - 1].form in ("안", "못") and tokens[k - 1].tag.startswith("MA")


# Attribute nouns that name a property, not a group of people ("외모·나이·출신 안 보고").
_PROPERTY_NOUNS = {"외모", "용모", "나이", "연령", "출신", "성별", "종교", "국적", "학력", "결혼", "혼인", "신체", "건강", "가족",
                   "집안", "배경", "출신지", "출신지역", "지역", "여부", "사항", "조건", "스펙", "학벌", "조건들"}


# Nouns that name the wording of a condition ("우대 문구", "제한 조항").
_WORDING_NOUNS = {"문구", "문장", "표현", "조항", "내용", "조건", "사항", "항목", "요건", "란", "기준", "규정",
                  "명시", "기재", "표기", "표시", "추가", "포함", "처리", "명기"}  # "지원 불가 명시": put in writing


def _predicate_after(tokens, j: int, cat: str, attr_lemma: str) -> tuple[int, str] | None:
    n = len(tokens)
    limit = min(n, j + 24)
    for k in range(j, limit):
        t = tokens[k]
        lemma = _lemma(t)
        if lemma in KO_NEUTRALIZERS or t.form in KO_NEUTRALIZERS:
            return None
        if (cat == "rrn" or attr_lemma in PHOTO_WORDS) and (not (lemma in KO_COLLECT or t.form in KO_COLLECT) or k - j > 6):
            continue  # an ID number matters only when it is asked for
        if t.form in ("만", "뿐") and t.tag == "JX" and k == j:
            return (k, f"({t.form})")
        if t.tag == "EC" and t.form in ("어야", "아야", "여야") and k - j <= 3:
            return (k, t.form)  # "남자분이어야": must be
        if k == j and t.tag == "JX" and t.form in ("은", "는") and attr_lemma in _ATTR_LABELS and k + 2 < n \
                and tokens[k + 1].tag.startswith(("NN", "SN", "SL")) and _set_to_value(tokens, k + 2):
            return (k + 1, "(…로)")  # "성별은 남자로", "나이는 30대로": the attribute set to a value
        if t.form == "좀" and (k + 1 >= n or tokens[k + 1].tag in ("SF", "SE", "SW", "SP") or tokens[k + 1].form in ("…", "..")
                              or _lemma(tokens[k + 1]) in ("그렇다", "애매하다", "별로", "글쎄")):
            return (k, "(좀…)")  # "지방 출신은 좀..": a refusal left unsaid
        if t.tag == "EC" and t.form in ("면", "으면") and k - j <= 4 and k and tokens[k - 1].tag in ("EP", "VCP") \
                and attr_lemma not in KO_PROTECTED_GROUPS and not any(x.tag.startswith("NN") and x.form not in PERSON_NOUNS
                                                                    for x in tokens[j:k]) \
                and not any(x.tag.startswith(("VV", "VA")) and _lemma(x) not in ("있다", "없다") for x in tokens[j:k]):
            return (k, "(…이면)")  # "또래였으면 해요", "불교 신자분이면": the person wished for
        if lemma == "하다" and _negated_before(tokens, k) and any(x.form in LINK_NOUNS for x in tokens[max(j, k - 3):k]):
            return (k, "(지원 못 하다)")  # "…감염인은 지원 못한다"
        if lemma == "되다" and (_negated_before(tokens, k) or _negated_after(tokens, k)):
            return (k, "(안 되다)")  # "…분은 안 됩니다"
        is_restrict = lemma in KO_RESTRICT or t.form in KO_RESTRICT
        is_select = lemma in KO_SELECT or t.form in KO_SELECT
        if (lemma in KO_COLLECT or t.form in KO_COLLECT) and j < n and tokens[j].form == "도" and tokens[j].tag == "JX":
            continue  # "임산부도 쓸 수 있는": inclusive, not asked for
        # "…출신은 안 받습니다": taking in people, not collecting information about them.
        # (An age in numbers names people too: "40대 이상은 안 받아요"; a thing received does not:
        # "30대 팀원이 상을 받았어요".)
        thing_received = lemma == "받다" and k >= 2 and tokens[k - 1].tag == "JKO" and tokens[k - 2].tag.startswith("NN") \
            and tokens[k - 2].form not in PERSON_NOUNS and tokens[k - 2].form not in HIRING_NOUNS
        if thing_received:
            continue
        takes_people = lemma == "받다" and (attr_lemma in KO_PERSON_ATTRS or any(
            x.form in PERSON_NOUNS and x.tag.startswith("N") for x in tokens[j:k]) or (
            cat == "age" and any(x.tag in ("SN", "NR") for x in tokens[max(0, j - 4):j])))
        if cat == "disability" and attr_lemma in KO_PROTECTED_GROUPS and (lemma in KO_COLLECT or t.form in KO_COLLECT) \
                and not (takes_people and (_negated_after(tokens, k) or _negated_before(tokens, k))):
            continue  # ("장애인은 안 받아요" refuses the people themselves)  # "장애우분들은 관련 서류 제출 시 … 우대": the lawful preference's paperwork
        if (lemma in KO_COLLECT or t.form in KO_COLLECT) and not takes_people and cat in (
                "family", "origin", "marital", "religion", "rrn", "appearance", "age", "disability", "belief", "orientation"):
            # (Kiwi may read 불필요 as the prefix 불 and 필요.)
            if _negated_after(tokens, k) or _negated_before(tokens, k) or any(
                    _lemma(x) in ("금지", "불필요", "생략", "불요", "삭제") for x in tokens[k + 1:k + 3]) \
                    or "".join(x.form for x in tokens[k + 1:k + 3]).startswith(("불필요", "불요")):
                return None  # "출신지, 가족관계 기재 금지": the field forbidden, as blind hiring asks
            if any(x.form == "가능" for x in tokens[k + 1:k + 4]):
                continue  # "영문 이력서로 제출 가능": a permission, not a demand
            if cat in ("family", "rrn") or any(x.form in ("여부", "유무", "사항", "지역", "사진", "정보") for x in tokens[j - 3:k]) \
                    or _weak_predicate_ok(tokens, j, k):
                return (k, f"({t.form})")
            continue
        # The ending after an honorific ("있으신 분") is the same modifier.
        e = next((m for m in range(k + 1, n) if tokens[m].tag != "EP"), n)
        # ("노조 활동 경력이 없는 분": the attribute's history, in however many such nouns.)
        if lemma in ("있다", "없다") and (k - j <= 2 or all(x.tag in ("JKS", "JX") or (x.tag.startswith("NN") and (
                x.form in ATTRIBUTE_EXTENSIONS or x.form in _HISTORY_NOUNS)) for x in tokens[j:k])) \
                and e + 1 < n and tokens[e].tag == "ETM" \
                and tokens[e + 1].form in PERSON_NOUNS and tokens[e + 1].tag.startswith("N"):
            # "출산 계획이 없는 분", "아이 있는 엄마": the wanted person described by the attribute.
            rest = _predicate_after(tokens, e + 2, cat, attr_lemma)
            if rest is not None:
                if cat == "disability" and lemma == "있다" and rest[1] in KO_SELECT:
                    return None  # "장애가 있는 분 우대": preferring a protected group
                return rest
            if e + 2 < n and tokens[e + 2].form == "도":
                return None  # "장애가 있는 분도": inclusive
            if cat == "disability" and lemma == "있다":
                return None
            return (e + 1, f"({t.form} {tokens[e + 1].form})")
        if not (is_restrict or is_select):
            continue
        if cat != "age" and any(x.form in _SKILL_HEADS and x.tag.startswith("N") for x in tokens[j:k]):
            return None  # "외국인 근로자 … 실무 경험자 우대": the attribute is what the experience is about
        if lemma == "보다" and not (_negated_after(tokens, k) or _negated_before(tokens, k)):
            continue  # only "안 볼" (won't consider) restricts; "해보신", "쌓아보세요" do not
        if lemma == "보다" and attr_lemma not in KO_PERSON_ATTRS and all(
                x.form in _PROPERTY_NOUNS or not x.tag.startswith("N") for x in tokens[j:k]):
            return None  # "외모·나이·출신 안 보고 실력만": not looking at a property is the lawful rule
        agentive = lemma in KO_AGENTIVE or (t.form in ("선호", "희망") and k + 1 < n and tokens[k + 1].tag == "XSV")
        if agentive and any(x.tag == "JKS" for x in tokens[j:k]) and not any(
                x.form in PERSON_NOUNS and x.tag.startswith("N") for x in tokens[j:k]):
            continue  # the attribute's people are the ones preferring
        if t.tag.startswith("NN") and t.form in KO_PREDICATE_NOUNS and k + 1 < n and tokens[k + 1].tag.startswith("NN") \
                and tokens[k + 1].form not in HIRING_NOUNS and tokens[k + 1].form not in PERSON_NOUNS \
                and tokens[k + 1].form not in _WORDING_NOUNS:
            continue  # "필수 서비스": a predicate noun modifying a thing ("우대 문구" is the preference itself)
        if t.form in ("이상", "이하", "미만", "초과", "이내", "까지") and not _numeric_attr(tokens, j, k, cat):
            continue
        if t.form in ("이상", "이하", "미만", "초과") and k + 1 < n and tokens[k + 1].tag == "JX" and _negated_after(tokens, k):
            continue  # "40대 이상은 안 받아요": the band names the people; the verb after decides
        if lemma in ("오다", "들어오다", "맞다", "가능", "어울리다", "괜찮다", "대상", "자격", "조건", "받다", "모시다",
                     "아니다", "공고", "포지션", "채용", "모집") and not _weak_predicate_ok(tokens, j, k):
            continue
        negated = _negated_after(tokens, k) or _negated_before(tokens, k)
        if is_select and not negated and any(x.form == "도" and x.tag == "JX" for x in tokens[j:min(k, j + 4)]):
            return None  # "외국인 지원자도 환영": inclusive, not a preference
        if is_restrict and not is_select:
            if negated and lemma not in ("말다",):
                return None  # "나이 제한 없음": the restriction is denied
            return (k, t.form)
        # SELECT: preferring a protected group is lawful; negated, it excludes anyone.
        if negated:
            return (k, t.form)
        if attr_lemma in KO_PROTECTED_GROUPS or attr_lemma in ("장애인", "고령", "중장년"):
            return None
        return (k, t.form)
    return None


def _set_to_value(tokens, start: int) -> bool:
    """"…로" closes the value within the clause ("나이는 20대 후반~30대 초반 정도로"): no verb before it."""
    for x in tokens[start:start + 12]:
        if x.form in ("로", "으로") and x.tag == "JKB":
            return True
        if x.tag.startswith(("VV", "VA", "EC", "EF", "SF")):
            return False
    return False


def _numeric_attr(tokens, j: int, k: int, cat: str) -> bool:
    """이상/이하 restrict only a measurable attribute (age, height, weight) with a number."""
    if cat not in ("age", "appearance"):
        return False
    if k - j > 3:
        return False
    nums = [x for x in tokens[max(0, k - 4):k] if x.tag in ("SN", "NR")]
    if not nums:
        return False
    # "만 18세 이상": the legal minimum working age is a lawful condition.
    if tokens[k].form == "이상" and cat == "age" and re.fullmatch(r"1[5-9]", nums[-1].form):
        return False
    return True


def _weak_predicate_ok(tokens, j: int, k: int) -> bool:
    """Weak predicates (받다, 오다, 공고…) count only when a person is mentioned between the
    attribute and them, or they directly follow the attribute phrase."""
    between = tokens[j:k]
    if any(t.form in PERSON_NOUNS and t.tag.startswith("N") for t in between):
        return True
    content = [t for t in between if t.tag.startswith(("NN", "VV", "VA")) and t.form not in HIRING_NOUNS]
    return not content


# Verbs of putting text into the posting ("우대 사항에 본적 서울인 분 넣어 주세요").
_INSERT_VERBS = {"넣다", "쓰다", "적다", "추가", "포함", "명시", "기재", "주다", "하다", "해주다", "부탁", "달다", "올리다"}


def _predicate_before(tokens, i: int, cat: str, attr_lemma: str) -> tuple[int, str] | None:
    """'우대: 20대', '선호 조건은 미혼': a preference word shortly before a bare attribute at the end."""
    for k in range(max(0, i - 6), i):
        t = tokens[k]
        if _lemma(t) in ("우대", "선호", "한정", "제한", "조건", "자격") and t.tag.startswith("N"):
            rest = [x for x in tokens[i + 1:] if x.tag.startswith(("NN", "VV", "VA")) and x.form not in PERSON_NOUNS
                    and x.form not in ATTRIBUTE_EXTENSIONS and x.form not in HIRING_NOUNS and _lemma(x) not in _INSERT_VERBS
                    and _ko_attribute(tokens, tokens.index(x)) is None]
            if not rest and attr_lemma not in KO_PROTECTED_GROUPS:
                return (k, t.form)
    return None


# --- English ---------------------------------------------------------------------------------
_EN_ATTR = {
    "age": r"\b(?:young(?:er)?|old(?:er)?(?![-\s]+(?:job\s+|company\s+|)(?:postings?|posts?|ads?|jds?|versions?|drafts?|ones?|listings?|descriptions?|"
           r"templates?|copy|text|wording|lines?|system|code|site|office|role|position|format|layout))|elderly|aged?\s+\d{2}|ages?\s+\d{2}|\d{2}\s*(?:years?\s+old|y/?o)|"
           r"in\s+(?:their|your)\s+(?:twenties|thirties|forties|fifties|[2-6]0s)|(?:twenties|thirties|forties|fifties)|"
           r"over[-\s]+(?:the\s+age\s+of\s+)?\d{2}|under[-\s]+(?:the\s+age\s+of\s+)?\d{2}|above\s+\d{2}|below\s+\d{2}|"
           r"(?:20|30|40|50|60)s|millennials?|gen[\s-]?z|boomers?|fresh\s+blood|digital\s+natives?|"
           r"recent\s+(?:college\s+)?grad(?:uate)?s?|age|(?:twenty|thirty|forty|fifty)[-\s]?(?:something|ish)|u[2-6]0|"
           r"fresh[-\s]faced?|youthful|born\s+(?:after|before|in)\s+(?:19|20)\d{2}|(?:19|20)\d{2}\s+or\s+(?:later|earlier|after)|"
           r"class\s+of\s+(?:19|20)\d{2}|born\s+(?:in\s+)?(?:19|20)\d{2}(?:\s+or\s+(?:later|after|earlier|before))?|"
           r"born\s+(?:between\s+|from\s+)?['’]?(?:19|20)?\d{2}\s*(?:[–\-~]|and|to)\s*['’]?(?:19|20)?\d{2}|born\s+['’]\d{2})\b",
    "sex": r"\b(?:male|female|males|females|men|women|man|woman|guys?|girls?|ladies|lady|gentlemen|gender|sex|"
           r"boys?|feminine|masculine|(?<=candidate:\s)she|(?<=candidate:\s)he|(?:she|he)\s+(?:should|must|will|needs?\s+to|has\s+to))\b",
    "marital": r"\b(?:married|unmarried|single|divorced|spouses?|husbands?|wives|wife|kids?|children|childless|"
               r"child|pregnan\w*|maternity|paternity|parental(?=\s+leave)|moms?|mothers?|dads?|fathers?|parents?|family\s+plans?|"
               r"planning\s+(?:a\s+)?(?:family|pregnancy|to\s+have)|newlyweds?|marital\s+status|start(?:ing)?\s+a\s+family|"
               r"famil(?:y|ies)\s+(?:obligations?|commitments?|responsibilit\w*|ties|duties|to\s+(?:support|look\s+after))|"
               r"dependents?|caregiv\w*|without\s+(?:a\s+)?family|no\s+family|childcare\s+(?:obligations?|responsibilit\w*|duties))\b",
    "origin": r"\b(?:(?:born|raised|grew\s+up)\s+in|from\s+(?:the\s+|that\s+|this\s+|those\s+)?(?:same\s+)?(?:[A-Z][a-z]+|hometown|regions?|"
              r"provinces?|city|area)|from\s+[가-힣]{2,6}|mixed[-\s]race|biracial|multicultural\s+(?:famil\w*|backgrounds?|homes?)|"
              r"(?:native|pure|traditional)\s+korean\s+(?:heritage|blood|background|families)|korean\s+heritage|다문화|"
              r"mixed[-\s](?:heritage|blood)|looks?\s+(?:fully\s+|100%\s+)?korean|korean[-\s]looking|"
              r"hometown|nationality|national\s+origin|foreigners?|immigrants?|ethnic\w*|race|racial|"
              r"locals|local\s+(?:candidates?|applicants?|residents?|people|only|hires?)|native[-\s]born|(?:korean|american|us)[-\s]born|citizens?\s+only|"
              r"(?:seoul|busan|daegu|incheon|gwangju|daejeon|ulsan|jeju|gyeonggi|gangwon|chungcheong|jeolla|"
              r"gyeongsang)[\s-]*(?:natives?|residents?|people|locals|born)|(?:the\s+)?provinces|provincial|residents?\s+of\s+[A-Z][a-z]+|"
              r"(?:chinese|japanese|vietnamese|korean|american|african|asian|white|black|caucasian|hispanic|latino|"
              r"filipino|indian|southeast\s+asian)\s+(?:people|nationals?|citizens?|candidates?|applicants?|descent|origin|"
              r"ethnicity|persons?|men|women|only|heritage)|nationals?\s+only|live\s+in\s+[A-Z][a-z]+|living\s+in\s+[A-Z][a-z]+|"
              r"live\s+(?:within|near)\s+[A-Z][a-z]+|natives?\s+of|non-(?:koreans?|natives?|locals?|[A-Z]?[a-z]+ans)|"
              r"[A-Z][a-z]+\s+residents?|caucasians?|asians|africans|arabs|latin[oa]s|hispanics|s\.?\s?e\.?\s+asians?|"
              r"ethnically\s+\w+|other\s+races|races?|(?:white|black|brown|caucasian)\s+(?:native\s+)?(?:speakers?|folks|guys|faces?)|"
              r"(?:chinese|japanese|vietnamese|vietnam|china|korean|american|african|asian|filipino|indian|russian|thai|"
              r"indonesian|mongolian|nepali|pakistani|arab|nigerian)(?:\s*(?:,|/|or|and)\s*(?:chinese|japanese|vietnamese|vietnam|"
              r"china|korean|american|african|asian|filipino|indian|russian|thai|indonesian|mongolian|nepali|pakistani|arab|nigerian))+"
              r"\s+(?:people|ppl|nationals?|candidates?|applicants?|folks|guys|workers|staff))\b",
    "religion": r"\b(?:religio\w*|christians?|muslims?|buddhists?|catholics?|protestants?|jews?|jewish|hindus?|prayers?|pray|"
                r"worship\w*|sabbath|halal|hijabs?|chapel|bible\s+stud\w*|prayer\s+meetings?|"
                r"atheists?|church(?:goers?)?|faith|believers?|mosque|temple)\b",
    "disability": r"\b(?:disab\w*|handicap\w*|diabet\w*|hypertension|high\s+blood\s+pressure|epilep\w*|hepatitis|tuberculosis|cancer\s+(?:history|survivors?)|"
                  r"wheelchairs?|able[-\s]bodied|healthy|health\s+(?:issues?|problems?|conditions?|status)|illness\w*|illnesses|"
                  r"medical\s+(?:history|conditions?)|mental\s+(?:health|illness)|chronic|depression|impair\w*|"
                  r"deaf|blind|hiv|physically\s+fit|perfect\s+health|sickly|sick\s+(?:people|folks|ppl|ones)|unhealthy|frail|"
                  r"(?:hearing|visually|mobility)[-\s]impaired|mentally\s+ill|neurodivergent|neurotypical|autis\w*|adhd)\b",
    "appearance": r"\b(?:attractive|good[-\s]looking|pretty|handsome|beautiful|slim|thin|overweight|fat|height|tall|"
                  r"short|weight|looks|appearance|photogenic|photos?|photographs?|headshots?|full[-\s]body|selfies?|presentable|"
                  r"easy\s+on\s+the\s+eyes|good[-\s]looking|fresh\s+face|pretty\s+face|nice\s+face|(?:slim|slender|petite)\s+build)\b",
    "family": r"\b(?:family\s+background|parents'?\s+(?:jobs?|occupations?|income|wealth|professions?)|wealthy\s+famil\w*|"
              r"household\s+income|property|net\s+worth|own\s+(?:a|their|your|his|her)\s+(?:homes?|houses?|cars?|apartments?)|homeowners?|"
              r"well[-\s]off|affluent|wealthy|rich\s+(?:famil\w*|parents|kids)|trust[-\s]fund|privileged\s+background|"
              r"(?:father|mother|dad|mom)'?s?\s+(?:jobs?|occupations?|professions?|income)|"
              r"financially\s+(?:stable|secure|sound|comfortable)\s+(?:households?|famil\w*|backgrounds?|homes?)|"
              r"(?:stable|wealthy|good)\s+households?|(?:student|personal|family)\s+(?:loans?|debts?)|"
              r"credit\s+(?:scores?|history|ratings?)|bankrupt\w*|debt[-\s]free)\b",
    "school": r"\b(?:ivy\s+league|top[-\s]?(?:tier|\d{1,2})\s+(?:[A-Za-z]+\s+)?(?:universit\w*|unis?|schools?|colleges?)|"
              r"S\s*[-/]\s*K\s*[-/]\s*Y|"
              r"(?:prestigious|elite|name[-\s]brand)\s+(?:universit\w*|schools?|colleges?)|"
              r"SKY\s+(?:universit\w*|schools?|grads?|graduates?|alumni))\b",
    "belief": r"\b(?:political\s+(?:views?|opinions?|leanings?|affiliations?|beliefs?|orientations?|stance|persuasion|ideolog\w*|bent|activit\w*|party)|"
              r"politically\s+(?:neutral|conservative|liberal|progressive|left|right|aligned|active|minded)|(?:left|right)[-\s]?wing\w*|leftists?|"
              r"right[-\s]?leaning|left[-\s]?leaning|partisan|members?\s+of\s+(?:a|an|any|the)\s+(?:labou?r\s+|trade\s+)?unions?|"
              r"(?:union|labou?r)\s+(?:members?|membership|activit\w*|affiliations?|organi[sz]\w*|"
              r"ties|involvement|backgrounds?|sympathi\w*|history|activists?)|unioni[sz]\w*|pro[-\s]union|anti[-\s]union|"
              r"(?:democrats?|republicans?|conservatives?|liberals?|progressives?)(?=\s+(?:only|need|are|preferred|candidates?|applicants?|types?|folks|people)))\b",
    "orientation": r"\b(?:sexual\s+(?:orientation|preference)s?|gays?|lesbians?|bisexuals?|transgender\w*|trans\s+(?:people|folks|candidates?|applicants?|women|men|persons?)|"
                   r"queer|lgbt\w*\+?|homosexual\w*|heterosexual\w*|straight\s+(?:candidates?|applicants?|people|men|women|guys|only)|"
                   r"gender\s+identit\w*|non[-\s]?binary)",
    "rrn": r"\b(?:resident\s+reg(?:istration|\.)?\s+(?:numbers?|no\.?|#)|social\s+security\s+numbers?|ssn|rrn|"
           r"national\s+id\s+(?:numbers?|cards?)|id\s+cards?\s+\(?both\s+sides|resident\s+(?:registration\s+)?cards?|jumin\s*(?:deungrok\s*)?(?:beonho|bunho|number|no\.?)|주민\s*(?:등록\s*)?번호)",
}
_EN_ATTR_RX = {c: re.compile(p, re.IGNORECASE) for c, p in _EN_ATTR.items()}
_EN_PRED = re.compile(
    r"\b(?:only|preferred|prefer(?:ably|s|red|ence)?|(?:would|'d)\s+(?:like|love|want)|(?:would|'d)\s+be\s+(?:nice|great|ideal|better|good|perfect)|ideally|priority|favou?r(?:ed)?|must(?:\s+be)?|should\s+be|"
    r"required|requirement|exclude[ds]?|excluding|not\s+(?:be\s+)?(?:considered|eligible|accepted|welcome|hired)|"
    r"need\s+not\s+apply|don'?t\s+apply|do\s+not\s+apply|no\s+(?:one|applicants?|candidates?)|not\s+(?:hire|accept|consider)|"
    r"avoid|reject(?:ed)?|screen(?:ed)?\s+out|filter(?:s|ed|ing)?(?:\s+out)?|weed(?:s|ed)?\s+out|skip|looking\s+for|seeking|wants?|wanted|hire|hiring|"
    r"better(?:\s+if)?|would\s+be\s+(?:great|nice|ideal|better)|a\s+plus|bonus|welcome[ds]?|limit(?:ed)?\s+to|"
    r"restricted\s+to|exclusively|at\s+least|at\s+most|no\s+(?:older|younger)\s+than|maximum|max|minimum|under|over|should(?:\s+not)?|must\s+not|"
    r"can'?t|cannot|won'?t|unable|unfit|not\s+suitable|not\s+a\s+(?:good\s+)?fit|no|ask|request|collect|submit|"
    r"provide|include|disclose|state|list|enter|write\s+down|requirements?|eligibility|criteria|pref\.?|mandatory|compulsory|"
    r"shouldn'?t|mustn'?t|(?:don'?t|doesn'?t|do\s+not|won'?t)\s+fit|closed\s+to|needs?|requires?|"
    r"who\s+(?:aren'?t|are\s+not|isn'?t|is\s+not|don'?t|do\s+not|doesn'?t|won'?t)|"
    r"(?:add|include)\s+(?:a\s+)?field|field\s+for|screening\s+questions?|(?:add|include|ask)\s+(?:an?\s+)?(?:\w+\s+){0,2}questions?|attach(?:ed)?|fill\s+in|upfront|on\s+the\s+(?:application|form|resume|cv)|"
    r"discourag\w*|fit\s+in|(?:would|'d)\s+rather|rather\s+not|challenging|uncomfortable|ideal\s+candidate|(?:is|are)\s+expected)(?![\w])",
    re.IGNORECASE)
# The writer keeps a condition out in so many words: "word it so it doesn't read like we only want
# women", "avoid age-coded words like 'young'", "applicants should NOT submit a photo, date of birth".
_EN_DISOWNED = (
    r"(?:doesn'?t|does\s+not|don'?t|won'?t|not)\s+(?:read|sound|look|come\s+across|seem)\s+(?:like|as\s+(?:if|though))|"
    r"(?:(?:do|does|will)\s+not|don'?t|doesn'?t|won'?t|never)\s+(?:collect|ask\s+(?:for|about)|request)\b|"
    r"(?:avoid|don'?t\s+use|do\s+not\s+use|never\s+use|remove|drop|strike|delete|no)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:words?|terms?|phrases?|language|wording|expressions?)\b|"
    r"(?:should\s+not|shouldn'?t|must\s+not|mustn'?t|need\s+not|needn'?t|do\s+not|don'?t|never)\s+(?:include|attach|submit|provide|send|disclose|list|state)\s+"
    r"(?:(?:a|an|any|your|their|the)\s+)?(?:photos?|pictures?|headshots?|date\s+of\s+birth|birth\s*dates?|DOB|age|marital|family|height|weight|"
    r"nationality|hometown)")
EN_DISOWNED = re.compile(_EN_DISOWNED, re.I)
_EN_NEUTRAL = re.compile(
    r"\b(?:regardless\s+of|irrespective\s+of|without\s+regard\s+to|all\s+(?:ages|genders|backgrounds|nationalities)|"
    r"any\s+(?:age|gender|background|nationality)|equal\s+opportunit\w*|do\s+not\s+discriminate|does\s+not\s+discriminate|"
    r"non[-\s]?discriminat\w*|not\s+(?:ask|asked|request|collect)|never\s+ask|we\s+don'?t\s+ask|"
    r"not\s+(?:be\s+)?(?:required|asked|needed)\s+to\s+(?:submit|provide|include|disclose|attach)|no\s+need\s+to\s+(?:submit|provide|attach)|"
    r"assistive|accessib\w*|sign[-\s]language|captioning|"
    r"blind\s+(?:hiring|screening|recruit\w*|review|process)|no\s+photos?\s+(?:required|needed)|"
    r"\bno\s+[^.]{0,60}\b(?:needed|required)\b|(?:say|mention|write|include)\s+anything\s+about|to\s+be\s+compliant|"
    r"\bmore\s+(?:women|female|diverse)\b|women[-\s]in[-\s](?:tech|ai|stem|engineering)|underrepresented|"
    r"\bis\s+it\s+(?:legal|lawful|allowed|ok(?:ay)?)\b|"
    r"inclusive|diversity|welcome\s+(?:all|everyone|applicants\s+of\s+all)|no\s+(?:age|gender)\s+(?:limits?|requirements?|restrictions?)|"
    r"(?:age|gender|sex|nationality|citizenship|origin|religion|race|ethnicity|marital\s+status|background)\s+(?:itself\s+)?(?:is\s+)?"
    r"(?:not\s+a\s+factor|doesn'?t\s+matter|does\s+not\s+matter|irrelevant)|gender[-\s]neutral|equally\s+(?:welcome|considered|eligible)|"
    r"open\s+to\s+(?:everyone|all|anyone)|" + _EN_DISOWNED + "|"
    r"(?:do|does|will)\s+not\s+(?:accept|collect|want|need)\s+(?:any\s+)?photos?|photos?\s+(?:are|will\s+be)\s+not\s+(?:accepted|required|collected)|"
    r"no\s+photos?\s+(?:should|need|must|will|may)\b|"
    r"\bno\s+(?:(?:age|gender|sex|nationality|religion|religious|marital|origin|race|ethnicity|citizenship)\s*(?:,|/|or|and)?\s*){1,4}"
    r"(?:limits?|requirements?|restrictions?|preferences?|criteria|bar)\b|\bwill\s+not\s+be\s+considered\b|"
    r"\b(?:do\s+not|don'?t|never)\s+(?:include|attach|submit|provide)\b[^.]{0,80}\b(?:resumes?|résumés?|cvs?|applications?)\b)\b", re.IGNORECASE)
# Attribute words that name a thing, not a person, when followed by these ("women's health products",
# "health insurance", "parental leave", "family-friendly").
_EN_THING_AFTER = re.compile(
    r"^(?:'s)?[\s-]*(?:health|insurance|leave|care|products?|brands?|market|markets|segment|customers?|consumers?|"
    r"users?|apparel|fashion|wear|clothing|cosmetics|skincare|beauty|services?|programs?|benefits?|friendly|"
    r"check[-\s]?ups?|team|teams|data|records?|app|platform|checks?|system|systems|sector|industry|tech|"
    r"care|plans?|coverage|support|allowance|room|rooms|league|network|speakers?|speaking|language|proficiency|"
    r"fluency|fluent|native|bilingual|english|korean|time|hours|policy|policies|communit\w*|monitoring|score|metrics?|"
    r"learning|office|offices|headquarters|hq|startup|company|business|launch|release|version|mode|"
    r"stack|code|codebase|systems?|software|hardware|workers\s+comp|kits?|gifts?|packages?|posting|postings|title|ad|ads|"
    r"design|website|site|logo|methods?|ways?|habits?|days|times|school|fashioned|version|certified|certification|"
    r"offen[cs]es?|offenders?|crimes?|harassment|abuse|pay\s+gap|"
    r"(?:[\w-]+\s+)?(?:lists?|awards?|rankings?|prizes?|honou?rees?))\b", re.IGNORECASE)
_EN_AUDIENCE_BEFORE = re.compile(r"\b(?:campaigns?|marketing|customers?|consumers?|users?|audiences?|targeting|targets?|"
                                 r"markets?|products?|shoppers?|brands?|patients?|skin\s*care|cosmetics|makeup|apparel|clothing|collections?|"
                                 r"(?:product|skin\s*care|beauty|makeup|cosmetics?|clothing|fashion|apparel)\s+lines?|clients?(?!\s+(?:wants?|needs?|asked|requires?|prefers?|is\s+looking))|"
                                 r"serving|serve|buyers?|segments?|(?:shop|store|business|restaurant)\s*-?\s*owners?|"
                                 r"demographics?|readers?|viewers?|(?:chatbots?|apps?|platforms?|services?)(?=\s+for\b))\b(?!-facing)"
                                 r"[^.;]{0,40}$", re.IGNORECASE)
_EN_HIRING_NOUN = re.compile(r"\b(?:role|position|job|hire|hiring|candidates?|applicants?|opening|posting|vacancy)\b", re.I)
_EN_BENEFIT = re.compile(r"\b(?:insurance|(?:parental|maternity|paternity|sick|annual|paid|family|medical|childcare)\s+leave|"
                         r"(?:shorter|reduced|flexible)\s+(?:work\s*)?(?:days?|hours|workdays?|weeks?|schedules?)|(?:paid\s+)?days?\s+off|time\s+off|"
                         # (an applicant's check-up records are asked of them, not given)
                         r"check[-\s]?ups?(?!\s+(?:records?|results?|reports?|history|data|documents?|certificates?))|allowance|stipend|daycare|childcare(?!\s+(?:obligations?|responsibilit\w*|duties|needs))|reimburse\w*|"
                         r"benefits?|perks?|discount|wellness|gym)\b", re.IGNORECASE)


_EN_REFUSED_BENEFIT = re.compile(r"\b(?:must\s+not|mustn'?t|shouldn'?t|should\s+not|not|never|won'?t|will\s+not|can'?t|cannot|no)\s+"
                                 r"(?:\w+\s+){0,2}(?:plan|take|use|go\s+on|request|need|planning|taking)\w*\b[^.]{0,40}\bleave", re.I)
# Korean attribute nouns inside an English sentence ("No 지방대 please").
_KO_IN_EN = re.compile("|".join(sorted((re.escape(w) for w in KO_ATTRIBUTES
                                        if re.fullmatch(r"[가-힣]{2,8}", w) and w not in AMBIGUOUS_WORDS), key=len, reverse=True)))


def _neutral_en(sentence: str) -> bool:
    """A neutral wording in the sentence; "isn't wheelchair accessible" is a reason for a limit, not one,
    and "applicants with union ties will not be considered" turns people away (the attribute itself
    not considered is neutral)."""
    return any(not (m.group(0).lower().startswith("accessib")
                    and re.search(r"(?:n't|\bnot|\bno|\bnever)\s+(?:\w+\s+){0,2}$", sentence[:m.start()], re.I))
               and not (m.group(0).lower().startswith("will") and _PEOPLE_WITH.search(sentence[:m.start()]))
               for m in _EN_NEUTRAL.finditer(sentence))


_PEOPLE_WITH = re.compile(r"\b(?:applicants?|candidates?|people|persons?|individuals?|anyone|those|workers?|hires?)\s+"
                          r"(?:with|who|having|from|that|whose)\b", re.I)


def _offers_accommodation(sentence: str) -> bool:
    """'reasonable accommodation available', not 'we don't want to deal with accommodations'."""
    m = re.search(r"\baccommodat\w*", sentence, re.I)
    return bool(m) and not re.search(r"\b(?:don'?t|do\s+not|won'?t|will\s+not|not|never|no|can'?t|cannot)\b",
                                     sentence[max(0, m.start() - 30):m.start()], re.I)


def scan_english(text: str) -> list[ConceptHit]:
    hits: list[ConceptHit] = []
    for s_start, s_end in _sentences(text):
        sentence = text[s_start:s_end]
        if not re.search(r"[A-Za-z]{3}", sentence) or _neutral_en(sentence) or _offers_accommodation(sentence):
            continue
        if _EN_BENEFIT.search(sentence) and not _EN_REFUSED_BENEFIT.search(sentence):
            # A benefit exempts its own clause only ("…went on maternity leave, so … shouldn't be planning a pregnancy").
            for c in re.finditer(r"(?:[^,;]|,(?=\d))+", sentence):
                clause = c.group(0)
                if not _EN_BENEFIT.search(clause) and re.search(r"[A-Za-z]{3}", clause):
                    at = s_start + c.start()
                    hits += [ConceptHit(h.category, h.language, h.start + at, h.end + at, h.attribute, h.predicate)
                             for h in scan_english(clause)]
            continue
        if re.search(r"[가-힣]", sentence) and len(re.findall(r"[A-Za-z]{3,}", sentence)) >= max(3, 2 * len(re.findall(r"[가-힣]+", sentence))):
            for m in _KO_IN_EN.finditer(sentence):
                pred = _en_predicate(sentence, m)
                if pred is not None and not re.search(r"[가-힣]", sentence[min(m.end(), pred.start()):max(m.start(), pred.end())]):
                    a, b = min(m.start(), pred.start()), max(m.end(), pred.end())
                    hits.append(ConceptHit(KO_ATTRIBUTES[m.group(0)], "en", s_start + a, s_start + b, m.group(0), pred.group(0)))
        refused = bool(_EN_REFUSED_BENEFIT.search(sentence))
        for cat, rx in _EN_ATTR_RX.items():
            for m in rx.finditer(sentence):
                if refused and re.match(r"\s*leave\b", sentence[m.end():], re.I):
                    pass  # "must not plan parental leave": the leave refused is the condition
                elif cat == "age" and re.match(r"(?:under|over)[-\s]", m.group(0), re.I) \
                        and re.search(r"\b\d{1,3}\s+$", sentence[:m.start()]):
                    continue  # "Forbes 30 Under 30": a list's name, not a limit
                elif cat == "age" and re.match(r"(?:under|over|below|above)[-\s]", m.group(0), re.I):
                    pass  # "an under-30 team vibe": a limit whatever noun follows
                elif _EN_THING_AFTER.match(sentence[m.end():]) and not (
                        cat == "disability" and re.match(r"\s+(?:users?|people|ppl|persons?|folks)\b", sentence[m.end():], re.I)):
                    continue
                audience = _EN_AUDIENCE_BEFORE.search(sentence[max(0, m.start() - 40):m.start()])
                if audience and not _EN_HIRING_NOUN.search(audience.group(0)):
                    continue  # "campaigns for women in their 30s": the customers, not the applicant
                word = m.group(0).lower()
                if cat == "age" and word == "age" and not re.search(r"\bage\s+(?:limit|range|cap|requirement|under|over|\d)",
                                                                     sentence[m.start():], re.IGNORECASE):
                    continue
                if cat == "appearance" and word in ("short", "tall", "thin", "fat", "looks", "weight", "height") \
                        and not re.search(r"\d|\b(?:person|people|candidates?|applicants?|someone|ones?|staff|men|women)\b",
                                          sentence, re.IGNORECASE):
                    continue
                if cat == "appearance" and word in ("short", "tall", "thin", "fat") and re.match(
                        r"\s+(?:['\"‘“]|(?:\w+\s+)?(?:section|summary|note|paragraph|description|intro|bio|version|list|"
                        r"answer|text|line|sentence|form|term|video|clip|deadline|time|notice))", sentence[m.end():], re.I):
                    continue  # "include a short 'why this role is open' section": the length of a text
                if cat == "origin" and re.match(r"from\s+", word) and not re.search(
                        r"\b(?:applicants?|candidates?|people|persons?|someone|those|folks|ones|natives?|hires?|staff|"
                        r"employees?|guys|only|preferred|prefer)\b", sentence, re.IGNORECASE):
                    continue
                if cat == "origin" and re.match(r"from\s+", word) and not re.match(r"from\s+(?:the\s+)?(?:same\s+)?[A-Z가-힣]",
                                                                                  m.group(0)) \
                        and not re.search(r"hometown|region|province|city|area", word):
                    continue
                if cat == "origin" and re.match(r"from\s+(?:our|your|a|an|this|that|home|work|scratch|day|"
                                                r"january|february|march|april|may|june|july|august|september|october|"
                                                r"november|december|monday|tuesday|wednesday|thursday|friday)\b"
                                                r"(?!\s+(?:regions?|provinces?|city|area|hometown))",
                                                word, re.IGNORECASE):
                    continue
                pred = _en_predicate(sentence, m)
                if pred is None:
                    continue
                if cat == "disability" and re.match(r"prefer|welcome|encourag|priority|plus|bonus|a\s+plus", pred.group(0), re.I) \
                        and not re.search(r"\b(?:no|not|non|without)\b", sentence, re.I) \
                        and not re.match(r"neurotypical|able|healthy|physically|perfect", word):
                    continue  # preferring applicants with disabilities is lawful
                if cat == "marital" and re.match(r"welcome|encourag", pred.group(0), re.I) \
                        and re.fullmatch(r"(?:working\s+)?(?:parents?|moms?|mothers?|dads?|fathers?|caregiv\w*)", word) \
                        and not re.search(r"\b(?:only|just|exclusively|no|not)\b", sentence, re.I):
                    continue  # "Parents very welcome": inclusion, no one turned away
                a, b = min(m.start(), pred.start()), max(m.end(), pred.end())
                hits.append(ConceptHit(cat, "en", s_start + a, s_start + b, m.group(0), pred.group(0)))
    return hits


def _en_predicate(sentence: str, attr: re.Match) -> re.Match | None:
    window_start = max(0, attr.start() - 60)
    window_end = min(len(sentence), attr.end() + 60)
    best = None
    for p in _EN_PRED.finditer(sentence, window_start, window_end):
        word = p.group(0).lower()
        if word in ("under", "over", "at least", "at most", "maximum", "max", "minimum") and not re.search(
                r"\d", sentence[p.start():p.end() + 12]) and attr.group(0).lower() not in ("age",):
            continue
        if p.start() < attr.end() and p.end() > attr.start():
            continue  # the attribute itself ("over 40")
        if word in ("no",) and not re.match(r"no\s+\S*", sentence[p.start():attr.end()], re.IGNORECASE):
            continue
        if word == "no" and p.end() < attr.start() and attr.start() - p.end() > 2:
            continue
        dist = abs(p.start() - attr.start())
        if best is None or dist < abs(best.start() - attr.start()):
            best = p
    if best is None and re.search(r"\b(?:over|under|above|below)\s+\d{2}|\d{2}\s*(?:years?\s+old|y/?o)",
                                  attr.group(0), re.IGNORECASE):
        # "no one over 40" / "under 30" read as limits by themselves in a hiring sentence.
        if re.search(r"\b(?:no\s+one|nobody|only|candidates?|applicants?|hire|hiring|people|someone|anyone|must|should)\b",
                     sentence, re.IGNORECASE):
            return re.search(r"\S+", sentence[attr.start():])  # type: ignore[return-value]
    if best is None and re.search(r"\b(?:are|were|have|do|did|will)\s+you\b", sentence[:attr.start()], re.I):
        # "screening question: 'Are you … a member of a labor union?'": the applicant is asked it.
        return re.search(r"\b(?:screening\s+)?questions?\b|\bask\b", sentence[:attr.start()], re.I)
    return best


_KO_AUDIENCE_BEFORE = re.compile(r"(고객|고객층|타깃|타겟|소비자|구매자|구매층|사용자|유저|시장|이용자|팬층|시청자|독자)\S{0,3}\s*"
                                 r"(?:\d+(?:\.\d+)?\s*%\s*(?:가|이|는|은|정도가?|이상이)?\s*)?[\d~\-–\s대]*$")  # "고객층 90%가 20~30대"


def audience_before(text: str, start: int, english: bool = True) -> bool:
    """Whether the words just before a position name customers or a market, not applicants."""
    before = text[max(0, start - 40):start]
    ko = _KO_AUDIENCE_BEFORE.search(before[-20:])
    if ko and attribute_mentions(before[-20:][max(0, ko.start() - 8):ko.start() + 1]):
        ko = None  # "휠체어 이용자나 장애 있는 분": people described by the attribute, not customers
    return bool((english and _EN_AUDIENCE_BEFORE.search(before)) or ko)


# --- Form fields ("성별: 남", "우대: 외모 S급", "Age: 20s") -------------------------------------------
# A field named after a protected attribute sets a condition by having any value; a condition
# field (우대, 자격, requirements…) sets one when its value names a protected attribute.
_ATTR_LABELS = {
    "나이": "age", "연령": "age", "age": "age", "성별": "sex", "젠더": "sex", "gender": "sex", "sex": "sex",
    "종교": "religion", "religion": "religion", "국적": "origin", "출신": "origin", "출신지": "origin", "출신지역": "origin",
    "본적": "origin", "nationality": "origin", "origin": "origin", "혼인": "marital", "결혼": "marital", "결혼여부": "marital",
    "혼인여부": "marital", "marital status": "marital", "키": "appearance", "신장": "appearance", "체중": "appearance",
    "외모": "appearance", "height": "appearance", "weight": "appearance", "appearance": "appearance",
    "look": "appearance", "looks": "appearance", "ht": "appearance", "wt": "appearance", "몸무게": "appearance", "용모": "appearance",
    "병력": "disability", "가족관계": "family", "신장/체중": "appearance", "키/체중": "appearance",
    "재산": "family", "부모직업": "family", "학벌": "school", "출신학교": "school",
    "정치성향": "belief", "정치 성향": "belief", "지지정당": "belief", "지지 정당": "belief", "노조": "belief", "노조가입": "belief",
    "노조 가입": "belief", "political views": "belief", "union membership": "belief",
    "성적지향": "orientation", "성적 지향": "orientation", "sexual orientation": "orientation",
}
_COND_LABELS = {"우대", "우대사항", "우대조건", "자격", "자격요건", "지원자격", "필수", "필수사항", "조건", "요건", "선호", "희망",
                "requirements", "requirement", "preferred", "eligibility", "qualifications", "req", "reqs", "must", "nice to have"}
_FIELD = re.compile(r"(?m)(?:^|[,;.(]\s*)[ \t\-*•·]*(?P<label>[^:：\n,;.(]{1,20}?)[ \t]*[:：][ \t]*(?P<value>[^\n,;]+)")
_FIELD_NEUTRAL = re.compile(r"무관|상관\s*없|불문|제한\s*없|관계\s*없|누구나|\b(?:any|all|none|n/?a|not\s+required|regardless|"
                            r"open\s+to\s+all)\b", re.I)
_SKILL_VALUE = re.compile(r"경험|경력|자격증|지식|역량|능력|이해|전공|학위|가능자|가능하신|experience|knowledge|skills?|degree|"
                          r"familiar|proficien|fluent|certif", re.I)


# What a label may add to an attribute word and still name it ("희망연령", "성별제한"; not "결혼휴가").
_LABEL_AFFIXES = {"희망", "여부", "제한", "조건", "기준", "요건", "범위", "최대", "최소", "우대", "선호", "구분", "사항",
                  "과거", "체크", "유무", "확인", "이력", "기재"}
_AFFIX_RUN = re.compile("(?:" + "|".join(sorted(_LABEL_AFFIXES, key=len, reverse=True)) + ")+")
_NOTE_LABELS = {"notes", "note", "비고", "메모", "memo", "remarks", "comments", "특이사항"}
# A label made only of condition words ("지원 제외 대상", "우대 조건"; not "ERP 숙련자 우대").
_COND_LABEL_WORDS = re.compile(r"(?:지원|응시|채용|입사|대상|사항|기준|항목|조건|요건|자격|우대|선호|제외|불가|필수|결격|사유|excluded|not\s+eligible|"
                               r"preferred|requirements?|\s)+", re.I)


_BODY_MEASURE = re.compile(r"(?<![\d.])1[4-9]\d\s*(?:cm|㎝|센티)|(?<![\d.])[3-9]\d\s*(?:kg|㎏|킬로)(?!\s*(?:이상의?\s*)?(?:물건|박스|화물|짐|중량|무게))", re.I)


_BODY_VALUE = re.compile(r"\s*(?:약\s*)?(?:1[4-9]\d\s*(?:cm|㎝|센티)|[3-9]\d\s*(?:kg|㎏|킬로))\s*(?:\+|이상|이하|미만|초과|↑|↓|~|내외)?\s*\|?\s*",
                         re.I)


def _table_fields(text: str) -> list[tuple[str, str, int, int]]:
    """(label, value, start, end) from pasted tables: "| 성별 | 여 |" rows, and a header row of
    tab- or pipe-separated labels over rows of values (a spreadsheet or tracker row)."""
    out: list[tuple[str, str, int, int]] = []
    lines, pos = [], 0
    for line in text.split("\n"):
        sep = "\t" if line.count("\t") >= 1 else ("|" if line.count("|") >= 2 else ("," if line.count(",") >= 3 else None))
        cells = [c.strip() for c in line.strip().strip("|").split(sep)] if sep else []
        lines.append((pos, line, cells if not all(re.fullmatch(r":?-{2,}:?", c) for c in cells) else None))
        pos += len(line) + 1
    for idx, (start, line, cells) in enumerate(lines):
        if cells and len(cells) == 2 and ("|" in line or "\t" in line):  # a two-column sheet: label, value
            out.append((cells[0], cells[1], start, start + len(line)))
        header = next((c for _, _, c in reversed(lines[:idx]) if c is not None), None) if cells else None
        if cells and header and len(header) == len(cells) >= 3 and header != cells:
            out += [(h, v, start, start + len(line)) for h, v in zip(header, cells)]
    return out


_FORM_CONTEXT = re.compile(r"지원서|입사\s*지원|양식|서식|제출\s*서류|기재\s*항목|질문지|사전\s*질문|문항|application\s+form|form\s+fields?|"
                           r"questionnaire|résumé|resume", re.I)
# ("Q3. …": a numbered question is an item too; "- [ ] …": a checklist's box is not part of it.)
_LIST_ITEM = re.compile(r"(?:^|\s)(?:Q?\d{1,2}[.):]|[-*•·])\s*(?:\[[ xX✓]?\]\s*|[☐□☑]\s*)?(?P<items>[^\n]+?)(?=\s+Q?\d{1,2}[.)]\s|\n|$)")
# An item that ends by asking ("향후 3년 내 결혼 계획 유무", "수술 이력이 있다면 기재"): however long,
# it is a slot the applicant fills in.
_ASKING_END = re.compile(r"(?:유무|여부|있다면\s*기재|기재|기입|작성|이력|계획)\s*$")


_REQ_HEADING = re.compile(r"^\s*[\[【(]?\s*(?:자격\s*요건|지원\s*자격|우대\s*사항|필수\s*(?:요건|사항)|인재상|원하는\s*인재\S{0,2}|후보자?\s*프로필|requirements|qualifications|"
                          r"(?:candidate\s+|target\s+|ideal\s+)?profile(?:\s+(?:the\s+)?(?:client|hiring\s+manager|they|we|he|she)\s+wants?)?|"
                          r"ideal\s+candidate)\s*[\]】)]?\s*:?\s*$",
                          re.I | re.M)


def _requirement_items(text: str) -> list[ConceptHit]:
    """A bullet under a requirements heading that is a protected attribute alone ("- 여성(업무 특성상)",
    "- 남성 한정"): the item itself is the condition."""
    out: list[ConceptHit] = []
    for h in _REQ_HEADING.finditer(text):
        # The heading's bullets run until the first line that is not one (the next heading,
        # "복리후생", starts another list: "- 자녀 학자금 지원" there is a benefit).
        block = re.match(r"(?:\n[ \t]*(?:[-*•·][^\n]*)?)*", text[h.end():h.end() + 600])
        for m in re.finditer(r"^\s*[-*•·]\s*(?P<item>[^\n]+)$", block.group(0) if block else "", re.M):
            item = re.sub(r"\([^)]*\)", "", m.group("item")).strip()
            # "2030세대"-style words aside, a decade is two digits standing alone ("20대", not "4대보험").
            words = re.findall(r"[가-힣]+|\d+\s*세|\d{2}\s*대(?![가-힣])", item)
            if _FIELD_NEUTRAL.search(item):
                continue  # "성별 무관", "나이 제한 없음"
            if not re.search(r"[가-힣]", item) and len(item.split()) <= 8 and not _neutral_en(item):
                # "• Male, 30–38", "• Married w/ kids": an English item that is the attribute
                en = next((c for c, rx in _EN_ATTR_RX.items() if (a := rx.search(item)) and not _EN_THING_AFTER.match(item[a.end():])
                           and not (c == "age" and a.group(0).lower() == "age")), None)
                if en:
                    start = h.end() + m.start("item")
                    out.append(ConceptHit(en, "en", start, start + len(m.group("item")), item, "(requirement item)"))
                continue
            if 0 < len(words) <= 3 and any(KO_ATTRIBUTES.get(w) in ("sex", "age", "marital", "origin", "religion") or
                                           re.fullmatch(r"\d+\s*세|\d{2}\s*대", w) for w in words):
                start = h.end() + m.start("item")
                out.append(ConceptHit(KO_ATTRIBUTES.get(words[0], "age"), "ko", start, start + len(m.group("item")),
                                      item, "(requirement item)"))
    return out


def _form_items(text: str) -> list[tuple[str, str, int, int]]:
    """Numbered or bulleted items of a pasted application form ("3. 혈액형 4. 병력(최근 5년) 5. 신장/체중"):
    an item that is an attribute label asks the applicant for it."""
    if not _FORM_CONTEXT.search(text):
        return []
    out = []
    for m in _LIST_ITEM.finditer(text):
        for item in re.split(r"\s*/\s*|\s*,\s*", re.sub(r"\([^)]*\)", "", m.group("items"))):
            if item.strip():
                out.append((item.strip(), "(form item)", m.start("items"), m.end("items")))
    return out


def _field_hits(text: str) -> list[ConceptHit]:
    out: list[ConceptHit] = []
    fields = [(m.group("label"), m.group("value"), m.start("label"), m.end("value")) for m in _FIELD.finditer(text)]
    fields += [f for f in _form_items(text) if re.sub(r"\s+", "", f[0]).lower() in _ATTR_LABELS]
    for raw_label, value, start, end in fields + _table_fields(text):
        label = re.sub(r"\s+", "", raw_label).lower() if re.search(r"[가-힣]", raw_label) \
            else re.sub(r"\s+", " ", raw_label).strip().lower()
        if not value.strip() or _FIELD_NEUTRAL.search(value):
            continue
        # "Max age", "희망 연령": a label that names an attribute among other words.
        cat = _ATTR_LABELS.get(label) or next((c for w, c in _ATTR_LABELS.items()
                                               if len(w) > 1 and (re.search(rf"(?<![a-z]){re.escape(w)}(?![a-z])", label)
                                                                  if not re.search(r"[가-힣]", w) else
                                                                  w in label and (not (rest := label.replace(w, "", 1))
                                                                                  or _AFFIX_RUN.fullmatch(rest)))), None)
        # "지원 제외 대상", "우대 조건": a label that states a condition, in however many words.
        conditional = label in _COND_LABELS or label in _NOTE_LABELS or bool(_COND_LABEL_WORDS.fullmatch(label))
        if cat is None and _BIRTH_LABEL.fullmatch(label) and re.search(r"\d{2}", value):
            cat = "age"  # "| 출생연도 | 1978~1985 |": the years set are the age wanted (a date of birth asked for is not)
        if cat is None and _BODY_VALUE.fullmatch(value):
            cat = "appearance"  # "| Build | 48kg 이하 |": a body measure is the whole value
        excluding = bool(re.search(r"제외|불가|결격|excluded|not\s+eligible", label))
        if cat is None and conditional and (excluding or not _SKILL_VALUE.search(value)):
            cat = _value_attribute(value, excluding=excluding)
        if cat:
            out.append(ConceptHit(cat, "ko" if re.search(r"[가-힣]", raw_label + value) else "en", start, end,
                                  raw_label, "(field)"))
    return out


# A slot of a form or an interview that asks the applicant something ("지원서 문항에 '…이력 유무'",
# "키/몸무게 기입란", "면접에서 결혼 예정 여부도 물어볼", "an 'Application form' section with these fields").
_SLOT = re.compile(r"문항|질문|입력\s*란|입력\s*칸|기입\s*란|기재\s*란|작성\s*란|체크\s*(?:박스|란)|선택\s*란|물어\s*(?:볼|보|봐)|여쭤|묻(?:는|겠|고|을)|"
                   r"\b(?:fields?|questions?|questionnaire|checkbox(?:es)?|tick\s*box(?:es)?|drop-?down)\b", re.I)
_SLOT_CONTEXT = re.compile(r"지원서|입사\s*지원|양식|서식|면접|인터뷰|설문|\b(?:application|applicants?|candidates?|form|interview|ATS|screening)\b", re.I)
# A privacy notice listing what is not collected ("민감정보: 사상·신념, …, 건강").
_PRIVACY_NOTICE = re.compile(r"민감\s*정보|개인\s*정보\s*(?:보호|처리|수집)|고유\s*식별|\bsensitive\s+(?:data|information)|\bprivacy\b", re.I)
_SLOT_REFUSED = re.compile(r"않|말고|마세요|말아|금지|불필요|제외|마스킹|빼\s*(?:고|주|줘|주세요)|없애|삭제|\b(?:no|not|never|don'?t|without|avoid|remove|drop)\b", re.I)
_BIRTH_LABEL = re.compile(r"출생\s*(?:연도|년도)|생년|birth\s*year|year\s+of\s+birth|born|"
                          r"(?:born|birth(?:[_\s-]*year)?)[_\s-]*(?:after|before|from|since|until|min|max)|(?:min|max)[_\s-]*birth[_\s-]*year", re.I)
# A date of birth that decides ("Date of birth (auto-reject if before 1995-01-01)", "생년월일 1990년 이전은 탈락").
_BIRTH_CUTOFF = re.compile(r"(?:date\s+of\s+birth|\bDOB\b|birth\s*(?:date|year)|생년월일|출생\s*(?:연도|년도))[^.\n]{0,40}?"
                           r"(?:auto-?reject\w*|reject\w*|탈락|불합격|제외|(?:if|when)\s+(?:born\s+)?(?:before|after)\s+\d|"
                           r"\d{2,4}\S{0,4}\s*(?:이전|이후)\S{0,3}\s*(?:은|는)?\s*(?:탈락|불가|제외))", re.I)
_BENEFIT_ITEM = re.compile(r"지원|제공|가입|보험|검진|휴가|휴직|휴무|제도|수당|선물|축하|장려금|혜택|\b(?:leave|insurance|benefits?|allowance|support)\b", re.I)
# Asked for a statutory preference, or left to the applicant ("보훈 해당 여부 (법정 가점)", "선택 기재").
_SLOT_LAWFUL = re.compile(r"보훈|가점|가산점|우대\s*적용|선택\s*(?:기재|사항|항목)|\b(?:optional|voluntary|self-identif\w*)\b", re.I)
_KO_LABEL_WORDS = sorted((w for w in _ATTR_LABELS if re.fullmatch(r"[가-힣 ]{3,}", w)), key=len, reverse=True)


def _form_slot_hits(text: str) -> list[ConceptHit]:
    """A protected attribute put to applicants as a form field or an interview question, in a
    sentence that asks for the slot (or a list item of a pasted application form)."""
    out: list[ConceptHit] = []
    mentions: dict[tuple[int, int], str] = {}
    for span, cat in attribute_mentions(text):
        mentions.setdefault(span, cat)
    for s0, s1 in _sentences(text):
        squeezed = re.sub(r"\s+", "", text[s0:s1])
        for w in _KO_LABEL_WORDS:
            if w.replace(" ", "") in squeezed:
                mentions.setdefault((s0, s1), _ATTR_LABELS[w])
    for (s0, s1), cat in mentions.items():
        sentence = text[s0:s1]
        if cat == "origin_region" or not _SLOT.search(sentence) or _SLOT_REFUSED.search(sentence) or _SLOT_LAWFUL.search(sentence):
            continue
        if _SLOT_CONTEXT.search(sentence) or _SLOT_CONTEXT.search(text[max(0, s0 - 120):s0]):
            out.append(ConceptHit(cat, "ko" if re.search(r"[가-힣]", sentence) else "en", s0, s1, sentence.strip()[:40], "(form slot)"))
    for m in _BIRTH_CUTOFF.finditer(text):
        out.append(ConceptHit("age", "ko" if re.search(r"[가-힣]", m.group(0)) else "en", m.start(), m.end(), m.group(0)[:40], "(birth cutoff)"))
    for item, _, s, e in _form_items(text):
        whole = text[s:e]
        if (len(item.split()) > 4 and not _ASKING_END.search(item)) or len(whole) > 160 \
                or re.search(r"[.!?]['\"’”]?\s*$", item) or _SLOT_REFUSED.search(whole) \
                or _SLOT_LAWFUL.search(whole) or _BENEFIT_ITEM.search(whole) or _PRIVACY_NOTICE.search(whole) \
                or not _FORM_CONTEXT.search(text[max(0, s - 200):s]):
            continue  # a sentence or a benefit, not a field's name; the fields refused; or no form just before
        for (_, _), cat in attribute_mentions(item):
            if cat != "origin_region":
                out.append(ConceptHit(cat, "ko" if re.search(r"[가-힣]", item) else "en", s, e, item, "(form item)"))
                break
        else:
            if _TREATMENT_HISTORY.search(item):
                out.append(ConceptHit("disability", "ko" if re.search(r"[가-힣]", item) else "en", s, e, item, "(form item)"))
    return out


# A medical history asked in a form ("최근 5년 내 입원 또는 수술 이력", "hospitalisations in the last 5 years"):
# words that are a duty elsewhere ("수술실 간호사"), so read as an attribute only as a form's item.
_TREATMENT_HISTORY = re.compile(r"(?:입원|수술|통원|투약|복용\s*(?:중인\s*)?약)[^\n]{0,12}?(?:이력|경험|여부|사실|유무|기록)|"
                                r"\b(?:hospitali[sz]ations?|surgeries|surger(?:y|ies)\s+history|medications?\s+(?:taken|history))\b", re.I)


# A condition section named as where a phrase goes ("우대사항에 충청도 출신을 넣어 달라", "add 'male' to the
# preferred qualifications"): the phrase becomes a condition, whatever predicate it lacks.
_KO_SECTION_INSERT = re.compile(r"(?:우대\s*(?:사항|조건)|자격\s*(?:요건|조건)|지원\s*자격|필수\s*(?:요건|조건|사항))\s*(?:에|란에|쪽에|으로|로)\s+"
                                r"(?P<what>[^.\n]{1,30}?)\s*(?:을|를|도|이라고|라고)?\s+(?:(?:꼭|좀|같이|함께|그대로|반드시|살짝)\s+)?"
                                r"(?:넣|추가|포함|명시|기재|써|적)")
_EN_SECTION_INSERT = re.compile(r"\b(?:add|include|put|list|mention)\s+(?P<what>[^.\n]{1,40}?)\s+(?:to|in|under|as)\s+(?:the\s+|our\s+)?"
                                r"(?:preferred(?:\s+qualifications)?|requirements?|qualifications?|nice[-\s]to[-\s]haves?|must[-\s]haves?|a\s+(?:plus|requirement))\b",
                                re.I)


def _section_insertions(text: str) -> list[ConceptHit]:
    out: list[ConceptHit] = []
    for rx in (_KO_SECTION_INSERT, _EN_SECTION_INSERT):
        for m in rx.finditer(text):
            what = m.group("what")
            if _FIELD_NEUTRAL.search(what) or _SKILL_VALUE.search(what) or re.search(r"관심|흥미|\binterest", what, re.I) \
                    or _THING_AFTER_KO.match(what.lstrip("'\"‘“ ")):
                continue  # "우대사항에 관련 자격증 보유를 넣어", "'임산부 스킨케어 시장에 관심 있는 분'": a skill or a market
            if cat := _value_attribute(what, excluding=True):
                out.append(ConceptHit(cat, "ko" if rx is _KO_SECTION_INSERT else "en", m.start("what"), m.end("what"),
                                      what, "(put in a condition section)"))
    return out


def _value_attribute(value: str, excluding: bool = False) -> str | None:
    """The protected attribute a short field value names, if any ("외모 S급", "아버지 직업 공무원");
    under a label that excludes, a region names the people from it ("지원 제외 대상: 전라도")."""
    if _BODY_MEASURE.search(value):
        return "appearance"  # "170cm+", "50kg 이하": a body measure as the condition
    if re.search(r"[가-힣]", value):
        tokens = _kiwi().tokenize(value)
        for a, t in enumerate(tokens):
            if _lemma(t) in KO_PROTECTED_GROUPS or t.form in KO_PROTECTED_GROUPS:
                return None  # "우대: 장애인, 보훈대상자": lawful
            cat = _ko_attribute(tokens, a)
            if cat == "origin_region" and excluding:
                return "origin"
            if cat and cat != "origin_region" and (t.form not in AMBIGUOUS_WORDS or a == 0):
                return cat
    for cat, rx in _EN_ATTR_RX.items():
        if (m := rx.search(value)) and not _EN_THING_AFTER.match(value[m.end():]):
            return cat
    return None


def scan_concepts(text: str, languages: tuple[str, ...] = ("ko", "en")) -> list[ConceptHit]:
    text = nfkc(text)
    hits: list[ConceptHit] = []
    if "ko" in languages:
        hits += scan_korean(text)
    if "en" in languages:
        hits += scan_english(latin_words_apart(text))
    hits += [h for h in _field_hits(text) + _requirement_items(text) + _form_slot_hits(text) + _section_insertions(text)
             if not any(o.start < h.end and h.start < o.end for o in hits)]
    return [h for h in hits if not lawful_in_context(text, h.start, h.end, h.category) and not quoted_for_removal(text, h.start)]


QUOTE = re.compile(r"(?<![A-Za-z])'[^'\n]{1,80}'(?![A-Za-z])|\"[^\"\n]{1,80}\"|‘[^’\n]{1,80}’|“[^”\n]{1,80}”")
_REMOVE = re.compile(r"빼|삭제|지우|없이|지적|문제\s*(?:가\s*)?(?:됐|되었|있었)|고쳐|바꿔|수정해|쓰지\s*말|넣지\s*말|"
                     r"\bwithout\b|\bremov\w*|\bdrop\b|take\s+(?:it\s+)?out|\bdelet\w*|age[-\s]coded|\bbiased\b|"
                     r"discriminat\w*|\bflagged\b|\bcomplain\w*|don'?t\s+(?:use|say|write|include)", re.I)
_INSERT = re.compile(r"넣어|넣고|써\s*주|써줘|쓰고|적어|명시|표현해|로\s*해\s*주|\badd\b|\binclude\b|\bwrite\b|\bsay\b|"
                     r"\buse\b|\bput\b|\bkeep\b|\bmention\b", re.I)


def quoted_for_removal(text: str, start: int) -> bool:
    """"지난 공고의 '용모단정'이 지적받았어요. 이번엔 빼고": a quoted phrase the user wants gone."""
    for q in QUOTE.finditer(text):
        if q.start() < start < q.end():
            if EN_DISOWNED.search(text[enclosing(text, q.start(), q.end())[0]:q.start()]):
                return True  # "avoid age-coded terms such as 'young'": named before the quote to stay out
            after = through_next_sentence(text, q.end())
            rm, ins = _REMOVE.search(after), _INSERT.search(after)
            return bool(rm and (ins is None or rm.start() < ins.start()))
    return False


def latin_words_apart(text: str) -> str:
    """'male candidates only로' -> 'male candidates only 로' (one character for one, so positions
    hold): a Korean particle glued to an English word must not hide the word's end."""
    return re.sub(r"(?<=[A-Za-z])[가-힣]", " ", text)


def lawful_reading(text: str, start: int, end: int) -> bool:
    """Whatever the attribute, the mention is no condition on the applicant: a wording that might
    read as one, named for its cost, asked about by others, welcoming a group too, the range the
    team spans, or the people who work here now."""
    if _HYPOTHETICAL.match(text[end:end + 16]):
        return True  # "연령 제한처럼 보일까봐": how a wording might read, not a condition asked for
    if _CONSEQUENCE.match(text[end:end + 30]):
        return True  # "나이 제한 쓰면 큰일 나는 거 아시죠": a wording named for what writing it would cost
    if _DIVERSITY_AFTER.match(text[end:end + 30]):
        return True  # "20대부터 50대까지 다양한 연령대의 팀원": the team's range, not a limit
    if _ASKED_ABOUT.match(text[end:end + 30]):
        return True  # "나이 제한 있냐는 문의가 많았어요": what applicants asked, not what is set
    if _INCLUSIVE_AFTER.match(text[end:end + 30]) or _ANYONE.search(text[start:end + 8]):
        return True  # "50대 지원자도 환영", "Native Japanese speakers are welcome too", "30대·40대 누구나"
    if any(t.start() <= start < t.end() for t in _LAW_TITLE.finditer(text, max(0, start - 120), min(len(text), end + 120))):
        return True  # "the Act on the Protection of Children and Youth Against Sex Offenses": a law's name
    if _DECLARED_UNLAWFUL.match(text[end:end + 60]):
        return True  # "팀장님은 어린 사람 원하시는데 그건 불법이잖아요?", "> me: no, that's age-coded": a wish turned down
    if _MILITARY_EITHER.match(text[start:start + 50]):
        return True  # "남자의 경우 병역필 또는 면제자": military service settled either way, not a sex condition
    if _ENCOURAGED.match(text[end:end + 40]) and re.search(r"disabilit|장애|veteran|보훈", text[start:end + 40], re.I):
        return True  # "Applicants with disabilities are encouraged to apply": a protected group invited
    if _INDIFFERENT.search(text[start:end]):
        return True  # "국적은 상관 없어요, … 다 좋아요", "Nationality doesn't matter at all": the attribute set aside
    if _THING_AFTER_KO.match(text[start:start + 30]):
        return True  # "남성 그루밍 라인 브랜드 매니저": a product or its buyers, not the applicant
    if _QUOTED_QUESTION_ASKED.match(text[end:end + 40]):
        return True  # "'나이 많으면 안 뽑는 거 아니냐'고 문의가 많았어요": what applicants asked
    if _STAFF_BEARER.match(text[start:end + 14]):
        s0, s1 = enclosing(text, start, end)
        if not _SELECTING.search(text[s0:s1]):
            return True  # "초등학교 입학 자녀 둔 직원은 10시 출근": a benefit for the people who work here
    s0, s1 = enclosing(text, start, end)
    sentence = text[s0:s1]
    return bool(_CURRENT_STAFF.search(sentence)) and not _SELECTING.search(sentence)


def lawful_in_context(text: str, start: int, end: int, category: str) -> bool:
    """A mention the law itself asks for: minors and pregnant workers kept from night work by law,
    and ID or health papers collected after the offer (4대보험), not with the application."""
    if lawful_reading(text, start, end):
        return True
    s_start, s_end = enclosing(text, start, end)
    if text[s_end:s_end + 1] == "?" and _LEGALITY.search(text[s_start:s_end]) and _LEAVE_IT_OUT.search(text[s_end:s_end + 60]):
        return True  # "나이 제한 쓰면 법에 걸리나요? 걸리면 빼고": a question about the law, answered by leaving it out
    if _AUDIENCE_AFTER.match(text[end:end + 16]):
        return True  # "시니어(65세 이상) 사용자용 큰글씨 모드": the product's users, not the applicant
    if category == "age":
        return minors_by_law(text, start, end)
    line = text[text.rfind("\n", 0, start) + 1:].split("\n", 1)[0]
    if category == "marital":
        return bool(_PREGNANCY.search(text[max(0, start - 8):end + 8]) and _PROTECTIVE_WORK.search(line)
                    and _MINORS_LAW.search(line))
    if category == "rrn" and re.search(r"\d{6}\s*-\s*[1-4]\d{6}|\[\s*주민등록번호\s*\]|\[\s*resident", text[max(0, start - 25):end + 25]) \
            and not re.fullmatch(r"\s*\d{6}\s*-\s*[1-4]\d{6}\s*", text[start:end]) \
            and re.search(r"(?<![가-힣])(?:제|저의|내|본인)(?![가-힣])|담당|매니저|과장|팀장|부장|대표|인사팀|\b(?:my|manager'?s?|our\s+contact)\b",
                          text[max(0, start - 40):end + 40], re.I):
        return True  # someone's own number written next to it: personal data to mask, not a demand on applicants
    if category in ("rrn", "family", "disability"):
        # Only the clause holding the mention, and only papers asked for: "병력 있으면 지원 불가,
        # 검진 결과는 입사 후 제출" still excludes in its first clause.
        clause = text[slice(*enclosing(text, start, end, ".,;!?\n"))]
        return bool(_AFTER_OFFER.search(clause) and _PAPERS.search(clause)) and not _WITH_APPLICATION.search(clause)
    return False


_PAPERS = re.compile(r"제출|서류|기재|사본|등본|증명|submit|provide|documents?|paperwork|copy|forms?", re.I)


_LEGALITY = re.compile(r"법에\s*걸|법적|불법|위법|합법|\b(?:legal|lawful|illegal|compliant)\b", re.I)
_LEAVE_IT_OUT = re.compile(r"빼|없이|제외하고|\bleave\s+(?:it|that|them)\s+out\b|\bdrop\s+it\b|\bomit\b|\bskip\s+it\b", re.I)
_AUDIENCE_AFTER = re.compile(r"\s*[)\]]?\s*(?:\S{0,4}\s*)?(?:사용자|이용자|고객|유저|환자|소비자)(?:용|를\s*위한|대상|층)", re.I)
_HYPOTHETICAL = re.compile(r"\s*(?:처럼|같이|같은\s*느낌으로|으로|로)\s*(?:보일|보이|보여|느껴|읽히|읽힐|오해|비칠|비춰)|"
                           r"\s*(?:could|might|would)\s+(?:look|read|come\s+across|be\s+seen)", re.I)
_CONSEQUENCE = re.compile(r"\s*(?:을|를|이|가)?\s*(?:쓰|넣|적|달|붙이)(?:으)?면\s*(?:\S+\s*){0,2}?(?:큰일|안\s*(?:되|돼)|문제|걸리|걸려|불법|위법|"
                          r"신고|과태료|벌금|난리|민원)|\s*(?:is|are|would\s+be|counts?\s+as)\s+(?:illegal|unlawful|not\s+allowed|discriminat\w*)",
                          re.I)
_ASKED_ABOUT = re.compile(r"\s*(?:이|가|은|는)?\s*(?:있|없)(?:냐|나|느냐|으냐|는지|었는지|냐고)\S{0,3}\s*(?:\S+\s+)?(?:문의|질문|연락|전화|물어)|"
                          r"\s*(?:에\s*대한|관련)?\s*(?:문의|질문)(?:가|이)\s*(?:많|왔|들어)", re.I)
_INCLUSIVE_AFTER = re.compile(r"\s*\)?\s*(?:분들?\s*)?(?:의\s*)?(?:지원\s*)?도\s*(?:대\s*)?(?:환영|지원\s*가능|가능|괜찮|OK|오케이)|"
                              r"\s*(?:are|is)\s+(?:also\s+|very\s+|more\s+than\s+)?welcome(?:d)?\s+(?:too|as\s+well|also)\b|"
                              r"\s*(?:are|is)\s+also\s+welcome", re.I)
_ANYONE = re.compile(r"누구나|누구든지|\b(?:anyone|everyone)\s+(?:is\s+)?(?:welcome|can\s+apply|may\s+apply)\b|"
                     r"\bopen\s+to\s+(?:anyone|everyone)\b|"
                     # "welcomes applicants of every age, gender, nationality": all of them, none picked
                     r"\b(?:every|all|any)\s+(?:ages?|genders?|sex(?:es)?|nationalit\w*|religions?|faiths?|backgrounds?|ethnicit\w*|"
                     r"races?|orientations?|abilit\w*|disabilit\w*)\b|모든\s*(?:연령|성별|국적|종교|배경)", re.I)
# The people who work here now ("현재 FE팀 7명은 … 함께 일하고 있습니다", "a 58-year-old engineer who
# joined last year"), said with no wish about whom to hire.
_CURRENT_STAFF = re.compile(r"(?:함께|같이)\s*일하고\s*있|재직\s*(?:중|하고)|근무\s*(?:중이|하고\s*있)|구성(?:돼|되어)\s*있|"
                            r"현재\s*(?:\S+\s*)?(?:팀|팀원|구성원|직원)\S{0,2}\s*(?:은|는)\s|"
                            r"(?:저희|우리)\s*(?:팀|회사|부서)에\s*[^.\n]{0,30}(?:계세요|계십니다|계시고|있어요|있습니다|근무\s*중)|"
                            r"\b(?:current|existing)\s+(?:\w+\s+){0,2}(?:team|staff|members|employees)\s+(?:is|are|has|have|includes?)\b|"
                            r"\bdescribe\s+(?:the|our)\s+(?:current\s+)?team\b|\b(?:team|we)\s+looks?\s+like\b|"
                            r"\bwho\s+joined\b|\bjoined\s+(?:us|the\s+team|last|in)\b|\b(?:our|the)\s+(?:team|engineers|staff|members)\s+"
                            r"(?:range|ranges|spans?|includes?)\b", re.I)
_SELECTING = re.compile(r"뽑|채용하|우대|선호|원해|원합|좋겠|으로만|로만|위주로|맞춰|\b(?:prefer\w*|only|must|looking\s+for|seeking|"
                        r"want(?:ed|s)?|ideal(?:ly)?|should\s+be)\b", re.I)
# A statute's title, in English or Korean ("Act on the Protection of Children and Youth …", "청소년의
# 성보호에 관한 법률", "장애인고용촉진법").
_LAW_TITLE = re.compile(r"\b(?:Act|Law)\s+(?:on|for|of|to)\s+(?:the\s+)?(?:[A-Z][\w'-]*|and|of|the|for|against|to|on|in|with)"
                        r"(?:\s+(?:[A-Z][\w'-]*|and|of|the|for|against|to|on|in|with))*|"
                        r"(?:[가-힣]+\s){0,4}[가-힣]*에\s*관한\s*(?:특별\s*)?법률|"
                        r"[가-힣]{2,}(?:촉진|보호|평등|지원|차별\s*금지|기준|예우|보장)\s*(?:등에\s*관한\s*)?법(?:률)?(?![가-힣])")
# Someone's wish, said right after to be unlawful ("…원하시는데 그건 불법이잖아요", "that's age-coded").
_DECLARED_UNLAWFUL = re.compile(r"[^.]{0,35}?(?:그건|그거|그것은|이건|이거|no,?\s*that'?s|that'?s|that\s+is|which\s+is)\s*(?:\S+\s+){0,2}?"
                                r"(?:불법|위법|\S{0,4}차별|illegal|unlawful|discriminat\w*|not\s+allowed|[\w-]+-coded)", re.I)
_MILITARY_EITHER = re.compile(r"(?:남자|남성)\S{0,4}\s*(?:경우\s*)?(?:\S+\s+)?병역\s*(?:필|을\s*마친|이행)[^.\n]{0,6}(?:또는|혹은|이나|or|/)\s*"
                              r"(?:병역\s*)?면제")
_ENCOURAGED = re.compile(r"[^.]{0,12}?\b(?:are|is)\s+(?:strongly\s+|especially\s+)?(?:encouraged|invited|welcome[d]?)\s+to\s+apply", re.I)
# Said of the attribute itself: it does not count ("상관 없어요", "무관", "doesn't matter", "not a factor").
_INDIFFERENT = re.compile(r"상관\s*(?:없|x\b)|무관(?:하|해|합|이|$|\s)|관계\s*없|불문|\b(?:doesn'?t|does\s+not|won'?t|will\s+not)\s+matter\b|"
                          r"\bno\s+matter\b|\bnot\s+(?:a\s+)?(?:factor|consideration|criterion)\b|\birrelevant\b|\bdon'?t\s+care\s+about\b", re.I)
# The attribute word naming a product line, its buyers or its market ("남성 그루밍 라인", "여성 소비자").
_THING_AFTER_KO = re.compile(r"[가-힣A-Za-z]+(?<![은는이가을를도만에])\s+(?:[가-힣A-Za-z]{1,6}(?<![은는이가을를도만에의])\s+)?"
                             r"(?:라인|라인업|제품|브랜드|화장품|용품|의류|소비자|고객층?|그루밍|스킨케어|"
                             r"카테고리|패션|시장|전용\s*상품)(?![가-힣])")
# A question quoted as what others asked ("'…안 뽑는 거 아니냐'고 문의", "…냐는 질문").
_QUOTED_QUESTION_ASKED = re.compile(r"[^.\n]{0,20}?(?:냐|니|나요|는지|까요?|냐는|냐고)\s*['\"’”]?\s*(?:고|라고|라는|하는|는)?\s*(?:\S+\s+){0,2}?"
                                    r"(?:문의|질문|물어|연락|전화|걱정|오해)")
# The attribute of the staff a benefit is for ("자녀 둔 직원은", "자녀가 있는 임직원에게").
_STAFF_BEARER = re.compile(r"\S+?\s*(?:이|가|을|를)?\s*(?:둔|두신|가진|있는|키우는)?\s*(?:임?직원|재직자|구성원|팀원)(?:들)?(?:은|는|에게|에겐|께|의)(?![가-힣])|"
                           r"\S+?\s*(?:이|가)?\s*(?:둔|두신|가진|있는|키우는)\s*(?:임?직원|재직자|구성원|팀원)들\s")
# ("20대부터 40대까지 고루 있음", "40대 후반까지 섞여 있어요": how the team is spread, said of it.)
_DIVERSITY_AFTER = re.compile(r"[^.\n]{0,12}?(?:다양한?\s*(?:연령|나이|세대|성별|국적|배경|출신)|"
                              r"(?:고루|골고루|고르게)\s*(?:있|분포|섞)|섞여\s*있|섞인\s*(?:팀|조직|구성))", re.I)
_YOUTH_PROGRAM = re.compile(r"장려금|지원\s*사업|청년\s*(?:일자리|고용|내일|도약|인턴|디딤돌)|고용\s*센터|정부\s*지원|고용노동부", re.I)


def youth_programme(text: str, start: int, end: int) -> bool:
    """"만 15세~34세 청년(지원사업 대상 요건)": the age band a named public youth-employment programme
    sets (청년고용촉진 특별법), not the employer's preference. Read on requests only: a posting's
    exception must also stand in the company's own data (law.LAW_RULES, KR-AGE-001)."""
    ages = [int(a) for a in re.findall(r"(\d{2})\s*(?:세|살)", text[max(0, start - 12):end + 12])]
    window = text[max(0, start - 150):end + 150]
    return bool(ages) and all(15 <= a <= 39 for a in ages) and "청년" in window and bool(_YOUTH_PROGRAM.search(window))


_PREGNANCY = re.compile(r"임산부|임신\s*중|임부|산모|출산\s*후\s*1년|pregnan\w*|expectant|nursing\s+mothers?", re.I)
_PROTECTIVE_WORK = re.compile(r"야간|휴일|연장|유해|위험|night|overtime|hazard\w*", re.I)
_AFTER_OFFER = re.compile(r"(?:최종\s*)?합격\s*(?:후|이후|시|자에\s*한해)|입사\s*(?:후|이후|시|확정)|채용\s*확정|계약\s*(?:후|시)|"
                          r"4대\s*보험|after\s+(?:the\s+)?(?:offer|hire|hiring|joining|onboarding)|upon\s+(?:hire|joining)|"
                          r"for\s+(?:payroll|insurance\s+enrol\w*)", re.I)
_WITH_APPLICATION = re.compile(r"지원\s*(?:시|할\s*때|단계에서\s*(?:제출|필수|받))|서류\s*전형|with\s+(?:the|your)\s+application|"
                               r"when\s+applying", re.I)


def minors_by_law(text: str, start: int, end: int) -> bool:
    """"만 18세 미만은 법규상 야간근로 불가": protecting minors is the law, not a preference."""
    line = text[text.rfind("\n", 0, start) + 1:].split("\n", 1)[0]
    span = text[max(0, start - 8):end + 8]
    ages = [int(a or b or c) for a, b, c in re.findall(r"(\d{1,2})\s*(?:세|살)|age\s*(?:of\s*)?(\d{1,2})|(\d{1,2})\s*(?:years?|yrs?)", span, re.I)]
    return bool(ages) and max(ages) <= 18 and bool(_MINORS_LAW.search(line))


_MINORS_LAW = re.compile(r"법|법규|법령|연소자|청소년|minors?|child\s+labou?r|\blaws?\b|\blegal(?:ly)?\b|labou?r\s+(?:act|code|standards)",
                         re.I)
