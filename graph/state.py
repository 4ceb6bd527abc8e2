from __future__ import annotations

import operator
from typing import Annotated, Any

from typing_extensions import TypedDict  # pydantic (LangServe schemas) needs this TypedDict on 3.11


def add_usage(a: dict | None, b: dict | None) -> dict:
    a, b = a or {}, b or {}
    return {k: int(a.get(k, 0)) + int(b.get(k, 0)) for k in ("prompt_tokens", "completion_tokens", "llm_calls")}


class PostingState(TypedDict, total=False):
    # --- input ---
    company_id: str
    job_code: str
    level: str | None
    request: str
    mode: str | None  # "template" | "custom" | None (let the intent node decide)
    style: str | None  # template style to put forward: concise | detailed | past_style
    language: str | None  # "ko" | "en" | None (detect from the request)
    # --- input guard ---
    status: str  # running | rejected | pending_review | approved | rejected_by_reviewer | blocked
    rejection: str | None
    verdict: str
    guard_classes: list[str]
    request_findings: list[dict]
    masked_request: str
    notices: Annotated[list[str], operator.add]
    # --- routing and understanding ---
    route: str
    entities: dict
    skill_suggestions: list[dict]  # pool skills the company's data lacks, for the reviewer
    brief: str
    retrieval: dict
    context: list[str]
    # --- output ---
    drafts: dict[str, str]
    posting: str
    generator: str
    output_findings: list[dict]
    validation: dict
    review: dict
    review_diff: str  # reviewer's edit -> the fixed text awaiting confirmation
    final_posting: str | None
    usage: Annotated[dict, add_usage]
    thread_id: str
    extra: dict[str, Any]
