"""Service 4: /usage, /load and /metrics reflect what happened, scoped to the caller's team."""
from __future__ import annotations

import re

from tests.test_access import bearer, make_key

GEN = {"job_code": "1000229", "level": "junior"}


def test_usage_load_and_metrics(make_client):
    c = make_client(rate_limit_rpm=50)
    for company in ("nuri-ai", "nuri-ai", "chorok-foods"):
        assert c.post("/generations", json={"company_id": company, **GEN}).status_code == 200
    tid = c.post("/generations", json={"company_id": "nuri-ai", **GEN}).json()["thread_id"]
    c.get(f"/generations/{tid}")
    c.get("/companies/no-such-company")

    text = c.get("/metrics").text
    assert re.search(r'jobpost_generation_seconds_count\{route="template"\} 4\.0', text), text[:2000]
    assert 'jobpost_http_requests_total{method="POST",route="/generations",status="200"} 4.0' in text
    assert 'route="/generations/{thread_id}"' in text and tid not in text  # templates, never raw ids
    assert 'jobpost_generations_in_flight 0.0' in text

    load = c.get("/load").json()
    assert load["generations_in_flight"] == 0 and load["recent_generations"]["template"]["runs"] == 4
    assert load["recent_generations"]["template"]["p50_s"] <= load["recent_generations"]["template"]["p95_s"]

    usage = c.get("/usage").json()
    by_company = {row["company_id"]: row for row in usage["by_company"]}
    assert by_company["nuri-ai"]["generations"] == 3 and by_company["chorok-foods"]["generations"] == 1
    assert by_company["nuri-ai"]["reviewed"] == 3
    assert sum(row["generations"] for row in usage["by_key"]) == 4

    team_admin = bearer(make_key(c, "admin", companies=("chorok-foods",))["key"])
    scoped = c.get("/usage", headers=team_admin).json()
    assert {row["company_id"] for row in scoped["by_company"]} == {"chorok-foods"}
    assert scoped["by_key"] == []  # the global admin's key is not the team's
    assert c.get("/usage", params={"company_id": "nuri-ai"}, headers=team_admin).status_code == 404
    writer = bearer(make_key(c, "writer")["key"])
    assert c.get("/metrics", headers=writer).status_code == 403
