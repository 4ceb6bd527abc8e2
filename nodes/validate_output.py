"""Step 7: check the posting before a reviewer sees it. Fails closed: a sensitive entity is
redacted, and if anything still matches after redaction the run is blocked."""
from __future__ import annotations

from authoring.composer import compose_posting
from authoring.draft_checks import checked_drafts
from authoring.extraction import extract_baseline
from authoring.response_cache import remember
from core.jobcodes import JOB_CODES
from core.levels import LEVELS
from core.schemas import Posting
from graph.deps import CompanyContext, Deps
from graph.state import PostingState
from guards.grounding import drop_lines, unsupported_claims
from guards.output_checks import (
    confidential_findings,
    grounding_findings,
    law_findings,
    missing_sections,
    on_job_finding,
    sensitive_findings,
)
from guards.confidential import scan_confidential_output
from guards.judge import JudgeError, judge_posting, quote_spans
from guards.text import drop_clauses
from guards.validators import enforce_law, redact_sensitive

BLOCKED_BY_JUDGE = {"ko": "출력 검토(모델 판정)를 완료하지 못해 공고를 차단했습니다. 잠시 후 다시 시도해 주세요.",
                    "en": "The posting was blocked: the output review (model judge) could not be completed."}


def check_posting(deps: Deps, state: PostingState, markdown: str,
                  ctx: CompanyContext | None = None, fill_missing: bool = True) -> tuple[str, list[dict], str]:
    """Returns (fixed markdown, findings, status) where status is passed | fixed | blocked.

    fill_missing=False (a reviewer's edit) reports missing sections without putting them back:
    a reviewer who deleted a section meant it."""
    language = state.get("language") or "ko"
    ctx = ctx or deps.company_context(state["company_id"], state["job_code"])
    job = JOB_CODES[state["job_code"]]
    findings = []

    text, hits = redact_sensitive(markdown, ctx.matcher, language)
    findings += sensitive_findings(hits, redacted=True)
    if ctx.matcher.find(text):
        return "", [f.model_dump() for f in findings], "blocked"

    conf = scan_confidential_output(text)
    if conf:
        # Confidential content no registry names: internal hosts/IPs, stated incidents, code names.
        text = drop_clauses(text, [(h.start, h.end) for h in conf])
        findings += confidential_findings(conf)

    langs = ("en", "ko") if language == "en" else ("ko",)
    text, law_hits = enforce_law(text, ctx.text_for_law_exceptions(), langs)
    findings += law_findings(law_hits, fixed=True)

    posting = Posting.from_markdown(text, language)  # type: ignore[arg-type]
    lv = LEVELS.get(state.get("level") or "")
    sources = ctx.grounding_sources(state.get("masked_request", ""), f"{lv.years_ko} {lv.years_en}" if lv else "")
    claims = unsupported_claims(posting, sources)
    if claims:
        posting = drop_lines(posting, [c for c in claims if c.kind == "number"])
        text = posting.to_markdown()
        suggested = {s["skill"].lower() for s in state.get("skill_suggestions") or []}
        findings += grounding_findings(claims, removed=True, suggested=suggested)
    missing = missing_sections(posting)
    if missing and not fill_missing:
        findings += missing
    elif missing:
        # Fill gaps from the deterministic composer (sourced from company data) and say so.
        masked = ctx.masked(language)
        base = compose_posting(masked.profile, job, state.get("level"),
                               extract_baseline(job, state.get("level"), masked.profile, masked.past, language,
                                                masked.all_postings, masked.doc_facts),
                               masked.past, [], "concise", language)
        for f in missing:
            f.suggestion = (f.suggestion or "") + " (회사 자료로 채웠습니다)"
        for key, body in base.sections.items():
            if not posting.sections.get(key, "").strip():
                posting.sections[key] = body
        text = posting.to_markdown()
        findings += missing
    if (f := on_job_finding(posting, job)) is not None:
        findings.append(f)
    changed = any(x.severity in ("critical", "error") for x in findings) or (fill_missing and bool(missing))
    if ctx.matcher.find(text):
        # Fail closed: the text a reviewer sees must itself be clean after every fix.
        return "", [f.model_dump() for f in findings], "blocked"
    return text, [f.model_dump() for f in findings], ("fixed" if changed else "passed")


