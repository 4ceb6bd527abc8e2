"""The job service a Runtime owns: admission of custom runs per tier, ETA, persisted background
jobs, their runner, crash recovery and completion notifications."""
from __future__ import annotations

import asyncio
import logging
import os
import socket
import time
import uuid
from datetime import timedelta
from typing import TYPE_CHECKING, Any, AsyncGenerator, AsyncIterator

from jobs.admission import Admission, LocalAdmission, RedisAdmission, Ticket
from jobs.eta import ServiceModel, estimate_wait
from jobs.notify import EventHub, deliver
from store.db import make_session_factory
from store.jobs import FINISHED, JobRepository, aware
from store.models import GenerationJob, utcnow

if TYPE_CHECKING:
    from api.runtime import Runtime

log = logging.getLogger(__name__)
TEMPLATE = "template"


def tier_of(body: dict) -> str:
    """Which queue a request goes through: custom writing uses the large model; the template route
    (mode template, or no request text) answers from ready drafts and is never queued."""
    mode = body.get("mode")
    if mode == "template" or (mode is None and not str(body.get("request") or "").strip()):
        return TEMPLATE
    return "large"


class JobService:
    def __init__(self, rt: "Runtime", role: str = "api"):
        self.rt, self.settings, self.role = rt, rt.settings, role
        self.repo = JobRepository(make_session_factory(rt.engine))
        s = self.settings
        self.model = ServiceModel(prior_run_s=s.eta_prior_run_s, prior_ttft_s=s.eta_prior_ttft_s,
                                  prior_tokens_per_s=s.eta_prior_tokens_per_s, alpha=s.eta_alpha)
        self.hub = EventHub()
        self.owner = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
        self.scale_out = s.queue_backend == "redis"
        self.admission: Admission = LocalAdmission(self.concurrency)
        self._tasks: dict[str, asyncio.Task] = {}
        self._background: list[asyncio.Task] = []
        self._stats_read = 0.0
        self.broker: Any = None

    def concurrency(self, tier: str) -> int:
        return self.settings.queue_concurrency_large if tier == "large" else 1_000_000

    # --- lifecycle ------------------------------------------------------------------------
    async def start(self) -> None:
        self._read_stats()
        if self.scale_out:
            if not self.settings.redis_url:
                raise RuntimeError("JOBPOST_QUEUE_BACKEND=redis needs JOBPOST_REDIS_URL")
            self.admission = RedisAdmission(self.settings.redis_url, self.settings.queue_name, self.concurrency,
                                            lease_s=self.settings.job_lease_s)
            from jobs.broker import make_broker

            self.broker = make_broker(self.settings, self)
            await self.broker.startup()
            if self.role == "worker":
                await self._recover(stale_only=True)
                self._background.append(asyncio.get_running_loop().create_task(self._sweep_forever()))
            return
        # Embedded: this process is the only worker, so whatever a previous process left running died with it.
        await self._recover(stale_only=False)
        for job in self.repo.queued():
            self.dispatch(job.id)

    async def stop(self) -> None:
        tasks = list(self._tasks.values()) + self._background
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        if self.broker is not None:
            await self.broker.shutdown()
        await self.admission.close()

    async def _recover(self, *, stale_only: bool) -> list[str]:
        if stale_only:
            requeued, failed = self.repo.recover(max_attempts=self.settings.job_max_attempts, stale_before=utcnow(),
                                                 alive_owner=self.owner)
        else:
            requeued, failed = self.repo.recover(max_attempts=self.settings.job_max_attempts, not_owner=self.owner)
        if requeued or failed:
            log.warning("recovered jobs of a lost worker: %d requeued, %d failed", len(requeued), len(failed))
            self.hub.notify()
        for job_id in failed:
            await self._after_finish(job_id)
        if self.scale_out:
            for job_id in requeued:
                await self.dispatch_async(job_id)
        return requeued

    async def _sweep_forever(self) -> None:
        """Scale-out workers: find jobs whose worker died (lease not renewed) and retry or fail them;
        re-send queued jobs nobody has picked up for ten leases (a message lost between the database
        and Redis: an API process that died in between)."""
        while True:
            await asyncio.sleep(self.settings.job_lease_s / 2)
            try:
                await self._recover(stale_only=True)
                # Long enough that a job still travelling through the stream or waiting in a
                # worker's line is not sent twice; those in the line are skipped anyway.
                cutoff = utcnow() - timedelta(seconds=self.settings.job_lease_s * 10)
                snap = await self.admission.snapshot("large")
                inside = {t.split(".")[0] for t in snap.waiting + snap.running}
                for job in self.repo.queued():
                    if aware(job.created_at) < cutoff and job.id not in self._tasks and job.id not in inside:
                        await self.dispatch_async(job.id)
            except Exception:
                log.exception("job sweep failed")

    def _read_stats(self) -> None:
        for tier, row in self.repo.stats().items():
            self.model.load(tier, samples=row.samples, run_s=row.run_s, ttft_s=row.ttft_s, tokens_per_s=row.tokens_per_s)
        self._stats_read = time.monotonic()

    # --- admission (POST /generations, /generations/stream and jobs) ------------------------
    async def estimate(self, tier: str, ahead: int | None = None) -> dict:
        if tier == TEMPLATE:
            return {"eta_s": 0.0, "queue_ahead": 0, "running": 0, "concurrency": None}
        if self.scale_out and time.monotonic() - self._stats_read > 5:
            self._read_stats()  # the workers measure the runs; pick up their averages
        snap = await self.admission.snapshot(tier)
        ahead_given = ahead
        ahead = len(snap.waiting) if ahead is None else ahead
        if ahead_given is None:
            ahead += self._undelivered(tier, snap.waiting + snap.running)
        eta = estimate_wait(ahead=ahead, running_elapsed=snap.running_elapsed, concurrency=self.concurrency(tier),
                            service_s=self.model.service_s(tier))
        return {"eta_s": eta, "queue_ahead": ahead, "running": len(snap.running_elapsed), "concurrency": self.concurrency(tier)}

    def _undelivered(self, tier: str, waiting: list[str]) -> int:
        # Queued jobs not taken into the line yet (a worker will: dispatched, or on its way
        # through Redis) are ahead of a newcomer too.
        line = {w.split(".")[0] for w in waiting}
        return len([j for j in self.repo.queued(tier=tier) if j.id not in line])

    async def acquire(self, body: Any, thread_id: str) -> Ticket | None:
        """Wait for a slot of the request's tier (None: the template route, which is not queued)."""
        ticket = await self.enter(body, thread_id)
        if ticket is not None:
            try:
                await self._wait(ticket, record=True)
            except BaseException:  # the client left while waiting
                await self.release(ticket)
                raise
        return ticket

    async def _wait(self, ticket: Ticket, *, record: bool = False) -> None:
        if ticket.admitted is None:
            await self.admission.wait(ticket)
        self.rt.metrics.queue_admitted(ticket.tier, ticket.waited_s or 0.0)
        if record:
            # A run that waits in the stream or the request (not a job: jobs keep theirs on the job
            # row) stores the wait it was told and the wait it had, on its thread.
            self.rt.access.record_wait(thread_id=ticket.id, predicted_s=ticket.eta_s or 0.0,
                                       actual_s=ticket.waited_s or 0.0)

    async def enter(self, body: Any, thread_id: str, ticket_id: str | None = None) -> Ticket | None:
        payload = body if isinstance(body, dict) else body.model_dump()
        tier = tier_of(payload)
        if tier == TEMPLATE:
            return None
        ticket = Ticket(tier=tier, id=ticket_id or thread_id)
        est = await self.estimate(tier)
        ticket.position = await self.admission.enter(ticket)
        ticket.eta_s = 0.0 if ticket.admitted is not None else est["eta_s"]
        self.rt.metrics.queue_entered(tier)
        return ticket

    async def release(self, ticket: Ticket | None, *, measured: bool = True) -> None:
        if ticket is None:
            return
        await self.admission.release(ticket)
        self.rt.metrics.queue_left(ticket.tier, admitted=ticket.admitted is not None)
        if ticket.admitted is not None:
            if measured:
                held = time.monotonic() - ticket.admitted
                t = self.model.observe_run(ticket.tier, held)
                self.repo.save_stats(tier=ticket.tier, samples=t.samples, run_s=t.run_s, ttft_s=t.ttft_s, tokens_per_s=t.tokens_per_s)

    async def admitted(self, body: Any, thread_id: str, inner: AsyncGenerator[dict, None]) -> AsyncIterator[dict]:
        """A streamed run behind admission: the run's first event (`thread`), then for custom runs a
        `queue` event (position, eta_s), then the rest of the run's events once a slot is free."""
        import json

        ticket = await self.enter(body, thread_id)
        try:
            # The first event is sent before the run starts (its generator does no work until the second).
            first = await anext(inner, None)
            if first is not None:
                yield first
            if ticket is not None:
                yield {"event": "queue", "data": json.dumps({"thread_id": thread_id, "position": ticket.position,
                                                             "eta_s": ticket.eta_s})}
                await self._wait(ticket, record=True)
            async for item in inner:
                yield item
        finally:
            await self.release(ticket)
            await inner.aclose()  # left while waiting: the run never started

    async def load(self) -> dict:
        """Per tier: line, running runs, current wait estimate, p50/p95 TTFT and run time (GET /load)."""
        out = {}
        for tier in ("large",):
            est = await self.estimate(tier)
            stats = self.model.get(tier)
            out[tier] = {"queued": est["queue_ahead"], "running": est["running"], "concurrency": est["concurrency"],
                         "eta_s": est["eta_s"], "queued_jobs": self.repo.count(state="queued", tier=tier),
                         "running_jobs": self.repo.count(state="running", tier=tier),
                         "service_s_ewma": round(stats.run_s, 3), "ttft_s_ewma": round(stats.ttft_s, 3),
                         "tokens_per_s_ewma": round(stats.tokens_per_s, 1), "measured_runs": stats.samples,
                         **self.model.percentiles(tier)}
        return out

    # --- jobs -----------------------------------------------------------------------------
    async def submit(self, *, thread_id: str, company_id: str, key_id: str, request: dict,
                     webhook_url: str | None) -> tuple[GenerationJob, dict]:
        tier = tier_of(request)
        est = await self.estimate(tier)
        job = self.repo.create(thread_id=thread_id, company_id=company_id, key_id=key_id, tier=tier, request=request,
                               webhook_url=webhook_url, predicted_wait_s=est["eta_s"])
        self.hub.notify()
        await self.dispatch_async(job.id)
        return job, est

    def dispatch(self, job_id: str) -> None:
        """Embedded: run the job in this process (it waits for its slot like any custom run)."""
        if job_id not in self._tasks:
            task = asyncio.get_running_loop().create_task(self._run_local(job_id))
            self._tasks[job_id] = task
            task.add_done_callback(lambda _t: self._tasks.pop(job_id, None))

    async def dispatch_async(self, job_id: str) -> None:
        if self.scale_out:
            from jobs.broker import send

            await send(self.broker, job_id)
        else:
            self.dispatch(job_id)

    async def _run_local(self, job_id: str) -> None:
        job = self.repo.get(job_id=job_id)
        if job is None or job.state != "queued":
            return
        ticket = None
        if job.tier != TEMPLATE:
            # One ticket per delivery: a repeated delivery elsewhere must not release this one's slot.
            ticket = Ticket(tier=job.tier, id=f"{job_id}.{uuid.uuid4().hex[:6]}" if self.scale_out else job_id)
            await self.admission.enter(ticket)
            self.rt.metrics.queue_entered(job.tier)
        ok = False
        try:
            if ticket is not None:
                await self._wait(ticket)
            ok = await self.execute(job_id)
        finally:
            await self.release(ticket, measured=ok)

    def cancelled(self, job_id: str) -> None:
        """A queued job was cancelled: stop waiting for its slot here (elsewhere the claim fails)."""
        if (task := self._tasks.get(job_id)) is not None:
            task.cancel()

    async def run_delivered(self, job_id: str) -> None:
        """Scale-out worker: one delivery from the task queue (possibly a repeat: the claim decides)."""
        if job_id in self._tasks:
            return
        self._tasks[job_id] = asyncio.current_task()  # type: ignore[assignment]
        try:
            await self._run_local(job_id)
        finally:
            self._tasks.pop(job_id, None)

    async def position(self, job: GenerationJob) -> tuple[int | None, float | None]:
        """Runs ahead of a queued job and its current wait estimate."""
        if job.state != "queued":
            return None, None
        if job.tier == TEMPLATE:
            return 0, 0.0
        snap = await self.admission.snapshot(job.tier)
        line = [w.split(".")[0] for w in snap.waiting]
        inside = set(line) | {r.split(".")[0] for r in snap.running}
        if job.id in line:
            ahead = line.index(job.id)
        else:
            earlier = [j for j in self.repo.queued(tier=job.tier) if j.id != job.id and j.id not in inside and
                       aware(j.created_at) <= aware(job.created_at)]
            ahead = len(line) + len(earlier)
        est = estimate_wait(ahead=ahead, running_elapsed=snap.running_elapsed, concurrency=self.concurrency(job.tier),
                            service_s=self.model.service_s(job.tier))
        return ahead, est

    async def execute(self, job_id: str) -> bool:
        """Claim, run and finish one job; True when the run completed (its time is a measurement)."""
        job = self.repo.get(job_id=job_id)
        if job is None:
            return False
        waited = (utcnow() - aware(job.created_at)).total_seconds()
        job = self.repo.claim(job_id=job_id, owner=self.owner, lease_s=self.settings.job_lease_s, actual_wait_s=round(waited, 3))
        if job is None:
            return False  # cancelled, or another worker has it
        self.hub.notify()
        self.rt.metrics.job_wait(job.tier, waited, job.predicted_wait_s)
        renew = asyncio.get_running_loop().create_task(self._renew(job_id))
        from jobs.runner import run_job

        started = time.monotonic()
        state, error, ttft, completion = "failed", None, None, 0
        try:
            state, error, ttft, completion = await run_job(self.rt, job)
        except asyncio.CancelledError:
            raise  # the process is stopping: the lease runs out and recovery retries the job
        except Exception as exc:
            log.exception("job %s failed", job_id)
            error = _error_text(exc)
        finally:
            renew.cancel()
        run_s = time.monotonic() - started
        if ttft is not None:
            tps = completion / max(run_s - ttft, 1e-3) if completion else None
            self.model.observe_stream(job.tier, ttft, tps)
        if self.repo.finish(job_id=job_id, owner=self.owner, state=state, error=error, ttft_s=ttft, run_s=round(run_s, 3)) is None:
            log.warning("job %s was taken over while it ran; its result stays with the thread", job_id)
            return False
        await self._after_finish(job_id)
        return True

    async def _renew(self, job_id: str) -> None:
        while True:
            await asyncio.sleep(self.settings.job_lease_s / 3)
            try:
                if not await asyncio.to_thread(self.repo.renew, job_id=job_id, owner=self.owner, lease_s=self.settings.job_lease_s):
                    log.warning("job %s: lease lost (another worker took it over)", job_id)
            except Exception:
                log.warning("lease renewal failed for job %s", job_id, exc_info=True)

    async def _after_finish(self, job_id: str) -> None:
        self.hub.notify()
        job = self.repo.get(job_id=job_id)
        if job is None or job.state not in FINISHED or not job.webhook_url:
            return
        payload = {"event": "job.finished", "job_id": job.id, "thread_id": job.thread_id, "state": job.state,
                   "company_id": job.company_id, "error": job.error, "sent_at": utcnow().isoformat()}
        err = await deliver(job.webhook_url, payload, secret=self.settings.webhook_secret,
                            attempts=self.settings.webhook_attempts, timeout_s=self.settings.webhook_timeout_s)
        self.repo.set_webhook(job_id=job.id, status="failed" if err else "delivered", error=err)


def _error_text(exc: Exception) -> str:
    from api.errors import ApiError
    from api.routers.generations import model_error

    err = exc if isinstance(exc, ApiError) else model_error(exc)
    if err is not None:
        return f"{err.error}: {err.message}"
    return "internal_error: 내부 오류로 생성에 실패했습니다."
