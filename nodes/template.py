"""Template path: serve the stored drafts (3 styles) for company/job/level; generate and store
them first if they do not exist yet."""
from __future__ import annotations

from authoring.composer import NO_PAST_POSTINGS, OFFLINE_LABEL, UNTRANSLATED
from authoring.drafts import write_drafts
from core.schemas import STYLES
from graph.deps import Deps
from graph.state import PostingState


def make_template(deps: Deps):
    async def template(state: PostingState) -> dict:
        company_id, job_code = state["company_id"], state["job_code"]
        level_key = state.get("level") or "any"
        language = state.get("language") or "ko"
        stored = deps.repo.get_drafts(company_id, job_code, level_key, language)
        update: dict = {}
        if set(stored) != set(STYLES):
            drafts, generator, usage = await write_drafts(deps, company_id, job_code, state.get("level"), language)
            deps.repo.save_drafts(company_id, job_code, level_key,
                                  {s: (p.title, p.to_markdown()) for s, p in drafts.items()}, generator, language)
            stored = deps.repo.get_drafts(company_id, job_code, level_key, language)
            update["usage"] = usage  # validate_output checks and stores them before anyone sees them
        style = state.get("style") if state.get("style") in STYLES else "concise"
        generator = stored[style].generator
        notices = [OFFLINE_LABEL[language]] if generator == "offline-composer" else []
        if generator == "offline-composer" and language == "en":
            notices.append(UNTRANSLATED)
        if not deps.repo.list_postings(company_id, job_code):
            notices.append(NO_PAST_POSTINGS[language])
        return {**update, "drafts": {s: d.markdown for s, d in stored.items()}, "posting": stored[style].markdown,
                "style": style, "generator": generator, "notices": notices}

    return template
