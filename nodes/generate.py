"""Custom path: write the posting after the streamed opening. With a model, tokens stream as they come; offline, the composer
writes it and the text is streamed in pieces through the custom stream. Everything sent to the
model has the company's sensitive entities masked."""
from __future__ import annotations

import re

from langchain_core.messages import AIMessageChunk, HumanMessage, SystemMessage

from authoring.composer import NO_PAST_POSTINGS, OFFLINE_LABEL, UNTRANSLATED, compose_posting
from authoring.extraction import extract_from_request
from authoring.prompt_parts import compact_entities, company_summary, style_reference
from core.jobcodes import JOB_CODES
from core.schemas import SECTION_HEADINGS, SECTION_KEYS, JobEntities, Posting
from nodes.opening import OPENING_SECTIONS
from graph.deps import Deps
from graph.progress import send_text
from graph.state import PostingState
from llm.accounting import prompt_config
from llm.models import usage_of
from prompts import load_prompt

NEEDS_MODEL = {
    "ko": "자연어 맞춤 생성에는 모델 설정이 필요합니다 (JOBPOST_LLM_BASE_URL 또는 JOBPOST_LLM_API_KEY). "
          "지금은 요청에서 추출한 항목을 회사 자료·과거 공고와 조합한 초안을 보여 드립니다.",
    "en": "Natural-language customization needs a configured model (JOBPOST_LLM_BASE_URL or JOBPOST_LLM_API_KEY). "
          "This draft combines what was extracted from your request with the company's data and past postings.",
}


def with_opening(posting: Posting, opening: str, language: str) -> Posting:
    """The posting with the streamed opening's title and sections in place of its own: what the
    client saw first stays, and a writer that wrote the opening again is not repeated."""
    first = Posting.from_markdown(opening, language)  # type: ignore[arg-type]
    if not opening.strip():
        return posting
    sections = {k: v for k, v in posting.sections.items() if k not in first.sections} | first.sections
    return Posting(title=first.title or posting.title, language=language, sections=sections)  # type: ignore[arg-type]


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
            # What the request asked for leads, where the company's own items do not say it already.
            asked = extract_from_request(state.get("masked_request") or "").skills
            posting = compose_posting(profile, job, state.get("level"), entities, past, context,
                                      "detailed" if state.get("style") == "detailed" else "concise", language,
                                      emphasis=asked)
            # The opening was streamed already (nodes.opening): it stands, and what follows it is sent.
            opening = state.get("opening") or ""
            text = with_opening(posting, opening, language).to_markdown()
            rest = text[len(opening):] if opening and text.startswith(opening) else text
            send_text(rest)
            notices = [OFFLINE_LABEL[language]] + ([NO_PAST_POSTINGS[language]] if not past else [])
            if language == "en" and re.search(r"[\uac00-\ud7a3]", text):
                notices.append(UNTRANSLATED)
            if (state.get("masked_request") or "").strip():
                notices.append(NEEDS_MODEL[language])
            return {"posting": text, "generator": "offline-composer", "notices": notices}

        opening = state.get("opening") or ""
        first = Posting.from_markdown(opening, language)  # type: ignore[arg-type]
        rest_keys = [k for k in SECTION_KEYS if k not in OPENING_SECTIONS.get(language, ())]
        headings = SECTION_HEADINGS[language]
        prompt = load_prompt("generate_posting")
        # The stable part (rules, company, past postings) comes first and the per-request part last,
        # so a server's prefix cache (vLLM, OpenAI) reuses the company's prefix across requests.
        system, user = prompt.render(
            company_name=profile.name, language_name="Korean" if language == "ko" else "English",
            headings=", ".join(headings[k] for k in rest_keys),
            opening_parts="".join(f" and the {headings[k]} section" for k in OPENING_SECTIONS.get(language, ())),
            job_name=job.name_ko if language == "ko" else job.name_en, company=company_summary(profile.intro),
            past_postings=style_reference([p.as_posting() for p in past]),
            brief=state.get("brief", ""), entities=compact_entities(entities), context="\n\n".join(context) or "-",
            opening=opening.strip() or "-", first_heading=headings[rest_keys[0]])
        # Stream so that LangGraph's "messages" mode and LangServe's stream_events see each token.
        acc: AIMessageChunk | None = None
        async for chunk in deps.models.large.astream([SystemMessage(system), HumanMessage(user)],
                                                     config=prompt_config(prompt)):
            acc = chunk if acc is None else acc + chunk
        written = Posting.from_markdown(str(acc.content) if acc is not None else "", language)  # type: ignore[arg-type]
        if not first.title:
            written.title = written.title or compose_posting(profile, job, state.get("level"), entities, past, context,
                                                             "concise", language).title
        posting = with_opening(written, opening, language)
        return {"posting": posting.to_markdown(), "generator": f"llm:{deps.models.name('large')}",
                "usage": usage_of(acc).model_dump() if acc is not None else {}}

    return generate
