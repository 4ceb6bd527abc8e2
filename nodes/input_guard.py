"""Step 1: screen the request; reject, or pass on a masked, lawful version of it."""
from __future__ import annotations

from core.jobcodes import get_job
from core.levels import normalize_level
from core.schemas import Finding
from graph.deps import Deps
from graph.state import PostingState
from guards.judge import JudgeError, judge_request
from guards.text import is_english
from guards.validators import screen_with_guardrails

_JUDGE_REJECT = {"off_domain": "채용공고 작성과 관계없는 요청으로 판정되었습니다.",
                 "injection": "시스템 지시를 바꾸거나 내부·타사 정보를 요구하는 요청으로 판정되었습니다.",
                 "abusive": "욕설·혐오 표현이 있는 요청으로 판정되었습니다."}


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
        ctx = deps.company_context(state["company_id"], state["job_code"])
        verdict, classes, notices = result.verdict, list(result.classes), [result.message] if result.message else []
        hits = ctx.matcher.find(result.sanitized)
        if hits:
            # The request names a registered confidential item: it is masked and left out.
            verdict = "allow_with_fix"
            classes = [c for c in classes if c != "hiring"] + (["sensitive_request"] if "sensitive_request" not in classes else [])
            for h in hits:
                findings.append(Finding(rule_id="IN-SENSITIVE-002", severity="warning", where="request", span=None,
                                        message=("요청에 회사의 비공개 정보가 있어 가리고 작성합니다." if language == "ko"
                                                 else "The request names confidential company information; it is left out."),
                                        suggestion="공개된 정보만 요청하세요.").model_dump())
            notices.append("요청에 포함된 비공개 정보는 공고에 넣지 않습니다." if language == "ko"
                           else "Confidential items named in the request are left out of the posting.")
        masked = ctx.matcher.mask_for_model(result.sanitized, language, mode="span")
        usage: dict = {}
        small = deps.models.small
        if small is not None and deps.settings.judge_enabled and (state.get("request") or "").strip():
            # The judge sees the request with registry entries removed, like every model call.
            judged = ctx.matcher.mask_for_model(request, language, mode="span")
            try:
                verdict_j, used, prompt_id = await judge_request(small, judged)
                usage = used.model_dump()
                rejected = [c for c in verdict_j.classes if c in _JUDGE_REJECT]
                if rejected:
                    findings.append(Finding(rule_id="IN-JUDGE-001", severity="critical", where="request",
                                            message=f"{_JUDGE_REJECT[rejected[0]]} ({prompt_id}: {verdict_j.reason})").model_dump())
                    out = reject(_JUDGE_REJECT[rejected[0]] + " 채용공고에 관한 내용만 요청해 주세요.", [rejected[0]], findings)
                    return {**out, "usage": usage}
                for cls in verdict_j.classes:
                    if cls not in classes:
                        classes = [c for c in classes if c != "hiring"] + [cls]
                        verdict = "allow_with_fix"
                        findings.append(Finding(rule_id="IN-JUDGE-002", severity="warning", where="request",
                                                message=f"모델 판정: {cls} ({prompt_id}: {verdict_j.reason}). "
                                                "해당 내용은 공고에 넣지 않으며 출력 검사가 확인합니다.").model_dump())
            except JudgeError as exc:
                # Request side: the rules' verdict stands; the output side still fails closed.
                findings.append(Finding(rule_id="IN-JUDGE-ERR", severity="info", where="request",
                                        message=f"모델 판정을 받지 못해 규칙 검사 결과로 진행합니다: {str(exc)[:120]}").model_dump())
        update: dict = {"status": "running", "rejection": None, "verdict": verdict, "guard_classes": classes,
                        "request_findings": findings, "masked_request": masked, "language": language, "level": level}
        if notices:
            update["notices"] = notices
        if usage:
            update["usage"] = usage
        return update

    return input_guard
