"""The workspace's HTTP side (no browser): who gets the page and its files, its CSP, the inbox's
status filter, and a LangServe input schema the playground can draw. tests/browser/ drives the page."""
from __future__ import annotations

import json

from tests.conftest import ADMIN_HEADERS

GEN = {"company_id": "nuri-ai", "job_code": "1000229", "level": "junior"}
ANON = {"Authorization": ""}


def test_page_needs_sign_in_and_comes_back_to_it(client):
    page = client.get("/", headers={**ANON, "Accept": "text/html"})
    # Not signed in: the sign-in form (still 401), whose `next` is the workspace.
    assert page.status_code == 401 and 'action="/login"' in page.text and 'name="next" value="/"' in page.text
    assert client.get("/web/app.js", headers=ANON).status_code == 401  # the files too: none is public
    assert client.get("/login", headers=ANON).text.count('value="/"') == 1
    r = client.post("/login", data={"key": ADMIN_HEADERS["Authorization"].split()[1], "next": "/"}, headers=ANON,
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"
    cookie = {"Cookie": f"jobpost_session={r.cookies['jobpost_session']}", **ANON}
    page = client.get("/", headers=cookie)
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert '<script type="module" src="/web/app.js">' in page.text and "cdn" not in page.text.lower()
    js = client.get("/web/app.js", headers=cookie)
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert client.get("/web/i18n.js", headers=cookie).status_code == 200
    assert client.get("/web/app.css", headers=cookie).headers["content-type"].startswith("text/css")


def test_page_csp_allows_no_inline_code(client):
    csp = client.get("/").headers["content-security-policy"]
    assert "script-src 'self';" in csp and "style-src 'self';" in csp and "unsafe" not in csp
    assert "unsafe" not in client.get("/web/app.js").headers["content-security-policy"]
    # The sign-in form (a 401 at the same path) keeps the page policy its inline styles need.
    assert "'unsafe-inline'" in client.get("/", headers={**ANON, "Accept": "text/html"}).headers["content-security-policy"]


def test_only_the_shipped_files_are_served(client):
    for path in ("/web/../server.py", "/web/%2e%2e/server.py", "/web/nope.js", "/web/", "/web/sub/app.js", "/web/index.html.bak"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "server.py" not in r.text or r.headers["content-type"].startswith("application/json")


def test_generations_status_filter_is_the_inbox(client):
    approved = client.post("/generations", json=GEN).json()["thread_id"]
    assert client.post(f"/generations/{approved}/review", json={"action": "approve"}).json()["status"] == "approved"
    pending = [client.post("/generations", json={**GEN, "level": lv}).json()["thread_id"] for lv in ("senior", "mid")]
    other = client.post("/generations", json={**GEN, "company_id": "chorok-foods", "job_code": "1000201"}).json()["thread_id"]
    inbox = client.get("/generations", params={"status": "pending_review"}).json()
    ids = [g["thread_id"] for g in inbox]
    assert set(pending) | {other} <= set(ids) and approved not in ids
    assert all(g["status"] == "pending_review" for g in inbox)
    assert ids.index(pending[1]) < ids.index(pending[0])  # newest first
    both = client.get("/generations", params={"status": "pending_review", "company_id": "nuri-ai"}).json()
    assert {g["thread_id"] for g in both} == set(pending) and all(g["company_id"] == "nuri-ai" for g in both)
    assert [g["thread_id"] for g in client.get("/generations", params={"status": "approved"}).json()] == [approved]
    # The limit counts matching threads, however many newer ones do not match.
    assert [g["thread_id"] for g in client.get("/generations", params={"status": "approved", "limit": 1}).json()] == [approved]
    assert client.get("/generations", params={"status": "nothing-like-this"}).json() == []


def test_graph_input_schema_has_no_null_unions(client):
    schema = client.get("/graph/input_schema").json()
    text = json.dumps(schema)
    assert '"null"' not in text and "anyOf" not in text
    assert set(schema["properties"]) >= {"company_id", "job_code", "level", "request", "mode", "style", "language"}
    # "auto" and "" are unset: the run is the same as leaving the fields out (a template draft).
    r = client.post("/graph/invoke", json={"input": {**GEN, "request": "", "mode": "auto", "style": "auto", "language": "auto"}})
    assert r.status_code == 200, r.text
    out = r.json()["output"]
    assert out["status"] == "pending_review" and out["route"] == "template" and out["language"] == "ko"
    # Older clients that send null still work; a value outside the enum is refused as before.
    assert client.post("/graph/invoke", json={"input": {**GEN, "level": None, "mode": None}}).status_code == 200
    assert client.post("/graph/invoke", json={"input": {**GEN, "mode": "freestyle"}}).status_code == 422
    english = client.post("/graph/invoke", json={"input": {**GEN, "language": "en"}}).json()["output"]
    assert english["language"] == "en"
