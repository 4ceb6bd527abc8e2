"""How well pasted postings are split into sections, measured on the real Wanted postings
(../shared/data/wanted, read at run time). Each posting's four fields are laid out as people paste
them — several heading styles (plain, [brackets], ■ boxes, ## markdown, "heading:" inline, English)
and bullet styles (•, -, ※, ▶, numbers, none) — then parsed back and compared line by line.

    python -m evals.posting_parser [--dir ../shared/data/wanted] [--seed 0]
"""
from __future__ import annotations

import argparse
import random
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

from evals.real_postings import DEFAULT_DIR, load_postings
from onboarding.posting_parser import heading_key, parse_posting_text

FIELDS = {"duties": "MAINDUTIES", "qualifications": "QUALIFICATION", "preferred": "PREFERENTIAL", "benefits": "BENEFITS"}
HEADINGS = {
    "ko": {"duties": "주요업무", "qualifications": "자격요건", "preferred": "우대사항", "benefits": "혜택 및 복지"},
    "ko2": {"duties": "담당 업무", "qualifications": "지원 자격", "preferred": "우대 사항", "benefits": "복리후생"},
    "en": {"duties": "Responsibilities", "qualifications": "Requirements", "preferred": "Nice to have", "benefits": "Benefits"},
}
STYLES = ["{h}", "[{h}]", "■ {h}", "## {h}", "{h}:", "【{h}】", "<{h}>", "▶ {h}"]
BULLETS = ["• ", "- ", "※ ", "▶ ", "{n}. ", ""]


def _lines(text: str) -> list[str]:
    out = []
    for line in (text or "").splitlines():
        line = re.sub(r"^\s*(?:[-*•·∙◦ㆍᆞ▪■□●○◆◇▶▷►➤※①-⑳]|\d{1,2}[.)])\s*", "", unicodedata.normalize("NFC", line)).strip()
        if line:
            out.append(re.sub(r"\s+", " ", line))
    return out


def layout(post: dict, rng: random.Random) -> tuple[str, dict[str, list[str]]]:
    names = HEADINGS[rng.choice(list(HEADINGS))]
    style, bullet = rng.choice(STYLES), rng.choice(BULLETS)
    parts = [str(post.get("GROUP_INTRO") or "").strip()[:400]] if rng.random() < 0.5 else []
    truth: dict[str, list[str]] = {}
    for key, field in FIELDS.items():
        lines = _lines(str(post.get(field) or ""))
        if not lines:
            continue
        truth[key] = lines
        body = "\n".join(bullet.format(n=i + 1) + ln for i, ln in enumerate(lines))
        parts.append(style.format(h=names[key]) + "\n" + body)
    return "\n\n".join(parts), truth


def f1(pred: list[str], gold: list[str]) -> float:
    if not pred and not gold:
        return 1.0
    p, g = set(pred), set(gold)
    hit = len(p & g)
    return 0.0 if not hit else 2 * hit / (len(p) + len(g))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--dir", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if not args.dir.exists():
        print(f"no data at {args.dir}")
        return 2
    rng = random.Random(args.seed)
    postings = load_postings(args.dir)
    per_section: dict[str, list[float]] = defaultdict(list)
    exact = kept = total = clean = 0
    for post in postings:
        text, truth = layout(post, rng)
        parsed = {k: _lines(v) for k, v in parse_posting_text(text).items()}
        everywhere = {ln for lines in parsed.values() for ln in lines}
        # A line that is itself a heading becomes the section's heading, not content; "heading: text"
        # keeps its text.
        content = [heading_key(ln)[1] or ln for lines in truth.values() for ln in lines if not heading_key(ln)[0] or heading_key(ln)[1]]
        kept += sum(_lines(ln)[0] in everywhere for ln in content if _lines(ln))
        total += sum(1 for ln in content if _lines(ln))
        # Real fields often carry their own sub-headings ("[채용절차]", "근무시간: …" inside BENEFITS);
        # the section score counts only fields without one, where the field is the true section.
        if any(heading_key(ln)[0] for lines in truth.values() for ln in lines):
            continue
        clean += 1
        scores = [f1(parsed.get(k, []), truth[k]) for k in truth]
        for k, sc in zip(truth, scores):
            per_section[k].append(sc)
        exact += all(sc == 1.0 for sc in scores)
    print(f"{len(postings)} real postings, random layouts (seed {args.seed})")
    print(f"  content lines kept (in some section): {kept / total:.4f}")
    print(f"  postings without sub-headings inside a field: {clean}")
    print(f"    every section recovered exactly: {exact / clean:.3f}")
    for k, vals in per_section.items():
        print(f"    {k:<15} mean line F1 {sum(vals) / len(vals):.3f}  (n={len(vals)})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
