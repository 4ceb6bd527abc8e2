"""Service 1: after a company's data changes, pre-extract per-job profiles, propose registry
entries, build the retrieval index and write the ready drafts. Each step is recorded when done,
so a job interrupted by a crash resumes where it stopped, and rerunning a finished job is a no-op."""
from __future__ import annotations

import asyncio
import logging

from authoring.drafts import write_drafts
from authoring.draft_checks import check_stored_drafts
from authoring.pregenerate import job_codes_with_postings
from core.levels import LEVELS
from core.schemas import STYLES
from guards.entity_proposer import propose_entities
from guards.sensitive import SensitiveMatcher
from onboarding.profiles import build_profile
from store.onboarding import OnboardingRepository

log = logging.getLogger(__name__)

STEPS = ("profiles", "proposals", "index", "drafts")
_WEIGHT = {"profiles": 0.1, "proposals": 0.05, "index": 0.05, "drafts": 0.8}


def _progress(done: list[str], within: float = 0.0, step: str | None = None) -> float:
    return round(min(1.0, sum(_WEIGHT[s] for s in done) + (_WEIGHT[step] * within if step else 0.0)), 3)


async def _profiles(deps, store: OnboardingRepository, company_id: str, report) -> dict:
    company = deps.repo.get_company(company_id)
    documents = deps.repo.get_documents(company_id)
    matcher = SensitiveMatcher(deps.repo.get_sensitive_entities(company_id))
    codes = job_codes_with_postings(deps.repo, company_id)
    for code in codes:
        profile = build_profile(code, company, deps.repo.list_postings(company_id, code), documents, matcher)
        store.save_profile(company_id=company_id, job_code=code, profile=profile.model_dump())
    return {"profiles": codes}


async def _proposals(deps, store: OnboardingRepository, company_id: str, report) -> dict:
    found = propose_entities(deps.repo.get_documents(company_id), deps.repo.get_sensitive_entities(company_id))
    return {"proposals_added": store.save_proposals(company_id=company_id, proposals=found)}


async def _index(deps, store: OnboardingRepository, company_id: str, report) -> dict:
    index = deps.index_cache.get(company_id, deps.repo.get_documents(company_id))
    return {"index_chunks": len(index.chunks)}


async def _drafts(deps, store: OnboardingRepository, company_id: str, report) -> dict:
    combos = [(code, level) for code in job_codes_with_postings(deps.repo, company_id) for level in (None, *LEVELS)]
    todo = [(c, lv) for c, lv in combos if set(deps.repo.get_drafts(company_id, c, lv or "any")) != set(STYLES)]
    # Bounded: a model server (and its rate limit) sees at most this many draft sets at once.
    gate = asyncio.Semaphore(max(1, deps.settings.draft_concurrency))
    done, tokens = len(combos) - len(todo), 0

    async def one(code: str, level: str | None) -> None:
        nonlocal done, tokens
        async with gate:
            drafts, generator, usage = await write_drafts(deps, company_id, code, level)
            spent = int(usage.get("prompt_tokens", 0)) + int(usage.get("completion_tokens", 0))
            deps.repo.save_drafts(company_id, code, level or "any", {s: (p.title, p.to_markdown()) for s, p in drafts.items()},
                                  generator, tokens=spent)
            # Validated now, so the template route serves them without checking them again.
            checked = await check_stored_drafts(deps, company_id, code, level)
            spent += int(checked.get("prompt_tokens", 0)) + int(checked.get("completion_tokens", 0))
            done, tokens = done + 1, tokens + spent
            report(done / max(1, len(combos)))

    await asyncio.gather(*(one(c, lv) for c, lv in todo))
    return {"draft_sets": len(combos), "draft_tokens": tokens}


_RUN = {"profiles": _profiles, "proposals": _proposals, "index": _index, "drafts": _drafts}


async def run_job(deps, store: OnboardingRepository, company_id: str) -> str:
    """Run (or resume) the company's job; returns the final state."""
    while True:
        digest = store.company_digest(company_id=company_id)
        job = store.get_job(company_id=company_id)
        if job is not None and job.digest == digest and job.state == "ready":
            return "ready"
        resumed = job is not None and job.digest == digest
        done: list[str] = list(job.steps_done) if resumed and job is not None else []
        detail: dict = dict(job.detail or {}) if resumed and job is not None else {}
        # Once a company has been ready, later reprocessing does not block its generations.
        detail["ever_ready"] = bool(job is not None and (job.detail or {}).get("ever_ready"))
        if not resumed:
            store.clear_drafts(company_id=company_id)  # drafts of the old data must not be served
        store.update_job(company_id=company_id, state="processing", digest=digest, steps_done=done, detail=detail,
                         progress=_progress(done), error=None, attempts=(job.attempts if job else 0) + 1)
        try:
            for step in STEPS:
                if step in done:
                    continue

                def report(within: float, step: str = step) -> None:
                    store.update_job(company_id=company_id, progress=_progress(done, within, step))

                detail.update(await _RUN[step](deps, store, company_id, report))
                done.append(step)
                store.update_job(company_id=company_id, steps_done=list(done), detail=dict(detail), progress=_progress(done))
        except Exception as exc:
            log.exception("onboarding job failed for %s", company_id)
            store.update_job(company_id=company_id, state="failed", error=f"{type(exc).__name__}: {str(exc)[:300]}")
            return "failed"
        if store.company_digest(company_id=company_id) == digest:
            store.update_job(company_id=company_id, state="ready", progress=1.0, detail=dict(detail, ever_ready=True))
            return "ready"
        # The data changed while the job ran: run again for the new data.
