"""Trains the learned request classifier (guards.request_model) on the labelled case sets and writes
guards/data/request_model.npz.

    python -m evals.train_request_model [--exclude holdout_v12 ...] [--out PATH] [--epochs N]

Every case set in evals/cases is training data except the ones named in NEVER_TRAIN (the blind sets
kept to measure how the guards do on wording nobody tuned them to) and --exclude. Training is
full-batch Adam from zero weights, so the same sets give the same model.
"""
from __future__ import annotations

import argparse
import json
import random
import re
import time
from pathlib import Path

import numpy as np

from core.config import REPO_ROOT
from evals.real_postings import DEFAULT_DIR, load_postings
from guards.discrimination import sentence_spans
from guards.law import scan_law
from guards.request_model import CLASSES, HASH_BITS, MODEL_PATH, featurize, save

CASES_DIR = REPO_ROOT / "evals" / "cases"
# Blind sets: measured, never trained on (tests.test_evals checks the shipped model agrees).
NEVER_TRAIN = ("holdout_v21",)
EPOCHS = 200
L2 = 1e-4
LEARNING_RATE = 0.05
# A class is rare next to all the lawful requests; its positives weigh up to this much more.
MAX_POSITIVE_WEIGHT = 20.0
# Lines of real postings added as lawful examples (evals.real_postings' data, when present).
REAL_LINES = 4000


def training_sets(exclude: tuple[str, ...] = ()) -> list[Path]:
    return [p for p in sorted(CASES_DIR.glob("*.jsonl"))
            if p.stem.startswith(("dev", "holdout")) and p.stem not in NEVER_TRAIN + exclude]


def load_examples(paths: list[Path]) -> tuple[list[str], np.ndarray]:
    """Every request with its classes, and every sentence of a lawful request as a lawful example
    too: the screen scores single sentences when it decides what to drop, and a short lawful
    fragment ("나이 제한은 없고요") must read as lawful on its own."""
    texts, labels = [], []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                case = json.loads(line)
                classes = case["expect"].get("classes", [])
                texts.append(case["request"])
                labels.append([1.0 if c in classes else 0.0 for c in CLASSES])
                if not classes:
                    request = case["request"]
                    for start, end in sentence_spans(request):
                        if request[start:end].strip() and request[start:end].strip() != request.strip():
                            texts.append(request[start:end])
                            labels.append([0.0] * len(CLASSES))
    return texts, np.array(labels)


def real_posting_lines(directory: Path = DEFAULT_DIR, limit: int = REAL_LINES, seed: int = 0) -> list[str]:
    """Lawful hiring text: lines of published postings (requirements, preferences, benefits) that
    the law scan does not flag. Short "… 있는 분 우대" lines teach the model that a preference
    alone is no restriction. Read at run time from ../shared; none of it is stored."""
    if not directory.exists():
        return []
    lines: set[str] = set()
    for posting in load_postings(directory):
        for field in ("QUALIFICATION", "PREFERENTIAL", "BENEFITS"):
            for line in str(posting.get(field) or "").splitlines():
                line = re.sub(r"^[\s\-*•·ㆍ▶※◆○●]+|\s+$", "", line)
                if len(line) >= 6:
                    lines.add(line)
    pool = sorted(lines)
    random.Random(seed).shuffle(pool)
    lawful: list[str] = []
    for line in pool:
        if len(lawful) >= limit:
            break
        if not [h for h in scan_law(line) if not h.excepted]:
            lawful.append(line)
    return lawful


def training_data(paths: list[Path]) -> tuple[list[str], np.ndarray, list[str]]:
    """The cases of `paths` and lines of real postings, all as (texts, labels); and those lines."""
    texts, labels = load_examples(paths)
    lawful = real_posting_lines()
    if lawful:
        texts, labels = texts + lawful, np.vstack([labels, np.zeros((len(lawful), len(CLASSES)))])
    return texts, labels, lawful


def train(texts: list[str], labels: np.ndarray, epochs: int = EPOCHS) -> tuple[np.ndarray, np.ndarray]:
    """Logistic regression per class on presence features; returns (weights[2**HASH_BITS, classes], bias)."""
    feats = [featurize(t) for t in texts]
    flat = np.concatenate(feats)
    row_of = np.repeat(np.arange(len(feats)), [len(f) for f in feats])
    starts = np.cumsum([0] + [len(f) for f in feats[:-1]])
    n, k = labels.shape
    weights, bias = np.zeros((1 << HASH_BITS, k)), np.zeros(k)
    m, v, mb, vb = np.zeros_like(weights), np.zeros_like(weights), np.zeros(k), np.zeros(k)
    positive = np.clip(0.5 / np.maximum(labels.mean(axis=0), 1e-3), 1.0, MAX_POSITIVE_WEIGHT)
    for step in range(1, epochs + 1):
        z = np.add.reduceat(weights[flat], starts, axis=0) + bias
        p = 1 / (1 + np.exp(-z))
        g = (p - labels) * np.where(labels > 0, positive, 1.0) / n
        grad = np.zeros_like(weights)
        np.add.at(grad, flat, g[row_of])
        grad += L2 * weights
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad * grad
        weights -= LEARNING_RATE * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        gb = g.sum(axis=0)
        mb, vb = 0.9 * mb + 0.1 * gb, 0.999 * vb + 0.001 * gb * gb
        bias -= LEARNING_RATE * (mb / (1 - 0.9 ** step)) / (np.sqrt(vb / (1 - 0.999 ** step)) + 1e-8)
    return weights, bias


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--exclude", nargs="*", default=[], help="case sets (file stems) to leave out as well")
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    ap.add_argument("--epochs", type=int, default=EPOCHS)
    args = ap.parse_args(argv)
    paths = training_sets(tuple(args.exclude))
    started = time.perf_counter()
    texts, labels, lawful = training_data(paths)
    weights, bias = train(texts, labels, args.epochs)
    save(args.out, weights, bias, [p.stem for p in paths])
    print(f"trained on {len(texts) - len(lawful)} requests from {len(paths)} sets and {len(lawful)} lines of real postings in {time.perf_counter() - started:.0f} s; "
          f"positives per class: {dict(zip(CLASSES, labels.sum(axis=0).astype(int).tolist()))}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
