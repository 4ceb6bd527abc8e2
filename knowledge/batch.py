"""Rebuilds the skill pools for every job code, as a batch: from the stored postings (and, when
given, a folder of Wanted-format postings read at run time). Each job code is written with its
'done' mark, so an interrupted rebuild resumes with the codes it had not finished."""
from __future__ import annotations

import logging
from pathlib import Path

from core.jobcodes import JOB_CODES
from knowledge.skill_pool import KINDS, PoolCounts, PoolPosting
from knowledge.skill_terms import canonical
from store.skill_pool import SkillPoolRepository

log = logging.getLogger(__name__)


def collect(repo, wanted_dir: Path | None = None) -> tuple[list[PoolPosting], dict]:
    postings = [PoolPosting(p.company_id, p.job_code, p.sections) for p in repo.all_postings()]
    sources: dict = {"stored_postings": len(postings)}
    if wanted_dir:
        from catalog.wanted import WantedCollector

        collector = WantedCollector(Path(wanted_dir))
        stored = {p.company_id for p in postings}
        extra = [PoolPosting(r.company_id, r.job_code, r.sections) for cid in collector.list_company_ids() if cid not in stored
                 for r in collector.fetch_postings(cid)]
        postings += extra
        sources |= {"wanted_dir": str(wanted_dir), "wanted_postings": len(extra)}
    return postings, sources


def registry_keys(repo) -> frozenset[str]:
    """Every company's registry entries, as pool keys: none of them may ever be a pooled skill."""
    keys = set()
    for text in repo.all_sensitive_texts():
        term = canonical(text)
        if term:
            keys.add(term.key)
    return frozenset(keys)


def rebuild(repo, store: SkillPoolRepository, *, wanted_dir: Path | None = None, top: int = 50) -> int:
    """Build (or finish) a batch; returns its id. Readers keep the previous batch until this one is done."""
    postings, sources = collect(repo, wanted_dir)
    batch = store.start_or_resume(sources=sources)
    try:
        counts = PoolCounts(postings)
        exclude = registry_keys(repo)
        for code in JOB_CODES:
            if code in batch.job_codes_done:
                continue
            entries = {kind: [e.as_dict() for e in counts.pool(code, kind=kind, top=top, exclude_keys=exclude)] for kind in KINDS}
            store.write_job_code(batch_id=batch.id, job_code=code, entries=entries)
        store.finish(batch_id=batch.id)
    except Exception as exc:
        log.exception("skill pool rebuild failed")
        store.finish(batch_id=batch.id, error=f"{type(exc).__name__}: {str(exc)[:300]}")
        raise
    return batch.id
