"""Step 8: the reviewer approves, edits or rejects — and approves exactly what is published.

A writer may revise the draft while it waits: the revision is checked like an edit and the
thread stays pending review.

The run is stored when it reaches review (never earlier, so nothing half-written is kept) and
updated with each decision. An edit that passes every check is approved as written. An edit that
needs any fix is not approved: the thread goes back to review with the fixed text, the findings
and a diff, so approving means confirming the exact text that will be published."""
from __future__ import annotations

import difflib

from langgraph.types import interrupt

from core.schemas import Posting, ReviewDecision
from graph.deps import Deps
from graph.state import PostingState
from nodes.validate_output import check_posting


def edit_diff(before: str, after: str) -> str:
    """Unified diff from the reviewer's text to the text that would be published."""
    return "".join(difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                        fromfile="reviewer_edit", tofile="to_publish"))


def make_review(deps: Deps):
    def review(state: PostingState, config) -> dict:
        thread_id = config["configurable"]["thread_id"]
        base = dict(thread_id=thread_id, company_id=state["company_id"], job_code=state["job_code"],
                    level=state.get("level"), route=state.get("route", ""), request=state.get("masked_request", ""),
                    draft_markdown=state.get("posting", ""),
                    findings=(state.get("request_findings") or []) + (state.get("output_findings") or []),
                    usage=state.get("usage") or {})
        run = deps.repo.get_run(thread_id)
        if run is None or run.draft_markdown != base["draft_markdown"]:
            deps.repo.upsert_run(status="pending_review", **base)

        raw = interrupt({"thread_id": thread_id, "posting": state.get("posting", ""),
                         "findings": base["findings"], "diff": state.get("review_diff") or "",
                         "actions": ["approve", "edit", "reject", "revise"]})
        decision = ReviewDecision.model_validate(raw)
        if decision.action == "reject":
            deps.repo.upsert_run(**base, status="rejected", final_markdown=None, reviewer_comment=decision.comment)
            return {"status": "rejected_by_reviewer", "final_posting": None, "review": decision.model_dump()}

        if decision.action == "approve":
            final = state.get("posting", "")
            deps.repo.upsert_run(**base, status="approved", final_markdown=final, reviewer_comment=decision.comment)
            return {"status": "approved", "final_posting": final, "review": decision.model_dump(), "review_diff": ""}

        # An edit is checked like generated text: it cannot reintroduce a leak or unlawful wording.
        language = state.get("language") or "ko"
        edited = decision.edited_posting or ""
        as_written = Posting.from_markdown(edited, language).to_markdown()  # type: ignore[arg-type]
        fixed, findings, status = check_posting(deps, state, edited, fill_missing=False)
        if decision.action == "revise":
            # Never approved here; a revision that cannot be fixed leaves the draft as it was.
            kept = state.get("posting", "") if status == "blocked" else fixed
            deps.repo.upsert_run(**{**base, "draft_markdown": kept}, status="pending_review")
            return {"status": "pending_review", "posting": kept, "review": decision.model_dump(), "output_findings": findings,
                    "review_diff": edit_diff(as_written, kept) if kept.strip() != as_written.strip() else ""}
        if status == "blocked":
            deps.repo.upsert_run(**{**base, "findings": base["findings"] + findings}, status="blocked",
                                 final_markdown=None, reviewer_comment=decision.comment)
            return {"status": "blocked", "final_posting": None, "review": decision.model_dump(),
                    "output_findings": (state.get("output_findings") or []) + findings}
        if fixed.strip() == as_written.strip() and status == "passed":
            deps.repo.upsert_run(**{**base, "draft_markdown": fixed, "findings": base["findings"] + findings},
                                 status="approved", final_markdown=fixed, reviewer_comment=decision.comment)
            return {"status": "approved", "final_posting": fixed, "posting": fixed, "review": decision.model_dump(),
                    "output_findings": (state.get("output_findings") or []) + findings, "review_diff": ""}
        # Needs a fix: back to review with the fixed text; nothing is approved yet.
        return {"status": "pending_review", "posting": fixed, "review": decision.model_dump(),
                "output_findings": findings, "review_diff": edit_diff(as_written, fixed)}

    return review
