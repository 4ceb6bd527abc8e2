"""Step 6: write the posting. With a model, tokens stream as they come; offline, the composer
writes it and the text is streamed in pieces through the custom stream. Everything sent to the
model has the company's sensitive entities masked."""
from __future__ import annotations

import re

from langchain_core.messages import AIMessageChunk, HumanMessage, SystemMessage
from langgraph.config import get_stream_writer

from authoring.composer import NO_PAST_POSTINGS, OFFLINE_LABEL, UNTRANSLATED, compose_posting
from core.jobcodes import JOB_CODES
from core.schemas import SECTION_HEADINGS, SECTION_KEYS, JobEntities, Posting
from graph.deps import Deps
from graph.state import PostingState
from llm.models import usage_of
from prompts import load_prompt

NEEDS_MODEL = {
    "ko": "자연어 맞춤 생성에는 모델 설정이 필요합니다 (JOBPOST_LLM_BASE_URL 또는 JOBPOST_LLM_API_KEY). "
          "지금은 요청에서 추출한 항목을 회사 자료·과거 공고와 조합한 초안을 보여 드립니다.",
    "en": "Natural-language customization needs a configured model (JOBPOST_LLM_BASE_URL or JOBPOST_LLM_API_KEY). "
          "This draft combines what was extracted from your request with the company's data and past postings.",
}


def make_generate(deps: Deps):
    async def generate(state: PostingState) -> dict:
        language = state.get("language") or "ko"
        ctx = deps.company_context(state["company_id"], state["job_code"])
        job = JOB_CODES[state["job_code"]]
        entities = JobEntities.model_validate(state.get("entities") or {})
        masked = ctx.masked(language)
        profile, past = masked.profile, masked.past
        context = state.get("context") or []

        if deps.models.offline:
            posting = compose_posting(profile, job, state.get("level"), entities, past, context,
                                      "detailed" if state.get("style") == "detailed" else "concise", language)
            text = posting.to_markdown()
            writer = get_stream_writer()
            for i in range(0, len(text), 40):
                writer({"token": text[i:i + 40]})
            notices = [OFFLINE_LABEL[language]] + ([NO_PAST_POSTINGS[language]] if not past else [])
            if language == "en" and re.search(r"[\uac00-\ud7a3]", text):
                notices.append(UNTRANSLATED)
            if (state.get("masked_request") or "").strip():
                notices.append(NEEDS_MODEL[language])
            return {"posting": text, "generator": "offline-composer", "notices": notices}

        headings = ", ".join(SECTION_HEADINGS[language][k] for k in SECTION_KEYS)
        system, user = load_prompt("generate_posting").render(
            company_name=profile.name, language_name="Korean" if language == "ko" else "English", headings=headings,
            job_name=job.name_ko if language == "ko" else job.name_en, brief=state.get("brief", ""),
            entities=entities.model_dump_json(), company=profile.intro, context="\n\n".join(context) or "-",
            past_postings="\n\n".join(p.as_posting().to_markdown() for p in past[:2]) or "-")
        # Stream so that LangGraph's "messages" mode and LangServe's stream_events see each token.
        acc: AIMessageChunk | None = None
        async for chunk in deps.models.large.astream([SystemMessage(system), HumanMessage(user)]):
            acc = chunk if acc is None else acc + chunk
        text = str(acc.content) if acc is not None else ""
        fallback = compose_posting(profile, job, state.get("level"), entities, past, context, "concise", language)
        posting = Posting.from_markdown(text, language, default_title=fallback.title)  # type: ignore[arg-type]
        return {"posting": posting.to_markdown() if posting.sections else text,
                "generator": f"llm:{deps.models.name('large')}",
                "usage": usage_of(acc).model_dump() if acc is not None else {}}

    return generate
