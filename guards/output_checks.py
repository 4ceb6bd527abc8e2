"""Checks on a generated posting. Each returns Findings; the validate_output node decides the fix."""
from __future__ import annotations

from core.jobcodes import JobCode
from core.schemas import REQUIRED_SECTIONS, SECTION_HEADINGS, Finding, Posting
from guards.law import LawHit, scan_law
from guards.sensitive import EntityHit


def sensitive_findings(hits: list[EntityHit], redacted: bool) -> list[Finding]:
    # The finding names the category, never the secret: findings are shown to every role and
    # streamed to clients, and a quoted secret would leak through them.
    seen: set[tuple[str, str]] = set()
    out = []
    for h in hits:
        if (h.category, h.kind) in seen:
            continue
        seen.add((h.category, h.kind))
        out.append(Finding(rule_id="OUT-SENSITIVE-001", severity="critical", span=None,
                           message=f"비공개 정보({h.category})와 일치하는 표현({h.kind})이 있습니다."
                           + (" 해당 문장을 삭제했습니다." if redacted else ""),
                           suggestion="비공개 정보를 삭제하세요."))
    return out


def confidential_findings(hits) -> list[Finding]:
    kinds = sorted({h.kind for h in hits})
    return [Finding(rule_id="OUT-CONFIDENTIAL-001", severity="critical", span=None,
                    message=f"내부 정보로 보이는 내용({k})이 있어 해당 문장을 삭제했습니다.",
                    suggestion="공개된 회사 정보만 쓰세요.") for k in kinds]


def law_findings(hits: list[LawHit], fixed: bool) -> list[Finding]:
    out = []
    for h in hits:
        if h.excepted:
            out.append(Finding(rule_id=h.rule.rule_id, severity="info", span=h.span, start=h.start, end=h.end,
                               message=f"회사 자료에 근거한 적법한 예외로 허용: {h.rule.message}", suggestion=None))
        else:
            out.append(Finding(rule_id=h.rule.rule_id, severity="error", span=h.span, start=h.start, end=h.end,
                               message=f"{h.rule.message} ({h.rule.law})" + (" 해당 표현을 삭제했습니다." if fixed else ""),
                               suggestion=h.rule.suggestion))
    return out


def scan_posting_law(posting: Posting, company_context: str) -> list[LawHit]:
    langs = ("en", "ko") if posting.language == "en" else ("ko",)
    return scan_law(posting.to_markdown(), company_context, languages=langs)


def missing_sections(posting: Posting) -> list[Finding]:
    headings = SECTION_HEADINGS[posting.language]
    return [Finding(rule_id="OUT-SECTION-001", severity="warning", span=None,
                    message=f"필수 섹션 '{headings[k]}'이(가) 없습니다.", suggestion=f"'{headings[k]}' 섹션을 추가하세요.")
            for k in REQUIRED_SECTIONS if not posting.sections.get(k, "").strip()]


def on_job_finding(posting: Posting, job: JobCode) -> Finding | None:
    """The title and duties must mention the requested job in some recognisable way."""
    text = (posting.title + "\n" + posting.sections.get("duties", "")).lower()
    names = (job.name_ko, job.name_en, *job.keywords)
    if any(n.lower() in text for n in names):
        return None
    return Finding(rule_id="OUT-ONJOB-001", severity="error", span=posting.title,
                   message=f"공고가 요청한 직무({job.name_ko})에 관한 내용이 아닌 것으로 보입니다.",
                   suggestion=f"제목과 주요업무를 {job.name_ko} 직무에 맞게 고치세요.")


def grounding_findings(claims, removed: bool, suggested: set[str] | frozenset[str] = frozenset()) -> list[Finding]:
    """`suggested`: lower-cased skills the job's pool suggested; such a skill is marked as a
    suggestion to confirm, not as a claim without a source."""
    out = []
    for c in claims:
        if c.kind == "skill" and c.text.lower() in suggested:
            out.append(Finding(rule_id="OUT-GROUND-003", severity="info", span=c.text,
                               message=f"'{c.text}'은(는) 스킬 풀이 제안한 업계 공통 기술로, 회사 자료에는 없습니다.",
                               suggestion="회사에서 실제로 쓰는 기술일 때만 남기세요."))
            continue
        if c.kind == "number":
            out.append(Finding(rule_id="OUT-GROUND-001", severity="error", span=c.text,
                               message=f"회사 자료·과거 공고·요청 어디에도 없는 수치입니다: '{c.text}'"
                               + (" 해당 줄을 삭제했습니다." if removed else ""),
                               suggestion="근거가 있는 수치만 쓰거나 '회사 내규에 따름'으로 바꾸세요."))
        else:
            out.append(Finding(rule_id="OUT-GROUND-002", severity="warning", span=c.text,
                               message=f"회사 자료·과거 공고·요청에 없는 기술입니다: '{c.text}'",
                               suggestion="이 직무에 실제로 필요한 기술인지 확인하세요."))
    return out
