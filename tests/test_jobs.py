"""Background jobs: admission per tier, ETA, job routes and events, notifications, signed webhooks,
and jobs that survive a restart (retried, or failed visibly after the last attempt)."""
from __future__ import annotations

import asyncio
import json
import threading

import pytest
from fastapi import FastAPI, Request, Response

from jobs.admission import LocalAdmission, Ticket
from jobs.eta import ServiceModel, estimate_wait
from jobs.notify import SIGNATURE_HEADER, verify
from tests.support.servers import serve_app_in_thread

CUSTOM = {"company_id": "nuri-ai", "job_code": "1000229", "level": "senior", "mode": "custom",
          "request": "PyTorch 분산 학습 경험자, 추론 서빙 경험 우대"}
SECRET = "webhook-secret-0123456789"


def sse(client, path: str, **kw) -> list[tuple[str, dict]]:
    """All events of a stream that ends by itself, as (event, data)."""
    out, event = [], None
    with client.stream("GET", path, **kw) as resp:
        assert resp.status_code == 200, resp.read()
        for line in resp.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
            elif line.startswith("data:"):
                out.append((event, json.loads(line.split(":", 1)[1])))
    return out


# --- ETA and admission, without the app -------------------------------------------------------
def test_estimate_wait_simulates_slots():
    assert estimate_wait(ahead=0, running_elapsed=[], concurrency=4, service_s=10) == 0
    assert estimate_wait(ahead=3, running_elapsed=[], concurrency=4, service_s=10) == 0  # a slot is still free
    assert estimate_wait(ahead=0, running_elapsed=[0, 0, 0, 0], concurrency=4, service_s=10) == 10
    assert estimate_wait(ahead=4, running_elapsed=[0, 0, 0, 0], concurrency=4, service_s=10) == 20
    # Runs that already ran a while free their slots sooner; one past the average still needs a bit.
    assert estimate_wait(ahead=0, running_elapsed=[8, 12], concurrency=2, service_s=10) == 1.0
    assert estimate_wait(ahead=1, running_elapsed=[8, 2], concurrency=2, service_s=10) == 8.0


def test_service_model_moves_from_prior_to_measurements():
    m = ServiceModel(prior_run_s=15, prior_ttft_s=1, prior_tokens_per_s=40, alpha=0.2)
    assert m.service_s("large") == 15
    m.observe_run("large", 3.0)
    assert m.service_s("large") == 3.0, "the first measurement replaces the prior"
    m.observe_run("large", 5.0)
    assert m.service_s("large") == pytest.approx(4.0)
    for _ in range(50):
        m.observe_run("large", 9.0)
    assert m.service_s("large") == pytest.approx(9.0, abs=0.01), "a moving average follows a change"
    assert m.percentiles("large")["generation"]["runs"] == 52


def test_local_admission_limits_and_keeps_arrival_order():
    async def scenario():
        adm = LocalAdmission(lambda tier: 2)
        running, peak, order = 0, 0, []
        gate = asyncio.Event()

        tickets = [Ticket(tier="large", id=str(i)) for i in range(6)]
        assert [await adm.enter(t) for t in tickets] == [0, 1, 2, 3, 4, 5]

        async def run(i: int):
            nonlocal running, peak
            t = tickets[i]
            await adm.wait(t)
            order.append(i)
            running += 1
            peak = max(peak, running)
            await gate.wait()
            running -= 1
            await adm.release(t)

        tasks = [asyncio.create_task(run(i)) for i in range(6)]
        for _ in range(100):  # let every task reach its wait
            await asyncio.sleep(0)
        snap = await adm.snapshot("large")
        assert len(snap.running_elapsed) == 2 and snap.waiting == ["2", "3", "4", "5"]
        tasks[3].cancel()  # a client that leaves while waiting gives up its place
        gate.set()
        await asyncio.gather(*tasks, return_exceptions=True)
        return peak, order, await adm.snapshot("large")

    peak, order, snap = asyncio.run(scenario())
    assert peak == 2 and order == [0, 1, 2, 4, 5]
    assert snap.running_elapsed == [] and snap.waiting == []


