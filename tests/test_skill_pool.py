"""The skill pool: normalization, the cross-company rules, the resumable batch, the catalog routes,
and its use in generation (suggestions beside the posting, never in it as company facts)."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from evals.real_postings import DEFAULT_DIR
from guards.grounding import Claim
from guards.output_checks import grounding_findings
from knowledge.batch import rebuild
from knowledge.skill_pool import PoolCounts, PoolPosting
from knowledge.skill_terms import skill_terms
from llm.models import ModelSet
from store.db import make_engine, make_session_factory, migrate
from store.repository import Repository
from store.skill_pool import SkillPoolRepository
from tests.conftest import ADMIN_HEADERS

ROOT = Path(__file__).resolve().parents[1]


def keys(line: str) -> set[str]:
    return {t.key for t in skill_terms(line)}


def test_spelling_variants_count_as_one_skill():
    assert keys("파이썬 개발 경험") & keys("Python3 개발 경험") == {"python"}
    assert "kubernetes" in keys("쿠버네티스 운영") and "kubernetes" in keys("Kubernetes 운영")
    assert "ga4" in keys("구글 애널리틱스 4 활용") and "ga4" in keys("GA4 활용")
    assert "급여관리" in keys("급여 관리 경험") & keys("급여관리 가능자")
    assert "excel" in keys("엑셀 능숙자") and "excel" in keys("MS Excel 활용")
    # The frame of a requirement is not a skill; ordinary words that look like aliases are not merged.
    assert not keys("관련 경험 3년 이상") and "vue" not in keys("뷰티 브랜드 마케팅")


def _corpus() -> list[PoolPosting]:
    def p(company: str, code: str, quals: str) -> PoolPosting:
        return PoolPosting(company, code, {"qualifications": quals})

    return [p("a", "1000210", "- 결산 업무\n- 더존 사용\n- 엑셀"), p("b", "1000210", "- 결산 경험\n- Douzone ERP\n- Excel"),
            p("c", "1000210", "- 세무 신고\n- 누리챗 운영"), p("c", "1000210", "- 누리챗 프로젝트"),
            p("d", "1000229", "- Python\n- Excel"), p("e", "1000229", "- 파이썬\n- 엑셀"), p("f", "1000229", "- Kafka\n- 엑셀")]


def test_pool_needs_two_companies_job_specificity_and_no_registry_entry():
    counts = PoolCounts(_corpus())
    pool = {e.skill: e for e in counts.pool("1000210", kind="required", min_lift=1.2)}
    assert pool["결산"].companies == 2 and pool["Douzone"].companies == 2
    assert "누리챗" not in pool  # one company's own word, however often it uses it
    assert "Excel" not in pool  # named as often by backend postings: not a finance skill
    assert {e.skill for e in counts.pool("1000229", kind="required")} >= {"Python"}
    assert "결산" not in {e.skill for e in counts.pool("1000210", kind="required", exclude_keys=frozenset({"결산"}))}


def _stores(url: str):
    engine = make_engine(url)
    migrate(engine)
    sf = make_session_factory(engine)
    return Repository(sf), SkillPoolRepository(sf)


def test_batch_resumes_and_readers_keep_the_last_finished_pool(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    with TestClient(create_app(_settings(url), ModelSet()), headers=ADMIN_HEADERS):
        pass  # migrate and seed the bundled companies
    repo, store = _stores(url)
    first = rebuild(repo, store)
    before = store.pool(job_code="1000229")
    # A second batch is cut off after one job code: readers still see the first one.
    batch = store.start_or_resume(sources={})
    store.write_job_code(batch_id=batch.id, job_code="1000201", entries={"required": [{"skill": "marker", "key": "marker"}]})
    now = store.pool(job_code="1000229")
    assert now[0].id == before[0].id == first and now[1] == before[1]
    assert rebuild(repo, store) == batch.id  # the same batch, resumed
    done = store.get_batch(batch_id=batch.id)
    assert done.state == "done" and len(done.job_codes_done) == 6
    assert store.pool(job_code="1000201")[1]["required"] == [{"skill": "marker", "key": "marker"}]  # not redone


def _settings(url: str, **extra):
    from core.config import Settings
    from tests.conftest import ADMIN_TOKEN

    return Settings(database_url=url, llm_base_url="", llm_api_key="", admin_token=ADMIN_TOKEN, rate_limit_rpm=0,
                    rate_limit_tokens_per_day=0, skill_pool_build_at_start=False, **extra)


@pytest.fixture(scope="module")
def real_pool_db(tmp_path_factory):
    if not DEFAULT_DIR.exists():
        pytest.skip("no ../shared/data/wanted")
    url = f"sqlite:///{tmp_path_factory.mktemp('pool') / 'j.db'}"
    with TestClient(create_app(_settings(url), ModelSet()), headers=ADMIN_HEADERS):
        pass
    env = {**os.environ, "JOBPOST_DATABASE_URL": url}
    out = subprocess.run([sys.executable, "-m", "knowledge.cli", "rebuild", "--wanted", str(DEFAULT_DIR)], cwd=ROOT, env=env,
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr[-2000:]
    assert json.loads(out.stdout)["state"] == "done"
    return url


def test_real_pool_through_the_catalog(real_pool_db):
    with TestClient(create_app(_settings(real_pool_db), ModelSet()), headers=ADMIN_HEADERS) as c:
        status = c.get("/skill-pool").json()
        assert status["latest_done"]["sources"]["wanted_postings"] > 2000
        for code, expect in (("1000201", {"채용", "인사", "급여", "HR"}), ("1000210", {"회계", "결산", "세무", "재무"})):
            body = c.get(f"/job-codes/{code}/skills").json()
            assert body["built_at"] and all(body[k] for k in ("required", "preferred", "duties"))
            top = {e["skill"] for k in ("required", "duties") for e in body[k][:10]}
            assert top & expect, top
            assert all(e["companies"] >= 2 for k in ("required", "preferred", "duties") for e in body[k])
        assert c.get("/job-codes/9999999/skills").status_code == 404
        digest = c.get("/job-codes/1000201/digest", params={"level": "senior", "k": 3}).json()
        assert 1 <= len(digest["postings"]) <= 3 and all(p["summary"] for p in digest["postings"])
        assert len({p["company_id"] for p in digest["postings"]}) == len(digest["postings"])
        assert c.get("/job-codes/1000201/digest", params={"level": "galactic"}).status_code == 422


def test_generation_suggests_pool_skills_beside_the_posting(real_pool_db):
    with TestClient(create_app(_settings(real_pool_db), ModelSet()), headers=ADMIN_HEADERS) as c:
        ask = "채용 담당자 공고를 써줘. 주니어 대상으로 친절하게."
        body = c.post("/generations", json={"company_id": "nuri-ai", "job_code": "1000201", "mode": "custom", "request": ask}).json()
        suggestions = body["skill_suggestions"]
        assert suggestions, body.get("skill_suggestions")
        for s in suggestions:
            assert s["note"] and s["companies"] >= 2
            assert s["skill"] not in body["posting"]  # beside the posting, not presented as the company's
        # While a custom posting is written, the stream sends a digest to read (looked up beside the run,
        # so it never delays the first token; it is sent as soon as it is ready, before the result).
        with c.stream("POST", "/generations/stream", json={"company_id": "nuri-ai", "job_code": "1000201", "request": ask}) as r:
            events = [ln[6:].strip() for ln in r.iter_lines() if ln.startswith("event:")]
        # (A custom run's place in line, `queue`, comes right after `thread`: jobs.service.admitted.)
        assert events[1] == "queue"
        assert events[0] == "thread" and events.count("digest") == 1 and events[-1] == "result"
        assert events.index("digest") < events.index("result")


def test_grounding_tells_a_pool_suggestion_from_an_unsupported_claim():
    claims = [Claim("preferred", "- Kubernetes 운영 경험", "skill", "Kubernetes"), Claim("preferred", "- Kafka 경험", "skill", "Kafka")]
    found = {f.span: f for f in grounding_findings(claims, removed=True, suggested={"kubernetes"})}
    assert found["Kubernetes"].rule_id == "OUT-GROUND-003" and found["Kubernetes"].severity == "info"
    assert found["Kafka"].rule_id == "OUT-GROUND-002"
