"""What clients see of a thread's state."""
from __future__ import annotations

PUBLIC_KEYS = ("status", "route", "verdict", "guard_classes", "rejection", "notices", "style", "generator",
               "posting", "drafts", "validation", "final_posting", "retrieval", "language", "level", "review_diff",
               "skill_suggestions")


def public_view(thread_id: str, values: dict, interrupted: bool) -> dict:
    view = {k: values.get(k) for k in PUBLIC_KEYS}
    view["thread_id"] = thread_id
    view["notices"] = list(dict.fromkeys(values.get("notices") or []))
    view["findings"] = (values.get("request_findings") or []) + (values.get("output_findings") or [])
    view["usage"] = values.get("usage") or {"prompt_tokens": 0, "completion_tokens": 0, "llm_calls": 0}
    if interrupted:
        view["status"] = "pending_review"
    return view