# --- routes -----------------------------------------------------------------------------------
def test_job_lifecycle_events_notifications(make_client):
    client = make_client()
    r = client.post("/jobs", json=CUSTOM)
    assert r.status_code == 202, r.text
    job = r.json()
    assert job["state"] == "queued" and job["position"] == 0 and job["eta_s"] == 0
    events = sse(client, f"/jobs/{job['job_id']}/events")
    states = [d["state"] for e, d in events if e == "state"]
    assert states == ["queued", "running", "succeeded"]
    assert events[-1][0] == "done" and events[-1][1]["state"] == "succeeded"
    assert events[-1][1]["result"]["status"] == "pending_review"

    got = client.get(f"/jobs/{job['job_id']}").json()
    assert got["state"] == "succeeded" and got["attempts"] == 1 and got["predicted_wait_s"] == 0
    assert got["actual_wait_s"] is not None and got["run_s"] > 0 and got["ttft_s"] is not None
    assert got["result"] == client.get(f"/generations/{job['thread_id']}").json()
    # Replay after the end: the same sequence again.
    assert [d["state"] for e, d in sse(client, f"/jobs/{job['job_id']}/events") if e == "state"] == states

    notes = client.get("/notifications").json()
    assert [(n["job_id"], n["state"]) for n in notes] == [(job["job_id"], "succeeded")]
    stream = sse(client, "/notifications/stream?after=0&timeout_s=0")
    assert stream == [("job_finished", {"job_id": job["job_id"], "thread_id": job["thread_id"], "state": "succeeded"})]
    assert sse(client, "/notifications/stream?timeout_s=0") == [], "without after: only what finishes from now on"

    listed = client.get("/jobs?state=succeeded").json()
    assert [j["job_id"] for j in listed] == [job["job_id"]]
    assert client.get("/jobs?state=queued").json() == []
    assert client.delete(f"/jobs/{job['job_id']}").status_code == 409
    # The run counted like POST /generations: the token accounting of the key and the measured service time.
    load = client.get("/load").json()
    assert load["tiers"]["large"]["measured_runs"] == 1 and load["tiers"]["large"]["generation"]["runs"] == 1
    assert client.get("/estimate?mode=template").json()["how"] == "instant"
    assert client.get("/estimate?mode=custom").json()["how"] == "streamed"


def test_template_job_is_not_queued(make_client):
    client = make_client()
    job = client.post("/jobs", json={"company_id": "nuri-ai", "job_code": "1000229", "level": "junior"}).json()
    events = sse(client, f"/jobs/{job['job_id']}/events")
    assert events[-1][1]["tier"] == "template" and events[-1][1]["state"] == "succeeded"


def test_webhook_url_checks(make_client):
    client = make_client()
    r = client.post("/jobs", json={**CUSTOM, "webhook_url": "file:///etc/passwd"})
    assert r.status_code == 422
    r = client.post("/jobs", json={**CUSTOM, "webhook_url": "http://127.0.0.1:9/hook"})
    assert r.status_code == 422 and r.json()["error"] == "webhooks_disabled", "unsigned webhooks are refused"


