"""Lawful requests made of real postings (../shared, read at run time) pass the request screen:
none is refused, and few get a fix."""
from __future__ import annotations

import pytest

from evals.pasted_postings import requests
from evals.real_postings import DEFAULT_DIR, load_postings
from guards.request_screen import screen_request

pytestmark = pytest.mark.skipif(not DEFAULT_DIR.exists(), reason=f"shared Wanted data not present at {DEFAULT_DIR}")


def test_pasted_real_postings_are_not_refused():
    postings = load_postings(DEFAULT_DIR)[::10]  # every tenth: all job groups, about 300 postings
    results = [screen_request(text, "en" if text.startswith("Please") else "ko") for _, text in requests(postings)]
    refused = [r for r in results if r.verdict == "reject"]
    fixed = [r for r in results if {"discriminatory", "sensitive_request"} & set(r.classes)]
    assert len(refused) <= len(results) * 0.01, [f.span for r in refused for f in r.findings]
    # About 1% of real postings carry a condition the law forbids; a fix on many more would mean
    # the screen reads lawful hiring text as unlawful.
    assert len(fixed) <= len(results) * 0.04, [f.span for r in fixed for f in r.findings]


def test_each_frame_carries_the_posting_text():
    for posting, text in requests(load_postings(DEFAULT_DIR)[:8]):
        fields = [str(posting.get(k) or "").strip() for k in ("MAINDUTIES", "QUALIFICATION", "PREFERENTIAL", "BENEFITS")]
        assert any(f and f[:30] in text for f in fields)
