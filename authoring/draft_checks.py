"""Validation of stored template drafts: done when drafts are stored, and again only when what it
depends on changes (guard rules, the company's registry and data, the judge), so the template
route serves checked text without checking it on every request."""
from __future__ import annotations

import hashlib
import json
from functools import lru_cache

from core.config import REPO_ROOT
from core.levels import LEVELS
from graph.deps import CompanyContext, Deps
from graph.state import PostingState

# Everything the output checks read: the guard code and its data files.
_RULE_SOURCES = ("guards", "core", "data/skill_aliases.json", "data/job_profiles.json")


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A digest of the checking code and data: a deploy that changes a rule re-checks every draft."""
    h = hashlib.sha256()
    for name in _RULE_SOURCES:
        root = REPO_ROOT / name
        files = sorted(root.rglob("*")) if root.is_dir() else [root]
        for path in files:
            if path.is_file() and path.suffix in (".py", ".json", ".txt", ".md") and "__pycache__" not in path.parts:
                h.update(str(path.relative_to(REPO_ROOT)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


def check_key(deps: Deps, ctx: CompanyContext, level: str | None, language: str) -> str:
    """What a draft's validation depends on besides its own text."""
    h = hashlib.sha256(rules_version().encode())
    h.update(json.dumps([e.model_dump() for e in ctx.matcher.entities], ensure_ascii=False, sort_keys=True, default=str).encode())
    lv = LEVELS.get(level or "")
    h.update(ctx.grounding_sources("", f"{lv.years_ko} {lv.years_en}" if lv else "").encode())
    h.update(ctx.text_for_law_exceptions().encode())
    judge = deps.models.small is not None and deps.settings.judge_enabled
    if judge:
        from prompts import load_prompt

        h.update(f"judge:{deps.models.name('small')}:{load_prompt('judge_posting').id}".encode())
    h.update(f"{level}|{language}".encode())
    return h.hexdigest()


def _state(company_id: str, job_code: str, level: str | None, language: str) -> PostingState:
    return {"company_id": company_id, "job_code": job_code, "level": level, "language": language, "masked_request": ""}


async def checked_drafts(deps: Deps, state: PostingState, ctx: CompanyContext | None = None
                         ) -> tuple[dict[str, tuple[str, list[dict], str]], dict]:
    """style -> (validated text, findings, status) for the stored drafts of the state's key, and the
    model usage of any check that had to run now."""
    from nodes.validate_output import validate_text

    company_id, job_code, level = state["company_id"], state["job_code"], state.get("level")
    language = state.get("language") or "ko"
    ctx = ctx or deps.company_context(company_id, job_code)
    key = check_key(deps, ctx, level, language)
    rows = deps.repo.get_drafts(company_id, job_code, level or "any", language)
    out: dict[str, tuple[str, list[dict], str]] = {}
    usage: dict[str, int] = {}
    for style, row in rows.items():
        if row.check_key == key and row.check_result:
            r = row.check_result
            out[style] = (r["text"], r["findings"], r["status"])
            continue
        text, findings, status, used = await validate_text(deps, _state(company_id, job_code, level, language),
                                                           row.markdown, ctx)
        for k, v in used.items():
            usage[k] = usage.get(k, 0) + int(v)
        out[style] = (text, findings, status)
        if status != "judge_failed":  # a judge outage is not a verdict: check again next time
            deps.repo.save_draft_check(draft_id=row.id, markdown=row.markdown, check_key=key,
                                       result={"text": text, "findings": findings, "status": status})
    return out, usage


async def check_stored_drafts(deps: Deps, company_id: str, job_code: str, level: str | None,
                              language: str = "ko") -> dict:
    """Validate a key's drafts right after they are stored; returns the model usage."""
    _, usage = await checked_drafts(deps, _state(company_id, job_code, level, language))
    return usage
