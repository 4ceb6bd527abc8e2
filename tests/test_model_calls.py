"""Per-call model accounting (model_calls): one row per call with thread, node, tier, endpoint and
tokens; the calls route; /usage aggregates per company, tier and endpoint, scoped to the caller."""
from __future__ import annotations

import asyncio
import json
import logging
import threading

import pytest
from fastapi.testclient import TestClient
from langchain_core.messages import HumanMessage, SystemMessage

from api.app import create_app
from api.streaming import WRITING_NODES
from llm.accounting import AccountingHandler, CallRecorder, attach, prompt_config
from llm.models import ModelSet
from llm.scripted import ScriptedChatModel
from llm.tiered import endpoint_label
from prompts import load_prompt
from tests.conftest import ADMIN_HEADERS, ADMIN_TOKEN
from tests.support.scripted import scripted_models
from tests.support.servers import openai_server_process
from tests.test_access import bearer, make_key

CUSTOM = {"job_code": "1000242", "mode": "custom", "request": "PyTorch와 LLM 미세조정 경험을 강조한 시니어 ML 엔지니어 공고"}


def _generate(client, company: str = "nuri-ai") -> str:
    r = client.post("/generations", json={"company_id": company, **CUSTOM})
    assert r.status_code == 200, r.text
    return r.json()["thread_id"]


def test_each_model_call_of_a_generation_is_one_row(make_client):
    c = make_client(models=scripted_models())
    tid = _generate(c)
    view = c.get(f"/generations/{tid}").json()
    body = c.get(f"/generations/{tid}/calls").json()
    calls, totals = body["calls"], body["totals"]

    assert len(calls) == view["usage"]["llm_calls"] == totals["calls"]
    # The per-call rows add up to what the run itself reports (and what the key was charged).
    assert totals["prompt_tokens"] == view["usage"]["prompt_tokens"] > 0
    assert totals["completion_tokens"] == view["usage"]["completion_tokens"] > 0
    assert {(c["thread_id"], c["company_id"]) for c in calls} == {(tid, "nuri-ai")}
    graph_nodes = set(c.app.state.runtime.graph.nodes)
    assert all(x["node"] in graph_nodes for x in calls), calls  # LangGraph's node name, for every call
    assert {x["tier"] for x in calls} == {"small", "large"}
    writer = next(x for x in calls if x["node"] in WRITING_NODES)
    assert writer["tier"] == "large"
    assert writer["ttft_ms"] is not None and 0 <= writer["ttft_ms"] <= writer["duration_ms"]
    assert all(c["ok"] and c["endpoint"] == "local/scripted" for c in calls)


def test_streamed_generation_records_calls_too(make_client):
    c = make_client(models=scripted_models())
    with c.stream("POST", "/generations/stream", json={"company_id": "nuri-ai", **CUSTOM}) as s:
        body = "".join(s.iter_text())
    result = json.loads(next(line[5:] for line in body.splitlines()
                             if line.startswith("data:") and '"thread_id"' in line and '"usage"' in line))
    calls = c.get(f"/generations/{result['thread_id']}/calls").json()
    assert calls["totals"]["prompt_tokens"] == result["usage"]["prompt_tokens"]
    assert any(x["node"] in WRITING_NODES and x["ttft_ms"] is not None for x in calls["calls"])


def test_calls_of_another_company_answer_404(make_client):
    c = make_client(models=scripted_models())
    tid = _generate(c, "chorok-foods")
    team_writer = bearer(make_key(c, "writer", companies=("nuri-ai",))["key"])
    assert c.get(f"/generations/{tid}/calls", headers=team_writer).status_code == 404
    assert c.get("/generations/no-such-thread/calls").status_code == 404


def test_prompt_version_cached_tokens_and_failures_are_recorded():
    rows: list[dict] = []
    recorder = CallRecorder(rows.extend)
    ok = ScriptedChatModel(replies=["custom"], cached_tokens=5)
    failing = ScriptedChatModel(replies=[])  # runs out of replies: the call fails
    attach(ModelSet(small=ok, large=failing), recorder)
    prompt = load_prompt("intent")

    async def calls():
        await ok.ainvoke([SystemMessage("route requests"), HumanMessage("공고")], config=prompt_config(prompt))
        with pytest.raises(RuntimeError):
            await failing.ainvoke([HumanMessage("공고")])

    asyncio.run(calls())
    assert recorder.flush(5)
    small, large = sorted(rows, key=lambda r: r["tier"], reverse=True)
    assert small["tier"] == "small" and small["prompt_version"] == prompt.id == "intent.v1"
    assert small["cached_tokens"] == 5 and small["prompt_tokens"] > 5 and small["ok"]
    assert large["tier"] == "large" and not large["ok"] and large["error"] == "RuntimeError"
    assert large["prompt_tokens"] == 0 and large["thread_id"] is None
    # Attaching again (a second app on the same models) replaces the handler instead of adding one.
    attach(ModelSet(small=ok, large=failing), CallRecorder(rows.extend))
    assert sum(isinstance(cb, AccountingHandler) for cb in ok.callbacks) == 1


def test_a_failing_store_never_fails_a_call(caplog):
    def broken(rows):
        raise RuntimeError("database is gone")

    recorder = CallRecorder(broken)
    model = ScriptedChatModel(replies=["ok"])
    attach(ModelSet(small=model, large=None), recorder)
    with caplog.at_level(logging.ERROR):
        assert asyncio.run(model.ainvoke("hi")).content == "ok"
        assert recorder.flush(5)
    assert "could not store 1 model-call rows" in caplog.text
    recorder.close()


