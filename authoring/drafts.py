"""Writes the three template drafts for a company/job/level (ahead of time, or on first request)."""
from __future__ import annotations

from langchain_core.messages import HumanMessage, SystemMessage

from authoring.composer import compose_posting
from authoring.extraction import extract_baseline
from core.jobcodes import JOB_CODES
from core.schemas import SECTION_HEADINGS, SECTION_KEYS, STYLES, Posting, Usage
from llm.accounting import prompt_config
from llm.models import usage_of
from prompts import load_prompt

STYLE_BRIEF = {
    "concise": "간결한 스타일: 각 섹션 3~4개 항목, 짧은 문장.",
    "detailed": "상세한 스타일: 회사 소개와 인재상을 충분히, 각 섹션 6~8개 항목.",
    "past_style": "과거 공고 스타일: 가장 최근 과거 공고의 제목 형식, 어조, 항목 구성을 따른다.",
}


async def write_drafts(deps, company_id: str, job_code: str, level: str | None, language: str = "ko"):
    """Returns ({style: Posting}, generator name, usage dict)."""
    ctx = deps.company_context(company_id, job_code)
    job = JOB_CODES[job_code]
    # Sensitive entities are masked in everything the drafts are built from.
    masked = ctx.masked(language)
    profile, past = masked.profile, masked.past
    entities = extract_baseline(job, level, profile, past, language, masked.all_postings, masked.doc_facts)
    composed = {s: compose_posting(profile, job, level, entities, past, [], s, language) for s in STYLES}
    if deps.models.offline:
        return composed, "offline-composer", Usage().model_dump()

    usage = Usage()
    drafts: dict[str, Posting] = {}
    # Drafts are whole postings written ahead of time; v2 continues after a streamed opening, so drafts keep v1.
    prompt = load_prompt("generate_posting", 1)
    headings = ", ".join(SECTION_HEADINGS[language][k] for k in SECTION_KEYS)
    for style in STYLES:
        system, user = prompt.render(
            company_name=profile.name, language_name="Korean" if language == "ko" else "English", headings=headings,
            job_name=job.name_ko, brief=STYLE_BRIEF[style], entities=entities.model_dump_json(),
            company=profile.intro, context="", past_postings="\n\n".join(p.as_posting().to_markdown() for p in past[:2]))
        msg = await deps.models.large.ainvoke([SystemMessage(system), HumanMessage(user)],
                                             config=prompt_config(prompt))
        u = usage_of(msg)
        usage = Usage(prompt_tokens=usage.prompt_tokens + u.prompt_tokens,
                      completion_tokens=usage.completion_tokens + u.completion_tokens, llm_calls=usage.llm_calls + 1)
        posting = Posting.from_markdown(str(msg.content), language, default_title=composed[style].title)  # type: ignore[arg-type]
        # A section the model left out is taken from the composed draft rather than left empty.
        for key, body in composed[style].sections.items():
            posting.sections.setdefault(key, body)
        drafts[style] = posting
    return drafts, f"llm:{deps.models.name('large')}", usage.model_dump()
