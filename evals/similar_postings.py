"""Precision@k of the similar-postings retrieval on the real Wanted postings (job group = relevance).

    python -m evals.similar_postings [--dir ../shared/data/wanted] [--k 5] [--sample N] [--seed 0] [--json PATH]

The postings are read from ../shared/data/wanted at run time, never copied into the repo. Each query
posting's own text is searched among the other postings; a result counts as relevant when it has the
same JOB_GROUP. Companies repost near-identical ads, so precision is also reported over other
companies' postings only. Baselines: always answering the most common group (majority) and drawing
results at random (the expected share of the query's group among the other postings).
"""
from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

from core.config import REPO_ROOT
from retrieval.similar import SimilarDoc, SimilarIndex

DEFAULT_DIR = REPO_ROOT.parent / "shared" / "data" / "wanted"
TEXT_FIELDS = ("TITLE", "MAINDUTIES", "QUALIFICATION", "PREFERENTIAL")


def load_docs(directory: Path) -> list[SimilarDoc]:
    docs = []
    for path in sorted(directory.glob("wanted_data_*.json")):
        for p in json.loads(path.read_text(encoding="utf-8")):
            docs.append(SimilarDoc(id=str(p["ID"]), company_id=str(p["COMPANY"]), job_code=str(p["JOB_GROUP"]),
                                   title=str(p["TITLE"]), text="\n".join(str(p.get(f) or "") for f in TEXT_FIELDS)))
    return docs


def evaluate(index: SimilarIndex, queries: list[SimilarDoc], k: int = 5) -> dict[str, float]:
    docs = index.docs
    ids_by_company: dict[str, set[str]] = {}
    for d in docs:
        ids_by_company.setdefault(d.company_id, set()).add(d.id)
    group_size = Counter(d.job_code for d in docs)
    majority = group_size.most_common(1)[0][0]
    hits_all = hits_other = 0
    elapsed = 0.0
    for q in queries:
        # One search deep enough to still hold k other-company results once the company's own are dropped.
        depth = k + len(ids_by_company[q.company_id]) - 1
        start = time.perf_counter()
        results = index.search(q.text, depth, exclude_ids={q.id})
        elapsed += time.perf_counter() - start
        hits_all += sum(d.job_code == q.job_code for d, _ in results[:k])
        other = [d for d, _ in results if d.company_id != q.company_id][:k]
        hits_other += sum(d.job_code == q.job_code for d in other)
    n = len(queries)
    return {
        "queries": n,
        "k": k,
        "precision_at_k": hits_all / (n * k),
        "precision_at_k_other_companies": hits_other / (n * k),
        "majority_baseline": sum(q.job_code == majority for q in queries) / n,
        "random_baseline": sum((group_size[q.job_code] - 1) / (len(docs) - 1) for q in queries) / n,
        "mean_query_ms": elapsed / n * 1000,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--sample", type=int, default=0, help="query a seeded random sample of N postings (0: all)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", type=Path, help="also write the numbers here")
    args = ap.parse_args(argv)
    docs = load_docs(args.dir) if args.dir.exists() else []
    if len(docs) < 2:
        print(f"no postings at {args.dir}")
        return 2
    start = time.perf_counter()
    index = SimilarIndex(docs)
    build_s = time.perf_counter() - start
    queries = random.Random(args.seed).sample(docs, args.sample) if 0 < args.sample < len(docs) else docs
    result: dict[str, float] = {"postings": len(docs), "build_s": build_s, **evaluate(index, queries, args.k)}
    k = args.k
    print(f"{len(docs)} postings, {result['queries']} queries, k={k}")
    rows = [(f"precision@{k} (all)", result["precision_at_k"]),
            (f"precision@{k} (other companies only)", result["precision_at_k_other_companies"]),
            ("majority-class baseline", result["majority_baseline"]),
            ("random baseline", result["random_baseline"])]
    for name, value in rows:
        print(f"  {name:<40}{value:>8.3f}")
    print(f"  {'build time (s)':<40}{build_s:>8.2f}")
    print(f"  {'mean query (ms, incl. Kiwi analysis)':<40}{result['mean_query_ms']:>8.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
