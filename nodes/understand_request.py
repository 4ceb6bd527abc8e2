"""Custom path, second branch: entity extraction and query rewriting in one structured small-model
call (rules alone offline), merged with what the company's data says about the job."""
from __future__ import annotations

import json
import logging
import re

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import ValidationError

from authoring.brief import compose_brief
from authoring.extraction import extract_baseline, extract_from_request, merge_entities
from core.jobcodes import JOB_CODES
from core.levels import LEVELS
from core.schemas import JobEntities, Usage
from graph.deps import Deps
from graph.state import PostingState
from llm.accounting import prompt_config
from llm.models import usage_of
from prompts import load_prompt

log = logging.getLogger(__name__)
_JSON = re.compile(r"\{.*\}", re.DOTALL)
PROMPT = "understand_request"


class Understanding(JobEntities):
    """The small model's reply: what the request asks for, and a brief for the writer."""

    brief: str | None = None


def parse_understanding(text: str) -> Understanding | None:
    m = _JSON.search(text)
    if not m:
        return None
    try:
        data = json.loads(m.group(0))
        if not isinstance(data, dict):
            return None
        fields = Understanding.model_fields
        for key, value in list(data.items()):
            # Models sometimes return a string where a list is expected.
            if key in fields and isinstance(value, str) and fields[key].annotation == list[str]:
                data[key] = [value]
        return Understanding.model_validate({k: v for k, v in data.items() if k in fields})
    except (json.JSONDecodeError, ValidationError):
        return None


def parse_entities(text: str) -> JobEntities | None:
    parsed = parse_understanding(text)
    return JobEntities.model_validate(parsed.model_dump(exclude={"brief"})) if parsed is not None else None


def mask_entities(entities: JobEntities, mask) -> JobEntities:
    data: dict = {}
    for key, value in entities.model_dump().items():
        if isinstance(value, list):
            data[key] = [m for m in (mask(str(v)).strip() for v in value) if m]
        elif isinstance(value, str):
            data[key] = mask(value).strip() or None
        else:
            data[key] = value
    return JobEntities.model_validate(data)


def make_understand_request(deps: Deps):
    async def understand_request(state: PostingState) -> dict:
        language = state.get("language") or "ko"
        ctx = deps.company_context(state["company_id"], state["job_code"])
        job = JOB_CODES[state["job_code"]]
        mask = lambda t: ctx.matcher.mask_for_model(t, language)  # noqa: E731
        masked = ctx.masked(language)
        baseline = extract_baseline(job, state.get("level"), masked.profile, masked.past, language, masked.all_postings,
                                    masked.doc_facts)
        request = state.get("masked_request", "")
        from_request = extract_from_request(request)
        lv = LEVELS.get(state.get("level") or "")
        level_label = (lv.label_ko if language == "ko" else lv.label_en) if lv else None
        usage, model_brief, source = Usage(), None, "rules"
        if deps.models.small is not None and request.strip():
            prompt = load_prompt(PROMPT)
            system, user = prompt.render(language_name="Korean" if language == "ko" else "English", job_name=job.name_ko,
                                         job_code=job.code, level=level_label or "-", request=request)
            msg = await deps.models.small.ainvoke([SystemMessage(system), HumanMessage(user)],
                                                  config=prompt_config(prompt))
            usage = usage_of(msg)
            parsed = parse_understanding(str(msg.content))
            if parsed is None:
                log.warning("request understanding reply was not valid JSON; using the rules")
            else:
                source = f"model:{prompt.id}"
                model_brief = (parsed.brief or "").strip() or None
                from_request = merge_entities(from_request, JobEntities.model_validate(parsed.model_dump(exclude={"brief"})))
        # Whatever the model returned is masked again, field by field (masking JSON text could
        # drop a clause across its punctuation): it must not reintroduce a sensitive entity.
        entities = mask_entities(merge_entities(baseline, from_request), mask)
        # Pool skills the company's data lacks: for the reviewer, beside the posting (not in it).
        suggestions = deps.skill_suggestions(state["job_code"], ctx.grounding_sources(request), language)
        brief = model_brief or compose_brief(job, level_label, request, entities, language,
                                             [s["skill"] for s in suggestions])
        brief = mask(brief)
        understood = {"source": source, "entities": mask_entities(from_request, mask).model_dump(exclude_defaults=True),
                      "brief": brief}
        return {"entities": entities.model_dump(), "brief": brief, "usage": usage.model_dump(),
                "skill_suggestions": suggestions, "understood": understood}

    return understand_request
