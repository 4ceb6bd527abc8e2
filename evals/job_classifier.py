"""Measures the job-code classifier on real postings labelled blind by a helper
(evals/cases/jobcode_labels.jsonl: posting ids and codes only; the postings are read at run time
from ../shared/data/wanted). Reports accuracy on the random sample, per-class precision/recall
over all labels, and agreement with Wanted's own job groups (517 HR, 508 finance).

    python -m evals.job_classifier [--dir ../shared/data/wanted]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path

from core.config import REPO_ROOT
from evals.real_postings import DEFAULT_DIR, load_postings
from onboarding.job_classifier import classify_posting

LABELS = REPO_ROOT / "evals" / "cases" / "jobcode_labels.jsonl"
BODY = ("MAINDUTIES", "QUALIFICATION", "PREFERENTIAL")


def predict(post: dict) -> str:
    return classify_posting(str(post.get("TITLE") or ""), "\n".join(str(post.get(f) or "") for f in BODY)).job_code


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    args = ap.parse_args(argv)
    if not args.dir.exists():
        print(f"no data at {args.dir}")
        return 2
    posts = {str(p["ID"]): p for p in load_postings(args.dir)}
    labels = [json.loads(ln) for ln in LABELS.read_text(encoding="utf-8").splitlines() if ln.strip()]
    rows = [(lab, predict(posts[str(lab["id"])])) for lab in labels if str(lab["id"]) in posts]
    rand = [(lab, pred) for lab, pred in rows if lab["sample"] == "random"]
    print(f"{len(rows)} labelled real postings ({len(rand)} random sample)")
    print(f"  accuracy, random sample: {sum(lab['job_code'] == p for lab, p in rand) / len(rand):.3f}")
    print(f"  accuracy, all labels:    {sum(lab['job_code'] == p for lab, p in rows) / len(rows):.3f}")
    high = [(lab, p) for lab, p in rows if lab.get("confidence") == "high"]
    print(f"  accuracy, high-confidence labels: {sum(lab['job_code'] == p for lab, p in high) / len(high):.3f} (n={len(high)})")
    gold, pred = Counter(lab["job_code"] for lab, _ in rows), Counter(p for _, p in rows)
    print("  class        n   precision  recall")
    for code in sorted(gold, key=lambda c: -gold[c]):
        tp = sum(lab["job_code"] == code and p == code for lab, p in rows)
        prec = tp / pred[code] if pred[code] else 0.0
        print(f"  {code:<10}{gold[code]:>4}   {prec:9.3f}  {tp / gold[code]:.3f}")
    for group, code in ((517, "1000201"), (508, "1000210")):
        members = [p for p in posts.values() if p.get("JOB_GROUP") == group]
        agree = sum(predict(p) == code for p in members) / len(members)
        print(f"  Wanted group {group}: classified {code} {agree:.3f} (n={len(members)}; the group also holds other jobs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
