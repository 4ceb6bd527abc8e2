"""Step 3: structured extraction from the request, the past postings and the company info."""
from __future__ import annotations

import json
import logging
import re

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import ValidationError

from authoring.extraction import extract_baseline, extract_from_request, merge_entities
from core.jobcodes import JOB_CODES
from core.schemas import JobEntities, Usage
from graph.deps import Deps
from graph.state import PostingState
from llm.models import usage_of
from prompts import load_prompt

log = logging.getLogger(__name__)
_JSON = re.compile(r"\{.*\}", re.DOTALL)


def parse_entities(text: str) -> JobEntities | None:
    m = _JSON.search(text)
    if not m:
        return None
    try:
        data = json.loads(m.group(0))
        # Models sometimes return a string where a list is expected.
        for key, value in list(data.items()):
            if key in JobEntities.model_fields and isinstance(value, str) and \
                    JobEntities.model_fields[key].annotation == list[str]:
                data[key] = [value]
        return JobEntities.model_validate({k: v for k, v in data.items() if k in JobEntities.model_fields})
    except (json.JSONDecodeError, ValidationError):
        return None


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


def make_extract_entities(deps: Deps):
    async def extract_entities(state: PostingState) -> dict:
        language = state.get("language") or "ko"
        ctx = deps.company_context(state["company_id"], state["job_code"])
        job = JOB_CODES[state["job_code"]]
        mask = lambda t: ctx.matcher.mask_for_model(t, language)  # noqa: E731
        masked = ctx.masked(language)
        profile, past = masked.profile, masked.past
        baseline = extract_baseline(job, state.get("level"), profile, past, language, masked.all_postings, masked.doc_facts)
        request = state.get("masked_request", "")
        from_request = extract_from_request(request)
        usage = Usage()
        if deps.models.small is not None and request.strip():
            system, user = load_prompt("extract_entities").render(
                job_name=job.name_ko, job_code=job.code, level=state.get("level") or "-", request=request,
                company=profile.intro, past_postings="\n\n".join(p.as_posting().to_markdown() for p in past[:3]) or "-")
            msg = await deps.models.small.ainvoke([SystemMessage(system), HumanMessage(user)])
            usage = usage_of(msg)
            parsed = parse_entities(str(msg.content))
            if parsed is None:
                log.warning("entity extraction reply was not valid JSON; using rule-based extraction")
            else:
                from_request = merge_entities(from_request, parsed)
        entities = merge_entities(baseline, from_request)
        # Whatever the model returned is masked again, field by field (masking JSON text could
        # drop a clause across its punctuation): it must not reintroduce a sensitive entity.
        entities = mask_entities(entities, mask)
        # Pool skills the company's data lacks: for the reviewer, beside the posting (not in it).
        suggestions = deps.skill_suggestions(state["job_code"], ctx.grounding_sources(request), language)
        return {"entities": entities.model_dump(), "usage": usage.model_dump(), "skill_suggestions": suggestions}

    return extract_entities
