from __future__ import annotations

import os
import uuid

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.config import Settings
from llm.models import ModelSet

# The tests' global admin key (JOBPOST_ADMIN_TOKEN); clients made by make_client send it.
ADMIN_TOKEN = "test-admin-token-0123456789abcdef"
ADMIN_HEADERS = {"Authorization": f"Bearer {ADMIN_TOKEN}"}

PG_ADMIN_URL = os.environ.get("JOBPOST_TEST_PG_ADMIN_URL", "postgresql://root@127.0.0.1:5432/postgres")


@pytest.fixture
def settings(tmp_path) -> Settings:
    # Request and token limits are off here (tests/test_access.py exercises them), and so is the
    # skill pool's start-up build (tests/test_skill_pool.py).
    return Settings(database_url=f"sqlite:///{tmp_path / 'jobpost.db'}", llm_base_url="", llm_api_key="",
                    admin_token=ADMIN_TOKEN, rate_limit_rpm=0, rate_limit_tokens_per_day=0, skill_pool_build_at_start=False)


@pytest.fixture
def make_client(settings):
    """make_client(models="offline", headers=ADMIN_HEADERS, **settings_overrides) -> a started TestClient.
    models=None builds the models from the settings (the JOBPOST_LLM_* overrides)."""
    clients = []

    def _make(models: ModelSet | None | str = "offline", headers: dict | None = None, **overrides) -> TestClient:
        app = create_app(settings.model_copy(update=overrides), ModelSet() if models == "offline" else models)
        client = TestClient(app, headers=ADMIN_HEADERS if headers is None else headers)
        client.__enter__()
        clients.append(client)
        return client

    yield _make
    for c in clients:
        c.__exit__(None, None, None)


@pytest.fixture
def client(make_client) -> TestClient:
    return make_client()


@pytest.fixture(scope="session")
def pg_url():
    """A fresh PostgreSQL database on the local server for this test session."""
    import psycopg

    name = f"jobpost_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    yield f"{base}/{name}"
    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
