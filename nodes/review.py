"""Step 8: the reviewer approves, edits or rejects. The run is stored when it reaches review
(never earlier, so nothing half-written is kept) and updated with the decision."""
from __future__ import annotations

from langgraph.types import interrupt

from core.schemas import ReviewDecision
from graph.deps import Deps
from graph.state import PostingState
from nodes.validate_output import check_posting


def make_review(deps: Deps):
    def review(state: PostingState, config) -> dict:
        thread_id = config["configurable"]["thread_id"]
        base = dict(thread_id=thread_id, company_id=state["company_id"], job_code=state["job_code"],
                    level=state.get("level"), route=state.get("route", ""), request=state.get("masked_request", ""),
                    draft_markdown=state.get("posting", ""),
                    findings=(state.get("request_findings") or []) + (state.get("output_findings") or []),
                    usage=state.get("usage") or {})
        if deps.repo.get_run(thread_id) is None:
            deps.repo.upsert_run(status="pending_review", **base)

        raw = interrupt({"thread_id": thread_id, "posting": state.get("posting", ""),
                         "findings": base["findings"], "actions": ["approve", "edit", "reject"]})
        decision = ReviewDecision.model_validate(raw)
        if decision.action == "reject":
            deps.repo.upsert_run(**base, status="rejected", final_markdown=None, reviewer_comment=decision.comment)
            return {"status": "rejected_by_reviewer", "final_posting": None, "review": decision.model_dump()}

        final, findings = state.get("posting", ""), []
        if decision.action == "edit":
            # An edit is checked like generated text: it cannot reintroduce a leak or unlawful wording.
            final, findings, status = check_posting(deps, state, decision.edited_posting or "")
            if status == "blocked":
                deps.repo.upsert_run(**{**base, "findings": base["findings"] + findings}, status="blocked",
                                     final_markdown=None, reviewer_comment=decision.comment)
                return {"status": "blocked", "final_posting": None, "review": decision.model_dump(),
                        "output_findings": (state.get("output_findings") or []) + findings}
        deps.repo.upsert_run(**{**base, "findings": base["findings"] + findings}, status="approved",
                             final_markdown=final, reviewer_comment=decision.comment)
        return {"status": "approved", "final_posting": final, "review": decision.model_dump(),
                "output_findings": (state.get("output_findings") or []) + findings}

    return review