def test_signed_webhook_and_failed_delivery(make_client):
    received: list[tuple[bytes, dict]] = []
    hook = FastAPI()

    @hook.post("/ok")
    async def ok(request: Request):
        received.append((await request.body(), dict(request.headers)))
        return {"ok": True}

    attempts = {"n": 0}

    @hook.post("/down")
    async def down():
        attempts["n"] += 1
        return Response(status_code=503)

    @hook.get("/health")
    def health():
        return {}

    with serve_app_in_thread(hook) as base:
        client = make_client(webhook_secret=SECRET, webhook_attempts=3)
        a = client.post("/jobs", json={**CUSTOM, "webhook_url": f"{base}/ok"}).json()
        b = client.post("/jobs", json={**CUSTOM, "webhook_url": f"{base}/down"}).json()
        for j in (a, b):
            sse(client, f"/jobs/{j['job_id']}/events")
        # The webhook goes out after the job is finished: wait for it to be recorded.
        ja, jb = _wait_webhook(client, a["job_id"]), _wait_webhook(client, b["job_id"])
    assert ja["webhook"]["status"] == "delivered"
    body, headers = received[0]
    assert verify(SECRET, body, headers[SIGNATURE_HEADER.lower()])
    assert not verify("another-secret-000000", body, headers[SIGNATURE_HEADER.lower()])
    payload = json.loads(body)
    assert payload["job_id"] == a["job_id"] and payload["state"] == "succeeded" and payload["thread_id"] == a["thread_id"]
    assert jb["state"] == "succeeded", "a failing webhook never fails the job"
    assert jb["webhook"]["status"] == "failed" and "503" in jb["webhook"]["error"] and attempts["n"] == 3


def _wait_webhook(client, job_id: str) -> dict:
    # The notification stream wakes on every job event of the process; the webhook status is
    # written right after the job_finished event, so re-read until it is there (bounded).
    for _ in range(200):
        job = client.get(f"/jobs/{job_id}").json()
        if job["webhook"]["status"]:
            return job
        sse(client, "/notifications/stream?timeout_s=0.05")
    raise AssertionError("webhook status never recorded")


@pytest.fixture
def gated_runner(monkeypatch):
    """Job runs that wait until the test opens the gate (to hold slots while the test looks)."""
    import jobs.runner

    real = jobs.runner.run_job
    gate, started = threading.Event(), threading.Semaphore(0)

    async def run_job(rt, job):
        started.release()
        await asyncio.to_thread(gate.wait)
        return await real(rt, job)

    monkeypatch.setattr(jobs.runner, "run_job", run_job)
    return gate, started


def test_queue_position_eta_and_cancel(make_client, gated_runner):
    gate, started = gated_runner
    client = make_client(queue_concurrency_large=1, eta_prior_run_s=12.0)
    first = client.post("/jobs", json=CUSTOM).json()
    assert started.acquire(timeout=30)
    second = client.post("/jobs", json=CUSTOM).json()
    third = client.post("/jobs", json=CUSTOM).json()
    assert second["position"] == 0 and third["position"] == 1
    assert 0 < second["eta_s"] <= 12 and 12 < third["eta_s"] <= 24, (second, third)
    est = client.get("/estimate?mode=custom").json()
    assert est["how"] == "queued" and est["queue_ahead"] == 2 and est["running"] == 1
    load = client.get("/load").json()["tiers"]["large"]
    assert load["queued"] == 2 and load["running"] == 1 and load["running_jobs"] == 1
    assert client.get(f"/jobs/{third['job_id']}").json()["position"] == 1
    r = client.delete(f"/jobs/{second['job_id']}")
    assert r.status_code == 200 and r.json()["state"] == "cancelled"
    assert client.get(f"/jobs/{third['job_id']}").json()["position"] == 0
    gate.set()
    done = [sse(client, f"/jobs/{j['job_id']}/events")[-1][1] for j in (first, second, third)]
    assert [d["state"] for d in done] == ["succeeded", "cancelled", "succeeded"]
    assert done[2]["actual_wait_s"] > 0 and done[2]["predicted_wait_s"] == third["eta_s"]
    assert "jobpost_queue_wait_seconds_count" in client.get("/metrics").text


