"""Skill pool figures on the real postings (../shared/data/wanted, read at run time; job codes from
the classifier): distinct skills per job code before and after normalization, and how well a pool
built without a company predicts that company's skills (recall@k, leave-one-company-out), against
a pool that ignores the job code.

    python -m evals.skill_pool [--dir ../shared/data/wanted] [--k 20]
"""
from __future__ import annotations

import argparse
import time
from collections import Counter, defaultdict
from pathlib import Path

from catalog.wanted import WantedCollector
from core.jobcodes import JOB_CODES
from evals.real_postings import DEFAULT_DIR
from knowledge.skill_pool import PoolCounts, PoolPosting

SKILL_KINDS = ("required", "preferred")


def load(directory: Path) -> list[PoolPosting]:
    collector = WantedCollector(directory)
    return [PoolPosting(r.company_id, r.job_code, r.sections) for cid in collector.list_company_ids()
            for r in collector.fetch_postings(cid)]


def _skill_keys(terms: dict) -> set[str]:
    return {k for kind in SKILL_KINDS for k in terms[kind]}


def _top(counts: PoolCounts, code: str | None, k: int, skip: str) -> list[str]:
    if code is None:  # baseline: the most widespread terms over all postings, whatever the job
        companies: dict[str, set[str]] = defaultdict(set)
        for p, terms in zip(counts.postings, counts.terms):
            if p.company_id != skip:
                for key in _skill_keys(terms):
                    companies[key].add(p.company_id)
        return [key for key, _ in sorted(companies.items(), key=lambda kv: -len(kv[1]))[:k]]
    merged: dict[str, float] = {}
    for kind in SKILL_KINDS:
        for e in counts.pool(code, kind=kind, top=k, skip_company=skip):
            merged[e.key] = max(merged.get(e.key, 0), e.companies)
    return [key for key, _ in sorted(merged.items(), key=lambda kv: -kv[1])[:k]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--k", type=int, default=20)
    args = ap.parse_args(argv)
    if not args.dir.exists():
        print(f"no data at {args.dir}")
        return 2
    t0 = time.perf_counter()
    postings = load(args.dir)
    counts = PoolCounts(postings)
    print(f"{len(postings)} real postings, terms extracted in {time.perf_counter() - t0:.1f} s")
    print(f"{'job code':<22}{'postings':>9}{'companies':>10}{'raw skills':>11}{'normalized':>11}{'recall@' + str(args.k):>11}{'no-job pool':>12}")
    for code, job in JOB_CODES.items():
        idx = [i for i, p in enumerate(postings) if p.job_code == code]
        if not idx:
            continue
        # The same terms, as written (spacing, case, transliteration) vs. after normalization.
        raw = {t.written for i in idx for kind in SKILL_KINDS for t in counts.terms[i][kind].values()}
        normalized = {k for i in idx for k in _skill_keys(counts.terms[i])}
        # Skills worth predicting: the terms of this job's pool vocabulary (2+ companies, job-specific).
        vocab = {e.key for kind in SKILL_KINDS for e in counts.pool(code, kind=kind, top=10_000)}
        by_company: dict[str, set[str]] = defaultdict(set)
        for i in idx:
            by_company[postings[i].company_id] |= _skill_keys(counts.terms[i]) & vocab
        recalls, baseline = [], []
        for company, held_out in by_company.items():
            if not held_out:
                continue
            recalls.append(len(held_out & set(_top(counts, code, args.k, company))) / len(held_out))
            baseline.append(len(held_out & set(_top(counts, None, args.k, company))) / len(held_out))
        companies = len({postings[i].company_id for i in idx})
        r = f"{sum(recalls) / len(recalls):.3f}" if recalls else "-"
        b = f"{sum(baseline) / len(baseline):.3f}" if baseline else "-"
        print(f"{code} {job.name_ko:<14}{len(idx):>9}{companies:>10}{len(raw):>11}{len(normalized):>11}{r:>11}{b:>12}")
    known = Counter(t.surface for terms in counts.terms for kind in SKILL_KINDS for t in terms[kind].values() if t.known)
    print("most named known skills: " + ", ".join(f"{s} ({n})" for s, n in known.most_common(10)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
