"""Runs the hiring-law scanner and the skill/section parsers over the real Wanted postings in
../shared/data/wanted (read at run time, never copied into the repo) and prints how often each
rule fires, with examples to read. Real postings are mostly lawful, so a rule that fires often
is a precision problem to look at.

    python -m evals.real_postings [--dir ../shared/data/wanted] [--examples 3]
"""
from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from core.config import REPO_ROOT
from guards.law import scan_law

DEFAULT_DIR = REPO_ROOT.parent / "shared" / "data" / "wanted"
FIELDS = ("MAINDUTIES", "QUALIFICATION", "PREFERENTIAL", "BENEFITS")


def load_postings(directory: Path) -> list[dict]:
    postings = []
    for path in sorted(directory.glob("wanted_data_*.json")):
        postings += json.loads(path.read_text(encoding="utf-8"))
    return postings


def scan(postings: list[dict]) -> tuple[Counter, dict[str, list[str]], int]:
    per_rule: Counter = Counter()
    examples: dict[str, list[str]] = defaultdict(list)
    flagged = 0
    for p in postings:
        text = "\n".join(str(p.get(f) or "") for f in FIELDS)
        hits = [h for h in scan_law(text) if not h.excepted]
        if hits:
            flagged += 1
        for rule in {h.rule.rule_id for h in hits}:
            per_rule[rule] += 1
        for h in hits:
            line = next((ln for ln in text.splitlines() if h.span in ln), h.span)
            examples[h.rule.rule_id].append(line.strip()[:120])
    return per_rule, examples, flagged


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--examples", type=int, default=3)
    args = ap.parse_args(argv)
    if not args.dir.exists():
        print(f"no data at {args.dir}")
        return 2
    postings = load_postings(args.dir)
    per_rule, examples, flagged = scan(postings)
    print(f"{len(postings)} real postings, {flagged} flagged ({flagged / len(postings):.1%})")
    for rule, n in per_rule.most_common():
        print(f"  {rule:<16}{n:>6}  ({n / len(postings):.2%})")
        for ex in examples[rule][: args.examples]:
            print(f"      e.g. {ex}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
