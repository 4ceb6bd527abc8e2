"""Step 4: request + entities -> a precise generation brief."""
from __future__ import annotations

from langchain_core.messages import HumanMessage, SystemMessage

from authoring.brief import compose_brief
from core.jobcodes import JOB_CODES
from core.levels import LEVELS
from core.schemas import JobEntities, Usage
from graph.deps import Deps
from graph.state import PostingState
from llm.models import usage_of
from prompts import load_prompt


def make_rewrite_query(deps: Deps):
    async def rewrite_query(state: PostingState) -> dict:
        language = state.get("language") or "ko"
        job = JOB_CODES[state["job_code"]]
        lv = LEVELS.get(state.get("level") or "")
        level_label = (lv.label_ko if language == "ko" else lv.label_en) if lv else None
        entities = JobEntities.model_validate(state.get("entities") or {})
        request = state.get("masked_request", "")
        suggested = [s["skill"] for s in state.get("skill_suggestions") or []]
        brief = compose_brief(job, level_label, request, entities, language, suggested)
        usage = Usage()
        if deps.models.small is not None and request.strip():
            system, user = load_prompt("rewrite_query").render(
                language_name="Korean" if language == "ko" else "English", job_name=job.name_ko, job_code=job.code,
                level=level_label or "-", request=request, entities=entities.model_dump_json())
            msg = await deps.models.small.ainvoke([SystemMessage(system), HumanMessage(user)])
            usage = usage_of(msg)
            if str(msg.content).strip():
                brief = str(msg.content).strip()
        ctx = deps.company_context(state["company_id"], state["job_code"])
        return {"brief": ctx.matcher.mask_for_model(brief, language), "usage": usage.model_dump()}

    return rewrite_query
