"""False redactions: other companies' product names as a registry, matched over real postings (../shared)."""
from __future__ import annotations

import json

import pytest

from evals.false_redactions import DEFAULT_DIR, main, measure

LIMIT = 300


@pytest.mark.skipif(not DEFAULT_DIR.exists(), reason=f"shared Wanted data not present at {DEFAULT_DIR}")
def test_false_redaction_rate_on_a_subset_of_real_postings(tmp_path):
    out = tmp_path / "false_redactions.json"
    assert main(["--data", str(DEFAULT_DIR), "--limit", str(LIMIT), "--seed", "0", "--json", str(out)]) == 0
    report = json.loads(out.read_text(encoding="utf-8"))

    assert report["postings_scanned"] == LIMIT
    assert 0 < report["companies_scanned"] <= LIMIT
    assert report["candidates"]["pool_size"] > 500
    sizes = report["registry_size"]
    assert 10 <= sizes["min"] <= sizes["median"] <= sizes["max"] <= 20
    assert set(report["hits_by_kind"]) == {"exact", "variant", "partial"}
    assert sum(report["hits_by_kind"].values()) == report["hits_total"]
    assert sum(report["hits_by_name_rule"].values()) == report["hits_total"]
    flagged = report["postings_with_false_redaction"]
    assert flagged <= report["hits_total"]
    assert report["false_redaction_rate"] == round(flagged / LIMIT, 4)
    assert len(report["top_hits"]) <= 30
    for hit in report["top_hits"]:
        assert {"entity", "entity_from", "matched", "kind", "hits", "postings", "example"} <= set(hit)
        assert hit["matched"].split()[0] in hit["example"]["context"]

    assert report["false_redaction_rate"] < 0.05, report["top_hits"][:5]


def _posting(pid: int, company: str, intro: str, duties: str) -> dict:
    return {"ID": pid, "COMPANY": company, "GROUP_INTRO": intro, "TITLE": "백엔드 개발자",
            "MAINDUTIES": duties, "QUALIFICATION": "", "PREFERENTIAL": "", "BENEFITS": ""}


def test_another_companys_product_is_a_false_redaction_but_a_name_of_ones_own_is_not():
    postings = [
        # 알파랩 makes 루미노바; its own posting naming it must never count.
        _posting(1, "알파랩", "알파랩은 ‘루미노바’ 앱을 만듭니다. 루미노바 앱은 백만 명이 씁니다.", "루미노바 서버 개발"),
        # 베타웍스 has nothing to do with it, yet its posting mentions the name: a false redaction.
        _posting(2, "베타웍스", "베타웍스는 물류 회사입니다.", "루미노바 연동 API 개발"),
        # 감마(주) names 루미노바 as a partner in its own intro: not a secret of its own either.
        _posting(3, "감마(주)", "감마는 루미노바와 제휴한 회사입니다.", "루미노바 제휴 운영"),
    ]
    report = measure(postings)
    assert report["postings_scanned"] == 3
    assert report["postings_with_false_redaction"] == 1
    (hit,) = report["top_hits"]
    assert hit["entity"] == "루미노바" and hit["entity_from"] == "알파랩" and hit["kind"] == "exact"
    assert hit["example"]["company"] == "베타웍스"
    assert "루미노바 연동" in hit["example"]["context"]
    assert measure(postings) == report  # deterministic
