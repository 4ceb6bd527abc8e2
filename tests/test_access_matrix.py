"""Role × route matrix: every route of the app, for no key, a wrong key, a revoked key, a writer, a
reviewer, a team admin and a global admin, on the caller's own company and on another company."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any, Callable

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from core.config import Settings
from llm.models import ModelSet
from tests.conftest import ADMIN_HEADERS, ADMIN_TOKEN

OWN, OTHER = "nuri-ai", "chorok-foods"
RANK = {"writer": 0, "reviewer": 1, "admin": 2, "global": 3}
GEN = {"job_code": "1000229", "level": "junior"}


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    db = tmp_path_factory.mktemp("matrix") / "jobpost.db"
    settings = Settings(database_url=f"sqlite:///{db}", llm_base_url="", llm_api_key="", admin_token=ADMIN_TOKEN,
                        rate_limit_rpm=0, rate_limit_tokens_per_day=0, skill_pool_build_at_start=False)
    app = create_app(settings, ModelSet())
    # One client (one event loop for the app's lifespan); the admin's calls add the admin key.
    with TestClient(app) as client:
        admin = _As(client, ADMIN_HEADERS)
        keys = {}
        for name, role in (("writer", "writer"), ("reviewer", "reviewer"), ("admin", "admin"), ("revoked", "writer")):
            r = admin.post("/keys", json={"name": f"team-{name}", "role": role, "companies": [OWN]})
            assert r.status_code == 201, r.text
            keys[name] = r.json()
        assert admin.delete(f"/keys/{keys['revoked']['id']}").status_code == 200
        secrets = {name: k["key"] for name, k in keys.items()}
        secrets["global"] = ADMIN_TOKEN
        secrets["wrong"] = "jp_" + "x" * 43
        yield app, client, admin, secrets


class _As:
    """A client's calls with one caller's headers."""

    def __init__(self, client: TestClient, headers: dict):
        self.client, self.headers = client, headers

    def get(self, path, **kw):
        return self.client.get(path, headers=self.headers, **kw)

    def post(self, path, **kw):
        return self.client.post(path, headers=self.headers, **kw)

    def delete(self, path, **kw):
        return self.client.delete(path, headers=self.headers, **kw)


def _headers(secrets: dict, who: str) -> dict:
    return {} if who == "none" else {"Authorization": f"Bearer {secrets[who]}"}


def _pending_thread(admin: _As, company: str) -> tuple[str, str]:
    body = admin.post("/generations", json={"company_id": company, **GEN}).json()
    assert body["status"] == "pending_review", body
    return body["thread_id"], body["posting"]


def _posting_id(admin: _As, company: str) -> str:
    return admin.get(f"/companies/{company}/postings").json()[0]["id"]


def _new_entity(admin: _As, company: str) -> str:
    text = f"코드명-{uuid.uuid4().hex[:8]}"
    assert admin.post(f"/companies/{company}/sensitive-entities", json={"text": text, "category": "codename"}).status_code == 201
    return text


def _new_key(admin: _As, company: str) -> str:
    return admin.post("/keys", json={"name": "victim", "role": "writer", "companies": [company]}).json()["id"]


def _job(admin: _As, company: str) -> str:
    return admin.post("/jobs", json={"company_id": company, **GEN}).json()["job_id"]


def _queued_job(admin: _As, company: str) -> str:
    # Written straight to the store and never dispatched: it stays queued, so it can be cancelled.
    rt = admin.client.app.state.runtime
    return rt.jobs.repo.create(thread_id=uuid.uuid4().hex, company_id=company, key_id="matrix", tier="large",
                               request={"company_id": company, **GEN}, webhook_url=None, predicted_wait_s=0.0).id


@dataclass
class Case:
    method: str
    route: str  # the route's path template, as the app registers it
    role: str  # the least role that may call it ("global": a global admin)
    scoped: bool  # the route touches one company's data
    # (admin client, company) -> (path, json body or None)
    make: Callable[[_As, str], tuple[str, Any]]


def _proposal(admin: _As, company: str) -> int:
    from catalog.models import SensitiveEntityRecord

    store = admin.client.app.state.runtime.onboarding
    text = f"Project {uuid.uuid4().hex[:6]}"
    store.save_proposals(company_id=company, proposals=[SensitiveEntityRecord(text=text, category="codename")])
    return next(p["id"] for p in store.list_proposals(company_id=company) if p["text"] == text)


POSTING = {"job_code": None, "title": "백엔드 개발자", "text": "주요업무\n- API 개발\n자격요건\n- Python 3년 이상"}


def _graph(kind: str) -> Callable[[_As, str], tuple[str, dict | None]]:
    def make(_, c):
        body = {"inputs": [{"company_id": c, **GEN}]} if kind == "batch" else {"input": {"company_id": c, **GEN}}
        return f"/graph/{kind}", body
    return make


CASES = [
    Case("GET", "/openapi.json", "writer", False, lambda a, c: ("/openapi.json", None)),
    Case("GET", "/docs", "writer", False, lambda a, c: ("/docs", None)),
    Case("GET", "/docs/oauth2-redirect", "writer", False, lambda a, c: ("/docs/oauth2-redirect", None)),
    Case("GET", "/redoc", "writer", False, lambda a, c: ("/redoc", None)),
    Case("GET", "/", "writer", False, lambda a, c: ("/", None)),
    Case("GET", "/web/{file_path:path}", "writer", False, lambda a, c: ("/web/app.js", None)),
    Case("GET", "/me", "writer", False, lambda a, c: ("/me", None)),
    Case("GET", "/job-codes", "writer", False, lambda a, c: ("/job-codes", None)),
    Case("GET", "/levels", "writer", False, lambda a, c: ("/levels", None)),
    Case("GET", "/job-codes/{code}/skills", "writer", False, lambda a, c: ("/job-codes/1000229/skills", None)),
    Case("GET", "/job-codes/{code}/digest", "writer", False, lambda a, c: ("/job-codes/1000229/digest?level=senior", None)),
    Case("GET", "/skill-pool", "writer", False, lambda a, c: ("/skill-pool", None)),
    Case("POST", "/skill-pool/rebuild", "global", False, lambda a, c: ("/skill-pool/rebuild", None)),
    Case("GET", "/companies", "writer", False, lambda a, c: ("/companies", None)),
    Case("GET", "/companies/{company_id}", "writer", True, lambda a, c: (f"/companies/{c}", None)),
    Case("GET", "/companies/{company_id}/postings", "writer", True, lambda a, c: (f"/companies/{c}/postings", None)),
    Case("GET", "/postings/{posting_id}", "writer", True, lambda a, c: (f"/postings/{_posting_id(a, c)}", None)),
    Case("GET", "/postings/{posting_id}/similar", "writer", True, lambda a, c: (f"/postings/{_posting_id(a, c)}/similar", None)),
    Case("GET", "/generations/{thread_id}/similar", "writer", True,
         lambda a, c: (f"/generations/{_pending_thread(a, c)[0]}/similar", None)),
    Case("GET", "/generations/{thread_id}/calls", "writer", True,
         lambda a, c: (f"/generations/{_pending_thread(a, c)[0]}/calls", None)),
    Case("GET", "/companies/{company_id}/sensitive-entities", "admin", True,
         lambda a, c: (f"/companies/{c}/sensitive-entities", None)),
    Case("POST", "/companies/{company_id}/sensitive-entities", "admin", True,
         lambda a, c: (f"/companies/{c}/sensitive-entities", {"text": f"프로젝트-{uuid.uuid4().hex[:8]}", "category": "codename"})),
    Case("DELETE", "/companies/{company_id}/sensitive-entities", "admin", True,
         lambda a, c: (f"/companies/{c}/sensitive-entities?text={_new_entity(a, c)}", None)),
    Case("POST", "/companies/{company_id}/sensitive-entities/proposals", "admin", True,
         lambda a, c: (f"/companies/{c}/sensitive-entities/proposals", None)),
    Case("POST", "/companies", "admin", False, lambda a, c: ("/companies", {"name": f"새회사 {uuid.uuid4().hex[:4]}", "intro": "소개"})),
    Case("POST", "/companies/{company_id}/postings", "admin", True, lambda a, c: (f"/companies/{c}/postings", [POSTING])),
    Case("POST", "/companies/{company_id}/documents", "admin", True,
         lambda a, c: (f"/companies/{c}/documents", {"__files__": {"file": ("about.md", "# 회사 소개\n우리는 물류 회사입니다.".encode(), "text/markdown")}})),
    Case("GET", "/companies/{company_id}/status", "writer", True, lambda a, c: (f"/companies/{c}/status", None)),
    Case("POST", "/companies/{company_id}/process", "admin", True, lambda a, c: (f"/companies/{c}/process", None)),
    Case("GET", "/companies/{company_id}/profiles", "writer", True, lambda a, c: (f"/companies/{c}/profiles", None)),
    Case("GET", "/companies/{company_id}/sensitive-entities/proposals", "admin", True,
         lambda a, c: (f"/companies/{c}/sensitive-entities/proposals", None)),
    Case("POST", "/companies/{company_id}/sensitive-entities/proposals/{proposal_id}/{decision}", "admin", True,
         lambda a, c: (f"/companies/{c}/sensitive-entities/proposals/{_proposal(a, c)}/reject", None)),
    Case("POST", "/generations", "writer", True, lambda a, c: ("/generations", {"company_id": c, **GEN})),
    Case("POST", "/generations/stream", "writer", True, lambda a, c: ("/generations/stream", {"company_id": c, **GEN})),
    Case("GET", "/generations", "writer", False, lambda a, c: ("/generations", None)),
    Case("GET", "/generations/{thread_id}", "writer", True, lambda a, c: (f"/generations/{_pending_thread(a, c)[0]}", None)),
    Case("POST", "/generations/{thread_id}/review", "reviewer", True,
         lambda a, c: (f"/generations/{_pending_thread(a, c)[0]}/review", {"action": "approve"})),
    Case("POST", "/generations/{thread_id}/review", "writer", True,
         lambda a, c: ((lambda t, p: (f"/generations/{t}/review", {"action": "revise", "edited_posting": p + "\n- 코드 리뷰 문화\n"}))(
             *_pending_thread(a, c)))),
    Case("POST", "/generations/{thread_id}/sections", "writer", True,
         lambda a, c: (f"/generations/{_pending_thread(a, c)[0]}/sections",
                       {"section": "우대사항", "instruction": "Kotlin 경험을 우대사항에 추가"})),
    Case("POST", "/postings/{posting_id}/sections", "writer", True,
         lambda a, c: (f"/postings/{_posting_id(a, c)}/sections", {"section": "preferred", "instruction": "Kotlin 경험 추가"})),
    Case("POST", "/postings/{posting_id}/update", "writer", True,
         lambda a, c: (f"/postings/{_posting_id(a, c)}/update", {"request": "이번엔 시니어로, 원격 근무 가능"})),
    Case("POST", "/keys", "admin", True, lambda a, c: ("/keys", {"name": "new", "role": "writer", "companies": [c]})),
    Case("GET", "/keys", "admin", False, lambda a, c: ("/keys", None)),
    Case("GET", "/keys/{key_id}", "admin", True, lambda a, c: (f"/keys/{_new_key(a, c)}", None)),
    Case("DELETE", "/keys/{key_id}", "admin", True, lambda a, c: (f"/keys/{_new_key(a, c)}", None)),
    Case("GET", "/audit", "admin", False, lambda a, c: ("/audit", None)),
    Case("GET", "/usage", "admin", False, lambda a, c: ("/usage", None)),
    Case("GET", "/load", "admin", False, lambda a, c: ("/load", None)),
    Case("GET", "/metrics", "admin", False, lambda a, c: ("/metrics", None)),
    Case("POST", "/jobs", "writer", True, lambda a, c: ("/jobs", {"company_id": c, **GEN})),
    Case("GET", "/jobs", "writer", False, lambda a, c: ("/jobs", None)),
    Case("GET", "/jobs/{job_id}", "writer", True, lambda a, c: (f"/jobs/{_job(a, c)}", None)),
    Case("DELETE", "/jobs/{job_id}", "writer", True, lambda a, c: (f"/jobs/{_queued_job(a, c)}", None)),
    Case("GET", "/jobs/{job_id}/events", "writer", True, lambda a, c: (f"/jobs/{_job(a, c)}/events", None)),
    Case("GET", "/notifications", "writer", False, lambda a, c: ("/notifications", None)),
    Case("GET", "/notifications/stream", "writer", False, lambda a, c: ("/notifications/stream?after=0&timeout_s=0", None)),
    Case("GET", "/estimate", "writer", False, lambda a, c: ("/estimate?mode=custom", None)),
    Case("GET", "/graph/input_schema", "writer", False, lambda a, c: ("/graph/input_schema", None)),
    Case("GET", "/graph/output_schema", "writer", False, lambda a, c: ("/graph/output_schema", None)),
    Case("GET", "/graph/config_schema", "writer", False, lambda a, c: ("/graph/config_schema", None)),
    Case("GET", "/graph/playground/{file_path:path}", "writer", False, lambda a, c: ("/graph/playground/", None)),
    *[Case("POST", f"/graph/{k}", "writer", True, _graph(k)) for k in ("invoke", "batch", "stream", "stream_log", "stream_events")],
]
# Answer without a key: the health check and the browser sign-in (which takes a key to give a session).
PUBLIC = {("GET", "/health"), ("GET", "/login"), ("POST", "/login"), ("POST", "/logout")}
WHO = ["none", "wrong", "revoked", "writer", "reviewer", "admin", "global"]


def _expected(case: Case, who: str, company: str) -> int | str:
    if who in ("none", "wrong", "revoked"):
        return 401
    if RANK[who] < RANK[case.role] and not (case.role == "admin" and who == "global"):
        return 403
    if case.scoped and company == OTHER and who != "global":
        return 404
    return "2xx"


def _routes(app) -> set[tuple[str, str]]:
    out = set()

    def walk(routes):
        for r in routes:
            if hasattr(r, "path"):
                out.update((m, r.path) for m in (getattr(r, "methods", None) or ()) if m != "HEAD")
            elif (sub := getattr(r, "original_router", None)) is not None:
                walk(sub.routes)
    walk(app.routes)
    return out


def test_matrix_covers_every_route(world):
    app = world[0]
    covered = {(c.method, c.route) for c in CASES} | PUBLIC
    assert _routes(app) - covered == set(), "routes without a row in the access matrix"


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c.method} {c.route} ({c.role})")
def test_role_route_matrix(world, case):
    _, client, admin, secrets = world
    misses = []
    for company in ((OWN, OTHER) if case.scoped else (OWN,)):
        for who in WHO:
            path, body = case.make(admin, company)
            if isinstance(body, dict) and "__files__" in body:
                r = client.request(case.method, path, files=body["__files__"], headers=_headers(secrets, who))
            else:
                r = client.request(case.method, path, json=body, headers=_headers(secrets, who))
            want = _expected(case, who, company)
            ok = 200 <= r.status_code < 300 if want == "2xx" else r.status_code == want
            if not ok:
                misses.append(f"{who}@{company}: {r.status_code} (want {want}) {r.text[:160]}")
            if isinstance(want, int):
                assert r.headers["content-type"].startswith("application/json"), (who, path)
                assert set(r.json()) >= {"error", "message"}, r.text
    assert not misses, "\n".join(misses)
