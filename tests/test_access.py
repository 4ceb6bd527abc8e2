"""Access control behaviour: keys at rest, revocation, bootstrap, sessions, tenants, audit, limits, headers."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from access.local_admin import ensure_local_admin
from access.ratelimit import MemoryRequestLimiter, RedisRequestLimiter, utc_day
from api.app import create_app
from llm.models import ModelSet
from tests.conftest import ADMIN_HEADERS, ADMIN_TOKEN

ROOT = Path(__file__).resolve().parents[1]
OWN, OTHER = "nuri-ai", "chorok-foods"
GEN = {"job_code": "1000229", "level": "junior"}


def bearer(key: str) -> dict:
    return {"Authorization": f"Bearer {key}"}


def make_key(client, role: str, companies=(OWN,), **extra) -> dict:
    r = client.post("/keys", json={"name": f"{role}-{uuid.uuid4().hex[:4]}", "role": role, "companies": list(companies), **extra},
                    headers=ADMIN_HEADERS)
    assert r.status_code == 201, r.text
    return r.json()


def db_path(client) -> Path:
    return Path(client.app.state.runtime.settings.database_url.split("///", 1)[1])


def test_without_a_key_only_health_answers(client):
    # Every route is covered by tests/test_access_matrix.py; these are the shapes of a 401.
    bare = {"Authorization": ""}
    assert client.get("/health", headers=bare).status_code == 200
    r = client.get("/companies", headers=bare)
    assert r.status_code == 401 and r.json()["error"] == "unauthorized" and "Bearer" in r.json()["message"]
    assert r.headers["WWW-Authenticate"] == "Bearer"
    r = client.get("/companies", headers={"Authorization": "Basic Zm9vOmJhcg=="})
    assert r.status_code == 401 and r.json()["error"] == "invalid_key"


def test_keys_at_rest_are_hashes_and_never_logged(client, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    created = make_key(client, "writer")
    secret = created["key"]
    assert secret.startswith("jp_") and len(secret) > 40
    assert client.get("/companies", headers=bearer(secret)).status_code == 200
    assert client.get("/companies", headers=bearer(secret + "x")).status_code == 401
    listed = client.get("/keys", headers=ADMIN_HEADERS).json()
    assert all("key" not in k and "key_hash" not in k for k in listed)
    assert client.post("/login", json={"key": secret}, headers={"Accept": "application/json"}).status_code == 200
    assert client.delete(f"/keys/{created['id']}", headers=ADMIN_HEADERS).status_code == 200

    # At rest: only SHA-256 digests; neither key appears anywhere in the database file.
    raw = b"".join(p.read_bytes() for p in db_path(client).parent.glob("jobpost.db*"))
    for key in (secret, ADMIN_TOKEN):
        assert key.encode() not in raw
    rows = sqlite3.connect(db_path(client)).execute("SELECT key_hash FROM api_keys").fetchall()
    assert (hashlib.sha256(secret.encode()).hexdigest(),) in rows
    out, err = capfd.readouterr()
    for key in (secret, ADMIN_TOKEN):
        assert key not in caplog.text and key not in out and key not in err


def test_revocation_takes_effect_at_once_for_keys_and_sessions(client):
    k = make_key(client, "reviewer")
    assert client.get("/me", headers=bearer(k["key"])).json()["role"] == "reviewer"
    r = client.post("/login", data={"key": k["key"], "next": "/me"}, headers={"Authorization": ""}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/me"
    cookie = r.cookies.get("jobpost_session")
    assert cookie and "HttpOnly" in r.headers["set-cookie"] and "SameSite=strict" in r.headers["set-cookie"]
    client.cookies.clear()
    session = {"Cookie": f"jobpost_session={cookie}", "Authorization": ""}
    assert client.get("/me", headers=session).status_code == 200
    assert client.delete(f"/keys/{k['id']}", headers=ADMIN_HEADERS).json()["active"] is False
    assert client.get("/me", headers=bearer(k["key"])).status_code == 401
    assert client.get("/me", headers=session).status_code == 401
    # The CLI revokes in another process; the running server sees it on the next request.
    k2 = make_key(client, "writer")
    env = {**os.environ, "JOBPOST_DATABASE_URL": client.app.state.runtime.settings.database_url}
    subprocess.run([sys.executable, "-m", "access.cli", "keys", "revoke", k2["id"]], cwd=ROOT, env=env, check=True,
                   capture_output=True)
    assert client.get("/me", headers=bearer(k2["key"])).status_code == 401


def test_cli_creates_lists_and_revokes(tmp_path):
    env = {**os.environ, "JOBPOST_DATABASE_URL": f"sqlite:///{tmp_path / 'cli.db'}", "JOBPOST_SEED_SAMPLE_DATA": "true"}
    run = lambda *a: subprocess.run([sys.executable, "-m", "access.cli", *a], cwd=ROOT, env=env, capture_output=True, text=True)  # noqa: E731
    # The CLI migrates the store but a company must exist: seed it the way the server does.
    from catalog.collector import BundledCollector
    from core.config import Settings
    from store.db import make_engine, make_session_factory, migrate
    from store.repository import Repository, seed_from_collector

    engine = make_engine(env["JOBPOST_DATABASE_URL"])
    migrate(engine)
    seed_from_collector(Repository(make_session_factory(engine)), BundledCollector(Settings().sample_data_dir))
    bad = run("keys", "create", "--name", "x", "--role", "writer", "--company", "no-such-co")
    assert bad.returncode == 2 and "unknown company" in bad.stderr
    made = run("keys", "create", "--name", "HR A", "--role", "writer", "--company", OWN)
    assert made.returncode == 0, made.stderr
    key = json.loads(made.stdout)
    assert key["key"].startswith("jp_") and key["companies"] == [OWN]
    listed = json.loads(run("keys", "list").stdout)
    assert [k["id"] for k in listed] == [key["id"]] and "key" not in listed[0]
    assert json.loads(run("keys", "revoke", key["id"]).stdout)["active"] is False
    assert json.loads(run("keys", "list").stdout) == []
    assert run("keys", "revoke", "key_nope").returncode == 1
    actions = [e["action"] for e in json.loads(run("audit").stdout)]
    assert actions[:2] == ["key.revoke", "key.create"]


def test_env_admin_token_follows_the_environment(make_client):
    c = make_client()
    assert c.get("/me").json()["global"] is True
    app2 = create_app(c.app.state.runtime.settings.model_copy(update={"admin_token": "another-admin-token-0000"}), ModelSet())
    with TestClient(app2) as c2:
        assert c2.get("/me", headers=ADMIN_HEADERS).status_code == 401  # the old token stops working
        assert c2.get("/me", headers=bearer("another-admin-token-0000")).json()["role"] == "admin"
    app3 = create_app(c.app.state.runtime.settings.model_copy(update={"admin_token": ""}), ModelSet())
    with TestClient(app3) as c3:
        assert c3.get("/me", headers=bearer("another-admin-token-0000")).status_code == 401
    with pytest.raises(ValueError, match="at least 16"):
        c.app.state.runtime.settings.model_validate({"admin_token": "short"})


def test_local_admin_key_is_created_once_and_kept_private(make_client, tmp_path):
    c = make_client(admin_token="")
    rt = c.app.state.runtime
    settings = rt.settings.model_copy(update={"local_admin_key_file": tmp_path / "var" / "admin.key"})
    msg = ensure_local_admin(settings, rt.access, "http://127.0.0.1:8000")
    path = settings.local_admin_key_file
    secret = path.read_text().strip()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret not in msg and str(path) in msg and "Authorization: Bearer" in msg
    assert c.get("/me", headers=bearer(secret)).json() | {"key_id": None} == {
        "key_id": None, "name": "local admin", "role": "admin", "global": True, "companies": []}
    again = ensure_local_admin(settings, rt.access, "http://127.0.0.1:8000")
    assert path.read_text().strip() == secret and "Created" not in again
    assert rt.access.count_active_keys() == 1


def test_other_company_is_indistinguishable_from_a_missing_one(client):
    w = bearer(make_key(client, "writer")["key"])
    for path in ("/companies/{}", "/companies/{}/postings"):
        other = client.get(path.format(OTHER), headers=w)
        missing = client.get(path.format("no-such-co"), headers=w)
        assert other.status_code == missing.status_code == 404
        assert other.json()["error"] == missing.json()["error"]
    assert [c["id"] for c in client.get("/companies", headers=w).json()] == [OWN]
    other_thread = client.post("/generations", json={"company_id": OTHER, **GEN}).json()["thread_id"]
    r = client.get(f"/generations/{other_thread}", headers=w)
    assert r.status_code == 404 and r.json()["error"] == client.get("/generations/" + "0" * 32, headers=w).json()["error"]
    assert all(t["company_id"] == OWN for t in client.get("/generations", headers=w).json())
    # LangServe: a thread of another company cannot be continued or read through X-Thread-Id.
    r = client.post("/graph/invoke", json={"input": {"company_id": OWN, **GEN}}, headers={**w, "X-Thread-Id": other_thread})
    assert r.status_code == 404
    # A client-supplied key id in the config is overwritten by the caller's own.
    r = client.post("/graph/invoke", json={"input": {"company_id": OWN, **GEN},
                                           "config": {"configurable": {"jobpost_key_id": "key_spoofed"}}}, headers=w)
    assert r.status_code == 200
    assert all(e["key_id"] != "key_spoofed" for e in client.get("/audit").json())


def test_team_admin_manages_only_its_own_team(client):
    team_admin = bearer(make_key(client, "admin")["key"])
    assert client.post("/keys", json={"name": "x", "role": "writer", "global": True}, headers=team_admin).status_code == 403
    assert client.post("/keys", json={"name": "x", "role": "writer", "companies": [OTHER]}, headers=team_admin).status_code == 404
    mine = client.post("/keys", json={"name": "x", "role": "reviewer", "companies": [OWN]}, headers=team_admin)
    assert mine.status_code == 201
    other_key = make_key(client, "writer", companies=(OTHER,))
    ids = {k["id"] for k in client.get("/keys", headers=team_admin).json()}
    assert mine.json()["id"] in ids and other_key["id"] not in ids
    assert client.delete(f"/keys/{other_key['id']}", headers=team_admin).status_code == 404
    assert client.get(f"/companies/{OTHER}/sensitive-entities", headers=team_admin).status_code == 404
    writer = bearer(make_key(client, "writer")["key"])
    r = client.post("/keys", json={"name": "x", "role": "writer", "companies": [OWN]}, headers=writer)
    assert r.status_code == 403 and r.json()["required_role"] == "admin"


def test_writers_see_the_category_of_a_redaction_never_the_secret(client):
    entities = client.get(f"/companies/{OWN}/sensitive-entities").json()
    assert entities, "the sample company has a registry"
    w = bearer(make_key(client, "writer")["key"])
    assert client.get(f"/companies/{OWN}/sensitive-entities", headers=w).status_code == 403
    ask = f"{entities[0]['text']} 프로젝트 경험을 강조한 백엔드 공고를 써줘"
    r = client.post("/generations", json={"company_id": OWN, **GEN, "mode": "custom", "request": ask}, headers=w)
    assert r.status_code in (200, 422)
    body = r.json()
    text = json.dumps(body, ensure_ascii=False)
    assert any(f["rule_id"].startswith("IN-SENSITIVE") for f in body["findings"]), body["findings"]
    for e in entities:
        assert e["text"] not in text
        assert all(a not in text for a in e.get("aliases") or [])
    # The company's own texts too: past postings, the intro, similar postings' summaries.
    postings = client.get(f"/companies/{OWN}/postings", headers=w).json()
    first = client.get(f"/postings/{postings[0]['id']}", headers=w).json()
    similar = client.get(f"/postings/{postings[0]['id']}/similar", headers=w).json()
    shown = json.dumps([postings, first, similar, client.get(f"/companies/{OWN}", headers=w).json()], ensure_ascii=False)
    for e in entities:
        assert e["text"] not in shown, e["text"]
    assert any(p["redacted"] for p in postings) and all("category" in r for p in postings for r in p["redacted"])
    admin_view = json.dumps(client.get(f"/companies/{OWN}/postings").json(), ensure_ascii=False)
    assert any(e["text"] in admin_view for e in entities)  # admins see the postings as stored


def test_roles_on_review_actions_and_the_audit_trail(client):
    writer, reviewer = make_key(client, "writer"), make_key(client, "reviewer")
    w, rv = bearer(writer["key"]), bearer(reviewer["key"])
    body = client.post("/generations", json={"company_id": OWN, **GEN}, headers=w).json()
    tid = body["thread_id"]
    assert client.post(f"/generations/{tid}/review", json={"action": "approve"}, headers=w).status_code == 403
    revised = client.post(f"/generations/{tid}/review", headers=w,
                          json={"action": "revise", "edited_posting": body["posting"] + "\n- 사내 스터디 지원\n"})
    assert revised.status_code == 200 and revised.json()["status"] == "pending_review"
    assert "사내 스터디 지원" in revised.json()["posting"]
    approved = client.post(f"/generations/{tid}/review", json={"action": "approve", "comment": "ok"}, headers=rv).json()
    assert approved["status"] == "approved" and "사내 스터디 지원" in approved["final_posting"]
    tid2 = client.post("/generations", json={"company_id": OWN, **GEN}, headers=w).json()["thread_id"]
    assert client.post(f"/generations/{tid2}/review", json={"action": "reject"}, headers=rv).json()["status"] == "rejected_by_reviewer"
    client.post(f"/companies/{OWN}/sensitive-entities", json={"text": "비밀프로젝트X", "category": "codename"})

    assert client.get("/audit", headers=rv).status_code == 403
    events = client.get("/audit").json()
    trail = [(e["action"], e["key_id"], e["target"]) for e in reversed(events)]
    assert ("generation.create", writer["id"], tid) in trail
    assert ("generation.revise", writer["id"], tid) in trail
    assert ("generation.approve", reviewer["id"], tid) in trail
    assert ("generation.reject", reviewer["id"], tid2) in trail
    assert ("key.create", client.get("/me").json()["key_id"], writer["id"]) in trail
    reg = next(e for e in events if e["action"] == "registry.add")
    assert reg["detail"] == {"category": "codename", "aliases": 0} and "비밀프로젝트X" not in json.dumps(events, ensure_ascii=False)
    assert [e["action"] for e in client.get("/audit?action=generation&limit=3").json()] == [
        "generation.reject", "generation.create", "generation.approve"]

    # Stored in the database: a restarted server reads the same log.
    app2 = create_app(client.app.state.runtime.settings, ModelSet())
    with TestClient(app2, headers=ADMIN_HEADERS) as c2:
        assert [e["id"] for e in c2.get("/audit").json()][: len(events)] == [e["id"] for e in events]


def test_requests_per_minute_limit_answers_429_with_retry_after(make_client):
    c = make_client(rate_limit_rpm=3)
    k = bearer(make_key(c, "writer", requests_per_minute=None)["key"])
    codes = [c.get("/job-codes", headers=k).status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    r = c.get("/job-codes", headers=k)
    assert r.status_code == 429 and 1 <= int(r.headers["Retry-After"]) <= 60 and r.json()["error"] == "rate_limited"
    # Limits are per key; a key may carry its own.
    roomy = bearer(make_key(c, "writer", requests_per_minute=10)["key"])
    assert [c.get("/job-codes", headers=roomy).status_code for _ in range(5)] == [200] * 5


def test_daily_token_budget_refuses_before_any_work(make_client):
    c = make_client(rate_limit_tokens_per_day=1000)
    k = make_key(c, "writer")
    rt = c.app.state.runtime
    rt.access.add_tokens(key_id=k["id"], day=utc_day(), tokens=1000)
    before_threads = len(rt.access.list_threads(companies=None))
    before_audit = len(c.get("/audit").json())
    for path, body in (("/generations", {"company_id": OWN, **GEN}), ("/generations/stream", {"company_id": OWN, **GEN}),
                       ("/graph/invoke", {"input": {"company_id": OWN, **GEN}})):
        r = c.post(path, json=body, headers=bearer(k["key"]))
        assert r.status_code == 429, (path, r.text)
        assert r.json()["error"] == "token_budget_exhausted" and int(r.headers["Retry-After"]) > 0
    # Nothing half-done: no thread, no run, no audit entry.
    assert len(rt.access.list_threads(companies=None)) == before_threads
    assert len(c.get("/audit").json()) == before_audit
    # Another key's budget is its own.
    assert c.post("/generations", json={"company_id": OWN, **GEN}, headers=bearer(make_key(c, "writer")["key"])).status_code == 200


def test_memory_limiter_window_slides():
    now = [1000.0]
    lim = MemoryRequestLimiter(clock=lambda: now[0])
    assert [lim.hit("k", 2).allowed for _ in range(3)] == [True, True, False]
    assert lim.hit("k", 2).retry_after_s == 60
    now[0] += 30
    assert lim.hit("k", 2).retry_after_s == 30
    now[0] += 30.5
    assert lim.hit("k", 2).allowed and lim.hit("other", 1).allowed


def test_redis_limiter_is_shared_between_processes():
    import redis

    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0", socket_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"jobpost:test:{uuid.uuid4().hex}:"
    a = RedisRequestLimiter("redis://127.0.0.1:6379/0", prefix=prefix)
    b = RedisRequestLimiter("redis://127.0.0.1:6379/0", prefix=prefix)
    assert a.hit("k", 2).allowed and b.hit("k", 2).allowed
    refused = a.hit("k", 2)
    assert not refused.allowed and 1 <= refused.retry_after_s <= 60
    assert not b.hit("k", 2).allowed and a.hit("k2", 2).allowed


def test_browser_sign_in_for_the_playground(client):
    anon = {"Authorization": "", "Accept": "text/html"}
    page = client.get("/graph/playground/", headers=anon)
    assert page.status_code == 401 and 'action="/login"' in page.text and "/graph/playground/" in page.text
    bad = client.post("/login", data={"key": "nope"}, headers={"Authorization": ""})
    assert bad.status_code == 401 and "올바르지 않" in bad.text
    r = client.post("/login", data={"key": ADMIN_TOKEN, "next": "https://evil.example/"}, headers={"Authorization": ""},
                    follow_redirects=False)
    assert r.headers["location"] == "/graph/playground/"  # no open redirect
    cookie = r.cookies["jobpost_session"]
    client.cookies.clear()
    session = {"Authorization": "", "Cookie": f"jobpost_session={cookie}"}
    assert client.get("/graph/playground/", headers=session).status_code == 200
    run = {"input": {"company_id": OWN, **GEN}}
    assert client.post("/graph/invoke", json=run, headers={**session, "Origin": "http://testserver"}).status_code == 200
    cross = client.post("/graph/invoke", json=run, headers={**session, "Origin": "https://evil.example"})
    assert cross.status_code == 403 and cross.json()["error"] == "cross_origin"
    out = client.post("/logout", headers=session, follow_redirects=False)
    assert out.status_code == 303
    assert client.get("/me", headers=session).status_code == 401


def test_security_headers_and_cors_defaults(make_client):
    c = make_client()
    for path in ("/health", "/companies"):
        h = c.get(path).headers
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
        assert h["content-security-policy"].startswith("default-src 'none'") and h["cache-control"] == "no-store"
        assert h["referrer-policy"] == "no-referrer" and "strict-transport-security" not in h
    assert "'self'" in c.get("/graph/playground/").headers["content-security-policy"]
    pre = c.options("/companies", headers={"Origin": "https://hr.example", "Access-Control-Request-Method": "GET"})
    assert "access-control-allow-origin" not in pre.headers  # no cross-origin access unless configured

    c2 = make_client(cors_origins="https://hr.example", hsts_seconds=31536000)
    pre = c2.options("/companies", headers={"Origin": "https://hr.example", "Access-Control-Request-Method": "GET",
                                            "Access-Control-Request-Headers": "authorization"})
    assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://hr.example"
    assert "access-control-allow-credentials" not in pre.headers
    other = c2.options("/companies", headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
    assert other.headers.get("access-control-allow-origin") != "https://evil.example"
    assert c2.get("/health").headers["strict-transport-security"].startswith("max-age=31536000")
