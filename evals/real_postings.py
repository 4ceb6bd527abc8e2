"""Runs the hiring-law scanner and the skill/section parsers over the real Wanted postings in
../shared/data/wanted (read at run time, never copied into the repo) and prints how often each
rule fires, with examples to read. Real postings are mostly lawful, so a rule that fires often
is a precision problem to look at.

    python -m evals.real_postings [--dir ../shared/data/wanted] [--examples 3] [--report PATH]

--report (default evals/reports/real_postings_flagged.md) lists every flagged line with its
posting id, company and rule, for a person to review.
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


def postings_at(directory: Path) -> list[dict] | None:
    """The postings under directory, or None (with a line saying so) when the data is not there."""
    if not directory.exists():
        print(f"no data at {directory}")
        return None
    return load_postings(directory)


def scan(postings: list[dict], lines: list[tuple[str, str, str, str]] | None = None
         ) -> tuple[Counter, dict[str, list[str]], int]:
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
            if lines is not None:
                lines.append((str(p.get("ID")), str(p.get("COMPANY")), h.rule.rule_id, line.strip()[:300]))
    return per_rule, examples, flagged


def write_report(path: Path, total: int, flagged: int, lines: list[tuple[str, str, str, str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    out = [f"# Hiring-law flags on real postings\n\n{total} postings, {flagged} flagged ({flagged / total:.1%}). "
           "Each row is one flagged line; mark it as a true or false positive when reviewing.\n",
           "| posting | company | rule | line |", "|---|---|---|---|"]
    for pid, company, rule, line in sorted(set(lines), key=lambda r: (r[2], r[0])):
        out.append(f"| {pid} | {company} | {rule} | {line.replace('|', '/')} |")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--examples", type=int, default=3)
    ap.add_argument("--report", type=Path, default=REPO_ROOT / "evals" / "reports" / "real_postings_flagged.md")
    args = ap.parse_args(argv)
    if (postings := postings_at(args.dir)) is None:
        return 2
    lines: list[tuple[str, str, str, str]] = []
    per_rule, examples, flagged = scan(postings, lines)
    write_report(args.report, len(postings), flagged, lines)
    print(f"{len(postings)} real postings, {flagged} flagged ({flagged / len(postings):.1%})")
    for rule, n in per_rule.most_common():
        print(f"  {rule:<16}{n:>6}  ({n / len(postings):.2%})")
        for ex in examples[rule][: args.examples]:
            print(f"      e.g. {ex}")
    print(f"every flagged line: {args.report}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
