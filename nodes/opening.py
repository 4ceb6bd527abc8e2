"""Custom path, first branch: the posting's opening (title, and in Korean the company introduction)
from the company's profile, streamed at once while the request is understood and screened by the judge."""
from __future__ import annotations


from authoring.composer import compose_posting
from core.jobcodes import JOB_CODES
from core.schemas import SECTION_HEADINGS, JobEntities
from graph.deps import Deps
from graph.progress import send_text
from graph.state import PostingState

# Sections the opening holds, per language: an English posting's introduction is left to the
# writer, because the company's own introduction is in Korean.
OPENING_SECTIONS = {"ko": ("about",), "en": ()}


def opening_markdown(title: str, sections: dict[str, str], language: str) -> str:
    parts = [f"# {title}"]
    for key in OPENING_SECTIONS.get(language, ()):
        if (body := sections.get(key, "").strip()):
            parts.append(f"## {SECTION_HEADINGS[language][key]}\n{body}")
    return "\n\n".join(parts) + "\n\n"


def make_opening(deps: Deps):
    async def opening(state: PostingState) -> dict:
        language = state.get("language") or "ko"
        ctx = deps.company_context(state["company_id"], state["job_code"])
        masked = ctx.masked(language)
        style = state.get("style") if state.get("style") in ("concise", "detailed", "past_style") else "concise"
        posting = compose_posting(masked.profile, JOB_CODES[state["job_code"]], state.get("level"), JobEntities(),
                                  masked.past, [], style, language)  # type: ignore[arg-type]
        text = opening_markdown(posting.title, posting.sections, language)
        send_text(text)
        return {"opening": text}

    return opening
