"""Writes template drafts ahead of time so the template path costs no tokens at request time.

    python -m authoring.pregenerate            # every company, its job codes, every level
"""
from __future__ import annotations

import asyncio

from authoring.draft_checks import check_stored_drafts
from authoring.drafts import write_drafts
from core.jobcodes import JOB_CODES
from core.levels import LEVELS
from core.schemas import STYLES


def job_codes_with_postings(repo, company_id: str) -> list[str]:
    """The product's job codes a company has past postings for (drafts are written for these)."""
    return sorted({p.job_code for p in repo.list_postings(company_id) if p.job_code in JOB_CODES})


async def pregenerate_all(deps, only_missing: bool = True) -> int:
    written = 0
    for company in deps.repo.list_companies():
        job_codes = job_codes_with_postings(deps.repo, company.id)
        for job_code in job_codes:
            for level in [None, *LEVELS]:
                key = level or "any"
                if only_missing and set(deps.repo.get_drafts(company.id, job_code, key)) == set(STYLES):
                    continue
                drafts, generator, _ = await write_drafts(deps, company.id, job_code, level)
                deps.repo.save_drafts(company.id, job_code, key,
                                      {s: (p.title, p.to_markdown()) for s, p in drafts.items()}, generator)
                await check_stored_drafts(deps, company.id, job_code, level)
                written += 1
    return written


def main() -> None:
    from api.runtime import Runtime
    from core.config import get_settings

    rt = Runtime(get_settings())
    n = asyncio.run(pregenerate_all(rt.deps, only_missing=False))
    print(f"wrote drafts for {n} company/job/level combinations")


if __name__ == "__main__":
    main()
