"""Skill terms in posting lines, normalized so spelling variants count as one skill: transliterations
and variants from data/skill_aliases.json (파이썬 = Python, 쿠버네티스 = Kubernetes), Latin terms by
case and punctuation, Korean noun compounds by Kiwi's nouns joined without spaces (급여 관리 = 급여관리)."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from core.config import REPO_ROOT
from retrieval.korean import kiwi

# The frame of a requirement, never part of the skill: trimmed from a term's ends ("백엔드 개발 경험").
_FRAME = frozenset("""경험 능력 이상 이하 관련 분야 경력 지식 역량 우대 가능 가능자 보유 보유자 사용 활용 이해 수준 기본 원활 분 자
    사람 소유자 소지자 필요 전반 대한 위한 기타 등 년 개월 학력 무관 이력 최소 사항 조건 내용 기반 중심 신입 경력자 실무자 전문가
    지원자 인재 우대사항 자격요건 필수 고급 능숙 숙련 습득 이해도 업무 경험자 유경험자 우수자 유관 해당 다양 긍정 관심 열정 학위
    자격증 스킬 기술 언어 능력자 이상자 분야 업계 근무 바탕 논리 변화 우수 파악 경우 서류 제출 합격 졸업 해외여행 결격 사유 결과
    과정 학과 전형 서류전형 지원서 이력서 포트폴리오 의사소통 소통 환경 사업 외부 the and or of to in with for a an""".split())
# Words that are no skill on their own but belong inside one ("급여 관리", "서비스 운영").
_GENERIC = _FRAME | frozenset("""업무 관리 운영 개발 담당 진행 수행 지원 직무 회사 팀 고객 서비스 제품 실무 영어 한국어 커뮤니케이션
    협업 문제 해결 태도 자세 책임감 성장 주도 적극 꼼꼼 전공 학사 석사 박사 대졸 초대졸 고졸 작성 기획 분석 전략 프로젝트 수립 실행 개선
    대응 검토 구축 제안 기업 비즈니스 이슈 자료 효율 기능 시스템 구현 설계 데이터 프로세스 조직""".split())
# Amounts and periods ("3년", "2개월", "10명"): never a skill, trimmed from a term's ends.
_AMOUNT = re.compile(r"[\d.,]+(?:년|년차|개월|개|회|명|주|일|시간|%|만|억|천)?")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9+#]*(?:[.\-][A-Za-z0-9+#]+)*")


def _key(text: str) -> str:
    return re.sub(r"[\s\-_./]+", "", unicodedata.normalize("NFKC", text).lower())


@lru_cache(maxsize=1)
def _alias_file() -> dict[str, list[str]]:
    """canonical name -> its variants (the file's "_about" note left out)."""
    raw = json.loads((REPO_ROOT / "data" / "skill_aliases.json").read_text(encoding="utf-8"))
    return {c: vs for c, vs in raw.items() if not c.startswith("_")}


@lru_cache(maxsize=1)
def _aliases() -> dict[str, str]:
    return {_key(v): canonical for canonical, variants in _alias_file().items() for v in (canonical, *variants)}


@lru_cache(maxsize=1)
def _alias_pattern() -> re.Pattern:
    # Longest first, so "구글 애널리틱스 4" wins over "구글 애널리틱스"; spaces in an alias match any spacing.
    names = sorted({v for c, vs in _alias_file().items() for v in (c, *vs)}, key=len, reverse=True)
    parts = [r"\s*".join(re.escape(ch) for ch in n.replace(" ", "")) for n in names]
    return re.compile(r"(?<![A-Za-z0-9가-힣])(?:" + "|".join(parts) + r")(?![A-Za-z0-9+#])", re.IGNORECASE)


@dataclass(frozen=True)
class SkillTerm:
    key: str  # what counts as one skill
    surface: str  # how it is shown: the canonical name of a known skill, else as written
    known: bool  # from the alias table
    written: str = ""  # exactly as in the text (for measuring what normalization merges)


def canonical(surface: str) -> SkillTerm | None:
    key = _key(surface)
    if not key:
        return None
    if key in _aliases():
        name = _aliases()[key]
        return SkillTerm(_key(name), name, True, surface.strip())
    return SkillTerm(key, surface.strip(), False, surface.strip())


def skill_terms(line: str) -> list[SkillTerm]:
    """Skills named in one line: known skills (any spelling), other Latin terms, Korean noun compounds."""
    return list(_skill_terms(line))


# A pure function of the line: a company's data is read line by line for every request (skill
# suggestions, grounding), so its lines are analysed by Kiwi once, not on every request.
@lru_cache(maxsize=32768)
def _skill_terms(line: str) -> tuple[SkillTerm, ...]:
    line = unicodedata.normalize("NFKC", line)
    found: dict[str, SkillTerm] = {}
    taken = []
    for m in _alias_pattern().finditer(line):
        term = canonical(m.group(0))
        if term:
            found.setdefault(term.key, term)
            taken.append((m.start(), m.end()))
    rest = "".join(" " if any(a <= i < b for a, b in taken) else ch for i, ch in enumerate(line))
    for m in _LATIN.finditer(rest):
        word = m.group(0)
        if len(word) >= 2 and word.lower() not in _GENERIC:
            term = canonical(word)
            if term:
                found.setdefault(term.key, term)
    # Korean: runs of adjacent nouns (with numbers: "4대 보험") form one term; frame words are
    # trimmed from the ends, and a term made only of generic words is none.
    for run in _noun_runs(rest):
        def edge(item: tuple[str, int, int]) -> bool:
            return item[0] in _FRAME or bool(_AMOUNT.fullmatch(item[0]))

        while run and edge(run[0]):
            run = run[1:]
        while run and edge(run[-1]):
            run = run[:-1]
        words = [w for w, _, _ in run if not _AMOUNT.fullmatch(w)]
        if not words or all(w in _GENERIC for w in words) or (len(run) == 1 and len(words[0]) < 2):
            continue
        # The compound and, for a longer one, its own domain nouns: "퍼포먼스 마케팅 캠페인 운영" also
        # counts as 퍼포먼스, 마케팅, 캠페인, so postings that word it differently still meet.
        pieces = [(run[0][1], run[-1][2])]
        if len(run) > 1:
            pieces += [(st, en) for w, st, en in run if w not in _GENERIC and len(w) > 1 and not _AMOUNT.fullmatch(w)]
        for st, en in pieces:
            surface = rest[st:en].strip()
            found.setdefault(_key(surface), SkillTerm(_key(surface), surface, False, surface))
    return tuple(found.values())


def _noun_runs(text: str) -> list[list[tuple[str, int, int]]]:
    runs: list[list[tuple[str, int, int]]] = []
    run: list[tuple[str, int, int]] = []
    for tok in kiwi().tokenize(text):
        joins = tok.tag in ("NNG", "NNP", "SN") or (tok.tag == "NNB" and run and run[-1][0][-1:].isdigit())
        if joins and run and tok.start == run[-1][2]:
            # Written as one word ("4대보험", Kiwi's "백"+"엔드"): one word here too.
            form, st, _ = run[-1]
            run[-1] = (form + tok.form, st, tok.start + tok.len)
            continue
        if joins and (not run or tok.start <= run[-1][2] + 1):
            run.append((tok.form, tok.start, tok.start + tok.len))
            continue
        if run:
            runs.append(run)
        run = [(tok.form, tok.start, tok.start + tok.len)] if joins else []
    if run:
        runs.append(run)
    return runs
