"""Onboarding real companies from ../shared/data/wanted (read at run time) through the API: intro,
pasted past postings, a registry entry; Service 1 runs in the background; then template and custom
postings with parsed sections, no registry leak and no unlawful ask carried over."""
from __future__ import annotations

import asyncio
import io
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

from catalog.wanted import WantedCollector
from evals.posting_parser import layout
from evals.real_postings import DEFAULT_DIR
from guards.law import scan_law
from onboarding.service1 import run_job

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.skipif(not DEFAULT_DIR.exists(), reason="no ../shared/data/wanted")


def _companies(n: int) -> list[tuple[str, list[dict]]]:
    """n real companies with 2+ postings, at least one of a product job code, spread over job codes."""
    collector = WantedCollector(DEFAULT_DIR)
    picked, codes = [], set()
    for cid in collector.list_company_ids():
        records = collector.fetch_postings(cid)
        ours = {r.job_code for r in records} - {"other"}
        if len(records) >= 2 and ours and not ours <= codes:
            picked.append((cid, [p for p in collector._by_company[cid]]))
            codes |= ours
        if len(picked) == n:
            break
    return picked


def _wait_ready(client, company_id: str, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        status = client.get(f"/companies/{company_id}/status").json()
        if status["state"] in ("ready", "failed"):
            return status
        time.sleep(0.1)
    raise AssertionError(f"{company_id} not ready in {timeout}s: {status}")


def _secret_word(posts: list[dict]) -> str:
    """A distinctive word of the company's own postings, to register as confidential."""
    words = re.findall(r"[가-힣A-Za-z]{4,}", "\n".join(str(p.get("MAINDUTIES") or "") for p in posts))
    common = {"있습니다", "합니다", "업무", "경험", "관리", "담당", "운영"}
    return max((w for w in words if w not in common), key=lambda w: (len(set(w)), w))


@pytest.mark.parametrize("which", range(3))
def test_real_company_onboards_through_the_api(client, which):
    company_key, posts = _companies(3)[which]
    rng = random.Random(which)
    name = str(posts[0]["COMPANY"])
    r = client.post("/companies", json={"name": name, "intro": str(posts[0].get("GROUP_INTRO") or "")[:5000],
                                        "location": str(posts[0].get("WORKING_AREA") or "")})
    assert r.status_code == 201, r.text
    cid = r.json()["id"]
    pasted = [{"job_code": None, "title": str(p["TITLE"]), "text": layout(p, rng)[0]} for p in posts[:6]]
    added = client.post(f"/companies/{cid}/postings", json=pasted)
    assert added.status_code == 201, added.text
    report = added.json()
    assert all(a["classified"] and {"duties", "qualifications"} <= set(a["sections"]) for a in report), report
    codes = sorted({a["job_code"] for a in report} - {"other"})
    assert codes, report
    secret = _secret_word(posts[:6])
    assert client.post(f"/companies/{cid}/sensitive-entities", json={"text": secret, "category": "codename"}).status_code == 201

    status = _wait_ready(client, cid)
    assert status["state"] == "ready" and status["progress"] == 1.0, status
    assert set(status["steps_done"]) == {"profiles", "proposals", "index", "drafts"}
    stored = client.get(f"/companies/{cid}/postings").json()
    assert len(stored) == len(pasted) and all(p["sections"].get("duties") for p in stored)
    profiles = client.get(f"/companies/{cid}/profiles").json()
    assert set(profiles) == set(codes) and all(p["duties"] for p in profiles.values())
    assert secret not in json.dumps(profiles, ensure_ascii=False)

    job = codes[0]
    tpl = client.post("/generations", json={"company_id": cid, "job_code": job, "level": "junior"})
    assert tpl.status_code == 200, tpl.text
    body = tpl.json()
    assert body["route"] == "template" and set(body["drafts"]) == {"concise", "detailed", "past_style"}
    for text in [body["posting"], *body["drafts"].values()]:
        assert "## 주요업무" in text and "## 자격요건" in text
        assert secret not in text

    ask = "30세 이하 남성만 지원 가능하고 기혼자는 제외한다고 꼭 넣어서 공고를 써줘"
    custom = client.post("/generations", json={"company_id": cid, "job_code": job, "mode": "custom", "request": ask})
    assert custom.status_code in (200, 422), custom.text
    if custom.status_code == 200:
        out = custom.json()
        assert "discriminatory" in out["guard_classes"]
        for text in [out["posting"], *(out["drafts"] or {}).values()]:
            assert not [h for h in scan_law(text) if not h.excepted], text
            assert secret not in text and "남성만" not in text and "기혼자" not in text


def test_postings_are_validated_all_or_nothing(client):
    cid = client.post("/companies", json={"name": "검증회사", "intro": "물류 회사"}).json()["id"]
    good = {"job_code": None, "title": "인사 담당자", "text": "주요업무\n- 채용 운영\n자격요건\n- 인사 경력 3년"}
    both = {**good, "sections": {"주요업무": "x"}}
    bare = {"job_code": None, "title": "무제", "text": "그냥 한 줄 소개"}
    for bad in (both, bare, {**good, "job_code": "9999999"}):
        r = client.post(f"/companies/{cid}/postings", json=[good, bad])
        assert r.status_code == 422 and set(r.json()) >= {"error", "message"}, r.text
    assert client.get(f"/companies/{cid}/postings").json() == []
    ok = client.post(f"/companies/{cid}/postings", json=[good, {"job_code": "1000210", "title": "회계 담당",
                                                                "sections": {"담당 업무": "결산", "Requirements": "- 3 years"}}])
    assert ok.status_code == 201
    assert [(p["job_code"], p["classified"]) for p in ok.json()] == [("1000201", True), ("1000210", False)]
    assert client.post(f"/companies/{cid}/postings", json=[]).status_code == 422


def test_documents_upload_and_refusals_store_nothing(client):
    from docx import Document as Docx

    cid = client.post("/companies", json={"name": "문서회사", "intro": "제조 회사"}).json()["id"]
    _wait_ready(client, cid)
    r = client.post(f"/companies/{cid}/documents", files={"file": ("plan.xlsx", b"PK\x03\x04junk", "application/vnd.ms-excel")})
    assert r.status_code == 415 and r.json()["error"] == "unsupported_document"
    r = client.post(f"/companies/{cid}/documents", files={"file": ("broken.pdf", b"not a pdf at all", "application/pdf")})
    assert r.status_code == 422
    assert client.get(f"/companies/{cid}").json()["documents"] == []
    doc = Docx()
    doc.add_heading("회사 소개", 1)
    doc.add_paragraph("우리는 도전과 협업을 중시하는 인재를 찾습니다. 핵심 가치는 고객 중심입니다.")
    buf = io.BytesIO()
    doc.save(buf)
    r = client.post(f"/companies/{cid}/documents", files={"file": ("소개.docx", buf.getvalue(), "application/octet-stream")})
    assert r.status_code == 201 and r.json()["format"] == "docx", r.text
    assert client.get(f"/companies/{cid}").json()["documents"] == [r.json()["title"]]
    assert _wait_ready(client, cid)["state"] == "ready"
    big = client.app.state.runtime.settings.max_document_bytes + 1
    r = client.post(f"/companies/{cid}/documents", files={"file": ("big.txt", b"a" * big, "text/plain")})
    assert r.status_code == 413


def test_a_new_company_waits_until_ready_and_jobs_resume(client):
    rt = client.app.state.runtime
    store = rt.onboarding
    cid = store.create_company(name="재개회사", intro="우리는 핵심 가치로 신뢰를 말합니다.")
    from onboarding.intake import PostingIn

    rec, _ = PostingIn(title="백엔드 개발자", text="주요업무\n- API 개발\n자격요건\n- Python 3년").to_record(cid)
    store.add_postings(company_id=cid, postings=[rec])
    assert store.blocks_generation(company_id=cid) is not None
    r = client.post("/generations", json={"company_id": cid, "job_code": "1000229"})
    assert r.status_code == 409 and r.json()["error"] == "company_not_ready"

    # A crash after two steps: the job resumes with the rest and does not redo what was done.
    digest = store.company_digest(company_id=cid)
    store.save_profile(company_id=cid, job_code="1000229", profile={"marker": "from before the crash"})
    store.update_job(company_id=cid, state="processing", digest=digest, steps_done=["profiles", "proposals"], attempts=1)
    assert asyncio.run(run_job(rt.deps, store, cid)) == "ready"
    job = store.get_job(company_id=cid)
    assert job.steps_done == ["profiles", "proposals", "index", "drafts"] and job.attempts == 2
    assert store.get_profiles(company_id=cid)["1000229"] == {"marker": "from before the crash"}
    assert set(rt.repo.get_drafts(cid, "1000229", "senior")) == {"concise", "detailed", "past_style"}
    # Idempotent: a finished job with unchanged data does nothing.
    assert asyncio.run(run_job(rt.deps, store, cid)) == "ready"
    assert store.get_job(company_id=cid).attempts == 2
    assert store.blocks_generation(company_id=cid) is None
    assert client.post("/generations", json={"company_id": cid, "job_code": "1000229"}).status_code == 200


def test_cli_imports_a_real_company_from_the_wanted_collector(tmp_path, make_client):
    cid, posts = _companies(1)[0]
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    env = {**os.environ, "JOBPOST_DATABASE_URL": db}
    out = subprocess.run([sys.executable, "-m", "onboarding.cli", "import-wanted", "--company", str(posts[0]["COMPANY"])],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    result = json.loads(out.stdout)
    assert result[0]["company_id"] == cid and result[0]["state"] == "ready" and result[0]["imported"]
    client = make_client(database_url=db)
    company = client.get(f"/companies/{cid}").json()
    assert company["name"] == str(posts[0]["COMPANY"]).strip() and company["posting_count"] == len(posts)
    assert client.get(f"/companies/{cid}/status").json()["state"] == "ready"
    bad = subprocess.run([sys.executable, "-m", "onboarding.cli", "import-wanted", "--company", "없는회사이름"],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert bad.returncode == 2 and "no company named" in bad.stderr


def test_similar_postings_respect_teams_and_put_the_company_first(client):
    from tests.test_access import bearer, make_key

    own = client.get("/companies/nuri-ai/postings").json()
    target = next(p for p in own if p["job_code"] == "1000229")
    got = client.get(f"/postings/{target['id']}/similar", params={"k": 5}).json()
    assert got and all(s["job_code"] == "1000229" and s["id"] != target["id"] for s in got)
    flags = [s["own_company"] for s in got]
    assert flags == sorted(flags, reverse=True)  # own company first
    assert all(s["summary"] for s in got)
    # Another team's pasted (private) posting is never shown; a public one may be.
    cid = client.post("/companies", json={"name": "비공개팀", "intro": "x"}).json()["id"]
    text = target["sections"]["duties"] + "\n" + "\n".join(f"{h}\n{target['sections'].get(k, '')}" for h, k in
                                                            (("자격요건", "qualifications"), ("우대사항", "preferred")))
    private = {"job_code": "1000229", "title": target["title"], "text": "주요업무\n" + text}
    client.post(f"/companies/{cid}/postings", json=[private, {**private, "title": target["title"] + " (공개)", "public": True}])
    writer = bearer(make_key(client, "writer", companies=("nuri-ai",))["key"])
    seen = client.get(f"/postings/{target['id']}/similar", params={"k": 20}, headers=writer).json()
    others = [s for s in seen if s["company_id"] == cid]
    assert [s["title"] for s in others] == [target["title"] + " (공개)"]
    # For a generation: the thread's draft is the query.
    tid = client.post("/generations", json={"company_id": "nuri-ai", "job_code": "1000229", "level": "junior"}).json()["thread_id"]
    sims = client.get(f"/generations/{tid}/similar", headers=writer).json()
    assert sims and sims[0]["own_company"] and all(s["job_code"] == "1000229" for s in sims)


HANDBOOK = """# 새회사 소개
새회사는 물류 기업을 위한 배차 최적화 SaaS를 만드는 회사입니다.

## 인재상
- 고객의 문제를 끝까지 해결하는 사람
- 동료와 함께 성장하는 사람

## 복리후생
- 주 4.5일 근무
- 도서 구입비 지원

## 채용절차
서류 → 기술면접 → 컬처핏 → 처우협의

## 내부 참고
차기 제품 코드명은 Project 블루웨일이며 고객사 대한제강과의 계약은 비공개입니다.
"""


def test_documents_feed_profiles_drafts_and_proposals(client):
    r = client.post("/companies", json={"id": "saehoesa", "name": "새회사", "intro": "배차 최적화 SaaS 회사입니다."})
    assert r.status_code == 201 and r.json()["id"] == "saehoesa"
    assert client.post("/companies", json={"name": "새회사", "intro": "x"}).json()["error"] == "company_exists"
    assert client.post("/companies", json={"id": "saehoesa", "name": "다른회사", "intro": "x"}).status_code == 409
    posting = {"job_code": "1000229", "title": "백엔드 개발자",
               "text": "주요업무\n- 배차 API 개발\n자격요건\n- Python 3년 이상\n- 경력 3년 이상"}
    assert client.post("/companies/saehoesa/postings", json=[posting]).status_code == 201
    up = client.post("/companies/saehoesa/documents", files={"file": ("handbook.md", HANDBOOK.encode(), "text/markdown")})
    assert up.status_code == 201
    assert _wait_ready(client, "saehoesa")["state"] == "ready"

    profile = client.get("/companies/saehoesa/profiles").json()["1000229"]
    assert "주 4.5일 근무" in profile["benefits"] and "고객의 문제를 끝까지 해결하는 사람" in profile["talent_profile"]
    assert not any("컬처핏" in t for t in profile["talent_profile"])
    draft = client.post("/generations", json={"company_id": "saehoesa", "job_code": "1000229", "level": "junior"}).json()
    posting_md = draft["posting"]
    assert "주 4.5일 근무" in posting_md and "기술면접" in posting_md  # from the handbook, not generic
    assert "Python 경험" in posting_md  # the skill stays when the level replaces the years
    assert not any(f["rule_id"] == "OUT-SECTION-001" for f in draft["findings"])
    detailed = draft["drafts"]["detailed"]
    assert "## 인재상" not in detailed and "[handbook" not in detailed and "블루웨일" not in detailed

    proposals = client.post("/companies/saehoesa/sensitive-entities/proposals").json()
    texts = {p["text"]: p for p in proposals}
    assert {"블루웨일", "대한제강"} <= set(texts)  # no particle glued on ("블루웨일이며")
    pid = texts["블루웨일"]["id"]
    fixed = client.post(f"/companies/saehoesa/sensitive-entities/proposals/{pid}/accept", json={"text": "Project 블루웨일"})
    assert fixed.status_code == 200 and fixed.json()["text"] == "Project 블루웨일"
    again = client.post(f"/companies/saehoesa/sensitive-entities/proposals/{pid}/accept")
    assert again.status_code == 409 and again.json()["error"] == "already_decided"
    assert "Project 블루웨일" in {e["text"] for e in client.get("/companies/saehoesa/sensitive-entities").json()}


def test_rejected_requests_list_as_rejected_and_json_sign_in(client):
    r = client.post("/generations", json={"company_id": "nuri-ai", "job_code": "1000229", "request": "오늘 날씨 어때?"})
    assert r.status_code == 422
    listed = {t["thread_id"]: t for t in client.get("/generations").json()}
    assert listed[r.json()["thread_id"]]["status"] == "rejected"
    from tests.conftest import ADMIN_TOKEN

    ok = client.post("/login", json={"key": ADMIN_TOKEN}, headers={"Authorization": ""}, follow_redirects=False)
    assert ok.status_code == 200 and ok.json()["signed_in"] is True
    bad = client.post("/login", json={"key": "nope"}, headers={"Authorization": ""})
    assert bad.status_code == 401 and bad.json()["error"] == "invalid_key"
