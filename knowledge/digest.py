"""A short "similar jobs" digest for a job code and level: a few representative postings of other
teams (public ones) or the caller's own, each with a one-paragraph summary — something to read
while a custom posting is written. Extractive offline; a small model summarizes when configured."""
from __future__ import annotations

import asyncio

import logging

from langchain_core.messages import HumanMessage, SystemMessage

from core.jobcodes import JOB_CODES
from core.levels import LEVELS
from guards.sensitive import SensitiveMatcher
from prompts import load_prompt
from retrieval.similar_postings import summary

log = logging.getLogger(__name__)


def _query(job_code: str, level: str | None, pool: dict[str, list[dict]]) -> str:
    job = JOB_CODES[job_code]
    lv = LEVELS.get(level or "")
    skills = [e["skill"] for kind in ("required", "duties") for e in pool.get(kind, [])[:8]]
    return " ".join([job.name_ko, job.name_en, lv.label_ko if lv else "", *skills])


async def build_digest(rt, *, job_code: str, level: str | None, visible, k: int = 3) -> dict:
    """Representative postings: the most typical of the job (closest to its skill pool), at most one
    per company, only postings the caller may see."""
    batch, pool = rt.skill_pool.pool(job_code=job_code)
    seen_companies: set[str] = set()
    items = []
    # In a worker thread: the search may (re)build its index, which must not stall a stream.
    hits = await asyncio.to_thread(rt.similar.search, _query(job_code, level, pool), 8 * k, job_code=job_code)
    for record, _ in hits:
        if not visible(record) or record.company_id in seen_companies:
            continue
        seen_companies.add(record.company_id)
        matcher = SensitiveMatcher(rt.repo.get_sensitive_entities(record.company_id))
        if matcher.find(record.title):
            continue  # a title naming a secret is not shown at all
        items.append({"id": record.id, "company_id": record.company_id, "title": record.title,
                      "summary": summary(record, matcher), "summarizer": "extractive", "_record": record,
                      "_matcher": matcher})
        if len(items) == k:
            break
    small = rt.models.small
    if small is not None and items:
        prompt = load_prompt("digest_summary")
        # A model's words are checked against every company's registry, not only the posting's.
        everyone = SensitiveMatcher(rt.repo.all_sensitive_entities())
        for item in items:
            record = item["_record"]
            try:
                # The model reads the posting with the company's secrets masked, and its summary is
                # checked again: anything that still names one is dropped for the extractive one.
                masked = item["_matcher"].mask_for_model(record.as_posting().to_markdown()[:4000], "ko")
                system, user = prompt.render(title=record.title, posting=masked)
                msg = await small.ainvoke([SystemMessage(system), HumanMessage(user)])
                text = str(msg.content).strip()
                if text and not everyone.find(text):
                    item["summary"], item["summarizer"] = text[:600], f"llm:{rt.models.name('small')}"
            except Exception:  # a digest is a courtesy: the extractive summary stands
                log.warning("digest summary by the model failed; keeping the extractive one", exc_info=True)
    for item in items:
        item.pop("_record", None)
        item.pop("_matcher", None)
    top = {kind: [e["skill"] for e in pool.get(kind, [])[:8]] for kind in ("required", "preferred")}
    return {"job_code": job_code, "level": level, "postings": items, "top_skills": top,
            "skill_pool_built_at": batch.finished_at if batch else None}
