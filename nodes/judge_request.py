"""Custom path, third branch: with a model configured, a small-model judge reviews the request as well
as the rules did (run beside understanding, so it adds no wait before writing starts)."""
from __future__ import annotations

from core.schemas import Finding
from graph.deps import Deps
from graph.state import PostingState
from guards.judge import JudgeError, judge_request

JUDGE_REJECT = {"off_domain": "채용공고 작성과 관계없는 요청으로 판정되었습니다.",
                "injection": "시스템 지시를 바꾸거나 내부·타사 정보를 요구하는 요청으로 판정되었습니다.",
                "abusive": "욕설·혐오 표현이 있는 요청으로 판정되었습니다."}


def judge_applies(deps: Deps, state: PostingState) -> bool:
    return deps.models.small is not None and deps.settings.judge_enabled and bool((state.get("request") or "").strip())


def make_judge_request(deps: Deps):
    async def judge_request_node(state: PostingState) -> dict:
        if not judge_applies(deps, state):
            return {}
        language = state.get("language") or "ko"
        ctx = deps.company_context(state["company_id"], state["job_code"])
        # The judge sees the request with registry entries removed, like every model call.
        judged = ctx.matcher.mask_for_model(state.get("request") or "", language, mode="span")
        findings = list(state.get("request_findings") or [])
        classes, verdict = list(state.get("guard_classes") or []), state.get("verdict") or "allow"
        try:
            verdict_j, used, prompt_id = await judge_request(deps.models.small, judged)
        except JudgeError as exc:
            # Request side: the rules' verdict stands; the output side still fails closed.
            findings.append(Finding(rule_id="IN-JUDGE-ERR", severity="info", where="request",
                                    message=f"모델 판정을 받지 못해 규칙 검사 결과로 진행합니다: {str(exc)[:120]}").model_dump())
            return {"request_findings": findings}
        rejected = [c for c in verdict_j.classes if c in JUDGE_REJECT]
        if rejected:
            findings.append(Finding(rule_id="IN-JUDGE-001", severity="critical", where="request",
                                    message=f"{JUDGE_REJECT[rejected[0]]} ({prompt_id}: {verdict_j.reason})").model_dump())
            return {"status": "rejected", "verdict": "reject", "guard_classes": [rejected[0]], "request_findings": findings,
                    "rejection": JUDGE_REJECT[rejected[0]] + " 채용공고에 관한 내용만 요청해 주세요.",
                    "usage": used.model_dump()}
        for cls in verdict_j.classes:
            if cls not in classes:
                classes = [c for c in classes if c != "hiring"] + [cls]
                verdict = "allow_with_fix"
                findings.append(Finding(rule_id="IN-JUDGE-002", severity="warning", where="request",
                                        message=f"모델 판정: {cls} ({prompt_id}: {verdict_j.reason}). "
                                        "해당 내용은 공고에 넣지 않으며 출력 검사가 확인합니다.").model_dump())
        return {"verdict": verdict, "guard_classes": classes, "request_findings": findings, "usage": used.model_dump()}

    return judge_request_node
