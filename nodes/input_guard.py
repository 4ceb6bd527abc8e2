"""Step 1: screen the request with the rules; reject, or pass on a masked, lawful version of it
and what the rules read from it (the model judge, when configured, runs later beside
understanding: nodes.judge_request)."""
from __future__ import annotations

from authoring.extraction import rules_understanding
from core.jobcodes import get_job
from core.levels import normalize_level
from core.schemas import Finding
from graph.deps import Deps
from graph.progress import send_progress
from graph.state import PostingState
from guards.confidential import secret_sentences
from guards.text import drop_clauses, is_english
from guards.validators import screen_with_guardrails

def make_input_guard(deps: Deps):
    async def input_guard(state: PostingState) -> dict:
        request = state.get("request") or ""
        language = state.get("language") or ("en" if is_english(request) else "ko")

        def reject(message: str, classes: list[str], findings: list[dict] | None = None) -> dict:
            return {"status": "rejected", "rejection": message, "verdict": "reject", "guard_classes": classes,
                    "request_findings": findings or [], "language": language}

        if deps.repo.get_company(state.get("company_id", "")) is None:
            return reject(f"알 수 없는 회사입니다: {state.get('company_id')!r}", ["bad_input"])
        if get_job(state.get("job_code", "")) is None:
            return reject(f"지원하지 않는 직무 코드입니다: {state.get('job_code')!r}", ["bad_input"])
        try:
            level = normalize_level(state.get("level"))
        except ValueError as exc:
            return reject(str(exc), ["bad_input"])
        if len(request) > deps.settings.max_request_chars:
            return reject(f"요청이 너무 깁니다 ({len(request)}자, 최대 {deps.settings.max_request_chars}자).", ["bad_input"])

        result = screen_with_guardrails(request, language)
        findings = [f.model_dump() for f in result.findings]
        if result.verdict == "reject":
            return reject(result.message, result.classes, findings)
        verdict, classes, notices = result.verdict, list(result.classes), [result.message] if result.message else []
        if not request.strip():
            # Nothing to screen against the registry or to mask (the ready-drafts path): skip
            # loading the company's data here.
            return {"status": "running", "rejection": None, "verdict": verdict, "guard_classes": classes,
                    "request_findings": findings, "masked_request": "", "language": language, "level": level,
                    **({"notices": notices} if notices else {})}
        ctx = deps.company_context(state["company_id"], state["job_code"])
        hits = ctx.matcher.find(result.sanitized)
        # A registered secret in a sentence the screen already dropped is still named in the
        # finding (by category): the user learns why, whichever step took it out.
        named = hits or ctx.matcher.find(request)
        if named:
            # The request names a registered confidential item: it is masked and left out.
            verdict = "allow_with_fix"
            classes = [c for c in classes if c != "hiring"] + (["sensitive_request"] if "sensitive_request" not in classes else [])
            for _ in named:
                findings.append(Finding(rule_id="IN-SENSITIVE-002", severity="warning", where="request", span=None,
                                        message=("요청에 회사의 비공개 정보가 있어 가리고 작성합니다." if language == "ko"
                                                 else "The request names confidential company information; it is left out."),
                                        suggestion="공개된 정보만 요청하세요.").model_dump())
            notices.append("요청에 포함된 비공개 정보는 공고에 넣지 않습니다." if language == "ko"
                           else "Confidential items named in the request are left out of the posting.")
        sanitized = result.sanitized
        if hits:
            # The sentence naming a registered secret goes, and so does any sentence that restates
            # what it says ("HS-X9 폴더블 양산 일정 지연 건 … '양산 일정 지연에 따른 …'로 적어 주세요").
            sanitized = drop_clauses(sanitized, secret_sentences(sanitized, [(h.start, h.end) for h in hits])) or sanitized
        masked = ctx.matcher.mask_for_model(sanitized, language, mode="span")
        # What the rules read from the screened, masked request goes out at once: the first progress
        # the user sees, before anything is composed or any model has answered.
        understood = rules_understanding(masked)
        send_progress(understood=understood)
        update: dict = {"status": "running", "rejection": None, "verdict": verdict, "guard_classes": classes,
                        "request_findings": findings, "masked_request": masked, "language": language, "level": level,
                        "understood": understood}
        if notices:
            update["notices"] = notices
        return update

    return input_guard