async def validate_text(deps: Deps, state: PostingState, markdown: str, ctx: CompanyContext,
                        judge: bool = True) -> tuple[str, list[dict], str, dict]:
    """The rules (check_posting) and, with a model configured, the judge: (text, findings, status, usage)."""
    text, findings, status = check_posting(deps, state, markdown, ctx)
    small = deps.models.small
    if status == "blocked" or not judge or small is None or not deps.settings.judge_enabled or not text.strip():
        return text, findings, status, {}
    try:
        verdict_j, used, prompt_id = await judge_posting(small, text)
    except JudgeError as exc:
        # Output side fails closed: an unreviewed posting is never shown.
        findings = findings + [{"rule_id": "OUT-JUDGE-ERR", "severity": "critical", "where": "output",
                                "message": f"모델 판정 실패: {str(exc)[:120]}", "span": None, "start": None,
                                "end": None, "suggestion": None}]
        return "", findings, "judge_failed", {}
    spans = quote_spans(text, [i.quote for i in verdict_j.issues])
    if spans:
        text = drop_clauses(text, spans)
        findings = findings + [{"rule_id": "OUT-JUDGE-001", "severity": "error", "where": "output",
                                "message": f"모델 판정({prompt_id}): {i.kind} — {i.reason} 해당 문장을 삭제했습니다.",
                                "span": None, "start": None, "end": None, "suggestion": None}
                               for i in verdict_j.issues]
        status = "fixed"
    return text, findings, status, used.model_dump()


def _blocked(update: dict, status: str, language: str) -> dict:
    if status == "judge_failed":
        update.update(status="blocked", posting="", drafts={}, rejection=BLOCKED_BY_JUDGE[language],
                      validation={"status": "blocked"})
    else:
        update.update(status="blocked", posting="", drafts={}, validation={"status": "blocked"},
                      rejection="생성된 공고에서 비공개 정보를 제거할 수 없어 차단했습니다." if language == "ko"
                      else "The posting was blocked: confidential information could not be removed.")
    return update


def make_validate_output(deps: Deps):
    async def validate_output(state: PostingState) -> dict:
        ctx = deps.company_context(state["company_id"], state["job_code"])
        language = state.get("language") or "ko"
        if state.get("route") == "template" and not (state.get("masked_request") or "").strip():
            # Ready drafts were validated when they were stored; only a change of rules, registry,
            # company data or judge makes them be checked again.
            checked, usage = await checked_drafts(deps, state, ctx)
            style = state.get("style") or "concise"
            if style in checked:
                text, findings, status = checked[style]
                update: dict = {"output_findings": findings, "validation": {"status": status}}
                if usage:
                    update["usage"] = usage
                if status in ("blocked", "judge_failed"):
                    return _blocked(update, status, language)
                update["posting"] = text
                update["drafts"] = {s: md for s, (md, _, st) in checked.items() if st not in ("blocked", "judge_failed")}
                return update
        text, findings, status, usage = await validate_text(deps, state, state.get("posting", ""), ctx)
        update = {"output_findings": findings, "validation": {"status": status}}
        if usage:
            update["usage"] = usage
        if status in ("blocked", "judge_failed"):
            return _blocked(update, status, language)
        # A model-written posting that passed is kept for an identical request (validated again then).
        remember(deps, state, ctx)
        update["posting"] = text
        if state.get("drafts"):
            # The other styles are shown too, so each gets the same checks (a blocked one is dropped).
            others = {style: check_posting(deps, state, md, ctx) for style, md in state["drafts"].items()}
            update["drafts"] = {style: md for style, (md, _, st) in others.items() if st != "blocked"}
        return update

    return validate_output