def test_recorder_writes_off_the_calling_thread_in_batches():
    written: list[tuple[str, int]] = []
    gate = threading.Event()

    def write(rows):
        gate.wait(5)  # the first batch waits, so the rest queue up behind it
        written.append((threading.current_thread().name, len(rows)))

    recorder = CallRecorder(write)
    for i in range(50):
        recorder.record({"n": i})  # returns at once although the writer is blocked
    assert not recorder.flush(0.05)
    gate.set()
    assert recorder.flush(5)
    assert sum(n for _, n in written) == 50 and len(written) < 50
    assert {name for name, _ in written} == {"model-call-writer"}
    # close() writes what is queued before it returns; a later record starts a writer again.
    recorder.record({"n": 50})
    recorder.close()
    assert sum(n for _, n in written) == 51
    recorder.record({"n": 51})
    assert recorder.flush(5) and sum(n for _, n in written) == 52
    recorder.close()


def test_real_endpoint_label_and_cached_tokens_over_http(make_client):
    with openai_server_process(extra_args=("--cached-tokens", "7")) as base_url:
        c = make_client(models=None, llm_base_url=base_url, llm_api_key="sk-secret-value", llm_small_model="scripted-small",
                        llm_large_model="scripted-large")
        tid = _generate(c)
        calls = c.get(f"/generations/{tid}/calls").json()["calls"]
        metrics = c.get("/metrics").text
    writer = next(x for x in calls if x["node"] in WRITING_NODES)
    assert writer["endpoint"] == endpoint_label(base_url, "scripted-large") and writer["model"] == "scripted-large"
    assert writer["ttft_ms"] is not None
    assert {x["endpoint"] for x in calls if x["tier"] == "small"} == {endpoint_label(base_url, "scripted-small")}
    assert all(x["cached_tokens"] == 7 for x in calls)
    label = endpoint_label(base_url, "scripted-large")
    assert f'jobpost_model_call_tokens_total{{endpoint="{label}",kind="cached",tier="large"}} 7.0' in metrics
    assert "sk-secret-value" not in metrics and "sk-secret-value" not in json.dumps(calls)


def test_usage_aggregates_calls_per_company_tier_and_endpoint(make_client):
    c = make_client(models=scripted_models())
    threads = {company: [_generate(c, company) for _ in range(n)] for company, n in (("nuri-ai", 2), ("chorok-foods", 1))}
    per_thread = {t: c.get(f"/generations/{t}/calls").json() for ts in threads.values() for t in ts}

    usage = c.get("/usage").json()
    by_company = {row["company_id"]: row for row in usage["by_company"]}
    for company, ts in threads.items():
        row = by_company[company]
        assert row["generations"] == len(ts) and row["reviewed"] == len(ts)
        assert row["model_calls"] == sum(per_thread[t]["totals"]["calls"] for t in ts)
        assert row["prompt_tokens"] == sum(per_thread[t]["totals"]["prompt_tokens"] for t in ts)
    by_tier = {row["tier"]: row for row in usage["by_tier"]}
    all_calls = [x for body in per_thread.values() for x in body["calls"]]
    for tier in ("small", "large"):
        mine = [x for x in all_calls if x["tier"] == tier]
        assert by_tier[tier]["requests"] == len(mine) > 0
        assert by_tier[tier]["completion_tokens"] == sum(x["completion_tokens"] for x in mine)
    assert {(r["tier"], r["endpoint"]) for r in usage["by_endpoint"]} == {("small", "local/scripted"),
                                                                           ("large", "local/scripted")}
    assert sum(r["tokens"] for r in usage["by_key"]) == sum(
        b["totals"]["prompt_tokens"] + b["totals"]["completion_tokens"] for b in per_thread.values())

    team_admin = bearer(make_key(c, "admin", companies=("chorok-foods",))["key"])
    scoped = c.get("/usage", headers=team_admin).json()
    assert {row["company_id"] for row in scoped["by_company"]} == {"chorok-foods"}
    chorok = per_thread[threads["chorok-foods"][0]]["totals"]
    assert sum(r["requests"] for r in scoped["by_tier"]) == chorok["calls"]
    assert scoped["by_key"] == []
    one = c.get("/usage", params={"company_id": "chorok-foods"}).json()
    assert sum(r["prompt_tokens"] for r in one["by_tier"]) == chorok["prompt_tokens"]
    assert c.get("/usage", params={"company_id": "nuri-ai"}, headers=team_admin).status_code == 404


def test_usage_aggregates_on_postgres(pg_url, settings):
    pg = settings.model_copy(update={"database_url": pg_url, "checkpoint_url": ""})
    with TestClient(create_app(pg, scripted_models()), headers=ADMIN_HEADERS) as c:
        tid = _generate(c)
        totals = c.get(f"/generations/{tid}/calls").json()["totals"]
        usage = c.get("/usage", params={"company_id": "nuri-ai"}).json()
    row = next(r for r in usage["by_company"] if r["company_id"] == "nuri-ai")
    assert row["day"] == usage["by_tier"][0]["day"] and len(row["day"]) == 10
    assert row["generations"] >= 1 and row["model_calls"] >= totals["calls"]
    assert sum(r["prompt_tokens"] for r in usage["by_tier"]) == row["prompt_tokens"] >= totals["prompt_tokens"]
    assert ADMIN_TOKEN not in json.dumps(usage)
