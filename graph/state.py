from __future__ import annotations

import operator
from typing import Annotated, Any

from typing_extensions import TypedDict  # pydantic (LangServe schemas) needs this TypedDict on 3.11


def add_usage(a: dict | None, b: dict | None) -> dict:
    a, b = a or {}, b or {}
    return {k: int(a.get(k, 0)) + int(b.get(k, 0)) for k in ("prompt_tokens", "completion_tokens", "llm_calls")}


def prefer_model_reading(a: dict | None, b: dict | None) -> dict:
    """The opening (rules) and the small model both say what they read from the request, in the
    same step: the model's reading wins whichever lands last."""
    if not a or not b:
        return b or a or {}
    return a if b.get("source") == "rules" and a.get("source") != "rules" else b


class PostingState(TypedDict, total=False):
    # --- input ---
    company_id: str
    job_code: str
    level: str | None
    request: str
    mode: str | None  # "template" | "custom" | None (let the intent node decide)
    style: str | None  # template style to put forward: concise | detailed | past_style
    language: str | None  # "ko" | "en" | None (detect from the request)
    reuse: bool  # False: write anew even if an identical request was answered (default True)
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
    understood: Annotated[dict, prefer_model_reading]  # what was read from the request, for progress
    opening: str  # the posting's title (and Korean introduction), streamed before the writer starts
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
