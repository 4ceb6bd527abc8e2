"""The exact-match response cache's key and value: an identical normalized request for the same
company, job, level, language and style, on the same data, rules, prompts and models, reuses the
posting a model wrote before (then validated again) instead of paying for it twice."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata

from graph.deps import CompanyContext, Deps
from graph.state import PostingState

# What a cached run carries besides the posting: what was read from the request and retrieved,
# so validation (grounding, suggestions) sees what it saw the first time.
CARRIED = ("posting", "generator", "entities", "brief", "context", "retrieval", "skill_suggestions", "opening")
_PROMPTS = ("understand_request", "generate_posting", "judge_request")


def normalize_request(text: str) -> str:
    """Width, case and spacing do not make a different request; trailing punctuation neither."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return re.sub(r"\s+", " ", text).strip().rstrip(".!?。 ")


def response_key(deps: Deps, state: PostingState, ctx: CompanyContext | None = None) -> str:
    from authoring.draft_checks import check_key
    from prompts import load_prompt

    ctx = ctx or deps.company_context(state["company_id"], state["job_code"])
    language = state.get("language") or "ko"
    parts = {
        "company": state["company_id"], "job": state["job_code"], "level": state.get("level"), "language": language,
        "style": state.get("style"), "request": normalize_request(state.get("masked_request") or ""),
        # Rules, registry, company data and judge: anything that changes them makes a new key.
        "data": check_key(deps, ctx, state.get("level"), language),
        "past": [p.as_posting().to_markdown() for p in ctx.past],
        "prompts": [load_prompt(n).id for n in _PROMPTS],
        "models": [deps.models.name("small"), deps.models.name("large")],
    }
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False, sort_keys=True, default=str).encode()).hexdigest()


def cache_applies(deps: Deps, state: PostingState) -> bool:
    """Only model-written custom postings are worth keeping; a caller may ask for a fresh one."""
    cache = deps.response_cache
    return (cache is not None and cache.enabled and not deps.models.offline and state.get("reuse", True) is not False
            and state.get("route") == "custom" and bool((state.get("masked_request") or "").strip()))


def remember(deps: Deps, state: PostingState, ctx: CompanyContext | None = None) -> None:
    """Keep a model-written posting that passed validation, keyed by its request (`ctx`: the
    company's data as the caller already loaded it)."""
    if not cache_applies(deps, state) or not str(state.get("generator") or "").startswith("llm:"):
        return
    if (state.get("understood") or {}).get("source") == "cache":
        return  # served from the cache: keep the entry's age (the TTL counts from when it was written)
    value = {k: state.get(k) for k in CARRIED}
    deps.response_cache.put(key=response_key(deps, state, ctx), company_id=state["company_id"], value=value)