def test_stream_route_waits_in_the_same_line(make_client, gated_runner):
    gate, started = gated_runner
    client = make_client(queue_concurrency_large=1)
    job = client.post("/jobs", json=CUSTOM).json()
    assert started.acquire(timeout=30)
    seen: list = []
    results: list = []

    def stream():
        with client.stream("POST", "/generations/stream", json=CUSTOM) as resp:
            for line in resp.iter_lines():
                if line.startswith("event:"):
                    seen.append(line.split(":", 1)[1].strip())
                elif line.startswith("data:") and seen[-1] == "queue":
                    seen.append(json.loads(line.split(":", 1)[1]))
                elif line.startswith("data:") and seen[-1] == "result":
                    results.append(json.loads(line.split(":", 1)[1]))

    t = threading.Thread(target=stream)
    t.start()
    # The stream's first event tells its place while the job holds the only slot.
    for _ in range(300):
        if len(seen) >= 3:
            break
        t.join(0.05)
    assert seen[:2] == ["thread", "queue"] and seen[2]["position"] == 0 and seen[2]["eta_s"] > 0
    assert client.get("/estimate?mode=custom").json()["queue_ahead"] == 1
    gate.set()
    t.join(60)
    assert "result" in seen and sse(client, f"/jobs/{job['job_id']}/events")[-1][1]["state"] == "succeeded"
    # The streamed run stores the wait it was told and the wait it had.
    assert results[0]["queue"]["predicted_wait_s"] == pytest.approx(seen[2]["eta_s"], abs=0.001) and results[0]["queue"]["actual_wait_s"] > 0
    # Template requests are never queued.
    with client.stream("POST", "/generations/stream", json={"company_id": "nuri-ai", "job_code": "1000229"}) as resp:
        first = next(line for line in resp.iter_lines() if line.startswith("event:"))
    assert first == "event: thread"


# --- restart safety ---------------------------------------------------------------------------
def test_job_cut_off_by_a_stop_is_retried_after_restart(make_client, monkeypatch):
    import jobs.runner

    real, started = jobs.runner.run_job, threading.Event()

    async def hangs(rt, job):
        started.set()
        await asyncio.Event().wait()  # until the runtime stops and cancels it

    monkeypatch.setattr(jobs.runner, "run_job", hangs)
    first = make_client()
    job = first.post("/jobs", json=CUSTOM).json()
    assert started.wait(30)
    assert first.get(f"/jobs/{job['job_id']}").json()["state"] == "running"
    queued_behind = first.app.state.runtime.jobs.repo.create(  # left queued by the old process
        thread_id="t-" + job["thread_id"][:20], company_id="nuri-ai", key_id=first.get("/keys").json()[0]["id"],
        tier="template", request={"company_id": "nuri-ai", "job_code": "1000229"}, webhook_url=None, predicted_wait_s=0.0)
    first.__exit__(None, None, None)  # the process "dies" mid-job: its job stays `running`

    monkeypatch.setattr(jobs.runner, "run_job", real)
    second = make_client()
    done = sse(second, f"/jobs/{job['job_id']}/events")
    states = [d["state"] for e, d in done if e == "state"]
    assert states == ["queued", "running", "queued", "running", "succeeded"], states
    assert done[-1][1]["attempts"] == 2 and done[-1][1]["result"]["status"] == "pending_review"
    assert sse(second, f"/jobs/{queued_behind.id}/events")[-1][1]["state"] == "succeeded"


def test_job_out_of_attempts_fails_visibly(make_client):
    client = make_client(job_max_attempts=2)
    rt = client.app.state.runtime
    key_id = client.get("/keys").json()[0]["id"]
    job = rt.jobs.repo.create(thread_id="dead-thread-1", company_id="nuri-ai", key_id=key_id, tier="large",
                              request=CUSTOM, webhook_url=None, predicted_wait_s=0.0)
    for _ in range(2):  # two workers took it and died (their leases long expired)
        rt.jobs.repo.recover(max_attempts=99, not_owner="nobody")
        assert rt.jobs.repo.claim(job_id=job.id, owner="dead-worker", lease_s=-1) is not None
    client.__exit__(None, None, None)
    again = client.__class__(client.app, headers=client.headers)
    with again:
        got = again.get(f"/jobs/{job.id}").json()
        assert got["state"] == "failed" and got["attempts"] == 2 and "worker lost" in got["error"]
        assert [n["state"] for n in again.get("/notifications?after=0").json() if n["job_id"] == job.id] == ["failed"]
