"""The store and the whole review cycle on the PostgreSQL server of this machine."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.conftest import ADMIN_HEADERS, ADMIN_TOKEN

from api.app import create_app
from catalog.collector import BundledCollector
from core.config import get_settings
from store.db import make_engine, make_session_factory, migrate
from store.repository import Repository, seed_from_collector


@pytest.fixture(params=["sqlite", "postgresql"])
def repo(request, tmp_path):
    url = f"sqlite:///{tmp_path / 'r.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = make_engine(url)
    migrate(engine)
    yield Repository(make_session_factory(engine))
    engine.dispose()


def test_repository_round_trip(repo):
    collector = BundledCollector(get_settings().sample_data_dir)
    first = seed_from_collector(repo, collector)
    assert seed_from_collector(repo, collector) == 0, "seeding is idempotent"
    assert first in (0, 5) and len(repo.list_companies()) == 5
    assert [p.job_code for p in repo.list_postings("nuri-ai", "1000229")] == ["1000229"]
    assert any(e.text == "Project 오로라" for e in repo.get_sensitive_entities("nuri-ai"))
    repo.save_drafts("nuri-ai", "1000229", "any", {"concise": ("t", "# t\n")}, "test")
    repo.save_drafts("nuri-ai", "1000229", "any", {"concise": ("t2", "# t2\n")}, "test")
    assert repo.get_drafts("nuri-ai", "1000229", "any")["concise"].title == "t2"


def test_full_cycle_on_postgres(pg_url, tmp_path):
    settings = get_settings().model_copy(update={"database_url": pg_url, "checkpoint_url": "",
                                                 "llm_base_url": "", "llm_api_key": "", "admin_token": ADMIN_TOKEN})
    with TestClient(create_app(settings), headers=ADMIN_HEADERS) as client:
        body = client.post("/generations", json={"company_id": "mirae-logis", "job_code": "1000230",
                                                 "level": "junior"}).json()
        assert body["status"] == "pending_review"
        tid = body["thread_id"]
        r = client.post(f"/generations/{tid}/review",
                        json={"action": "edit", "edited_posting": body["posting"] + "\n- 쿠팡이츠 연동 경험 우대\n"})
        # The edit needed a fix: it comes back for confirmation (checkpointed in PostgreSQL)...
        assert r.json()["status"] == "pending_review" and "쿠팡이츠" not in r.json()["posting"]
        assert client.app.state.runtime.repo.get_run(tid).status == "pending_review"
        r = client.post(f"/generations/{tid}/review", json={"action": "approve"})
        assert r.json()["status"] == "approved"
        assert "쿠팡이츠" not in r.json()["final_posting"]
        run = client.app.state.runtime.repo.get_run(tid)
        assert run.status == "approved" and run.final_markdown == r.json()["final_posting"]


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'm.db'}"
        return
    import uuid

    import psycopg

    from tests.conftest import PG_ADMIN_URL

    name = f"jobpost_mig_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_migrations_upgrade_keeps_drafts_and_downgrade_works(fresh_url):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import text

    from core.config import REPO_ROOT

    engine = make_engine(fresh_url)
    cfg = Config(str(REPO_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(REPO_ROOT / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
        conn.execute(text("INSERT INTO companies VALUES ('c', 'C', 'startup', '', '', '', '', '[]')"))
        conn.execute(text("INSERT INTO drafts (company_id, job_code, level, style, title, markdown, generator, created_at) "
                          "VALUES ('c', '1000229', 'any', 'concise', 't', '# t', 'g', CURRENT_TIMESTAMP)"))
        command.upgrade(cfg, "head")
    repo = Repository(make_session_factory(engine))
    assert repo.get_drafts("c", "1000229", "any")["concise"].language == "ko"
    repo.save_drafts("c", "1000229", "any", {"concise": ("en", "# en")}, "g", language="en")
    assert repo.get_drafts("c", "1000229", "any", "en")["concise"].title == "en"
    assert repo.get_drafts("c", "1000229", "any", "ko")["concise"].title == "t"
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0001")
        assert conn.execute(text("SELECT count(*) FROM drafts")).scalar() == 1
    engine.dispose()


def test_concurrent_first_draft_writes_do_not_fail(repo):
    from concurrent.futures import ThreadPoolExecutor

    seed_from_collector(repo, BundledCollector(get_settings().sample_data_dir))

    def write(i):
        repo.save_drafts("solbit-cosmetics", "1000187", "lead", {s: (f"t{i}", f"# t{i}") for s in
                                                               ("concise", "detailed", "past_style")}, "g")

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(write, range(8)))
    assert len(repo.get_drafts("solbit-cosmetics", "1000187", "lead")) == 3
