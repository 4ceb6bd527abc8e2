"""Precision checks on 2,946 real Korean postings (../shared/data/wanted, read at run time)."""
from __future__ import annotations

import pytest

from evals.real_postings import DEFAULT_DIR, load_postings, scan
from guards.request_screen import screen_request

pytestmark = pytest.mark.skipif(not DEFAULT_DIR.exists(), reason="shared Wanted data not present")


@pytest.fixture(scope="module")
def postings():
    return load_postings(DEFAULT_DIR)


def test_law_rules_rarely_fire_on_real_postings(postings):
    assert len(postings) > 2000
    _, _, flagged = scan(postings)
    assert flagged / len(postings) < 0.02


def test_real_posting_text_is_never_rejected_as_a_request(postings):
    rejected = []
    for p in postings:
        text = (p["TITLE"] + " 공고. " + (p.get("MAINDUTIES") or ""))[:4000]
        if screen_request(text).verdict == "reject":
            rejected.append(p["ID"])
    assert len(rejected) <= len(postings) * 0.001, rejected[:10]
