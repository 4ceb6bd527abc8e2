"""Runs Service 1 jobs in the background, one company at a time, and resumes unfinished ones at start."""
from __future__ import annotations

import asyncio
import contextlib
import logging

from onboarding.service1 import run_job
from store.onboarding import OnboardingRepository

log = logging.getLogger(__name__)


class OnboardingWorker:
    def __init__(self, deps, store: OnboardingRepository):
        self.deps, self.store = deps, store
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._waiting: set[str] = set()
        self._task: asyncio.Task | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    async def start(self) -> None:
        self._queue = asyncio.Queue()  # bound to the running loop
        self._idle = asyncio.Event()
        self._idle.set()
        self._task = asyncio.create_task(self._loop(), name="onboarding-worker")
        for company_id in self.store.pending_jobs():  # queued, or left processing by a stopped server
            self.enqueue(company_id)

    def enqueue(self, company_id: str) -> None:
        self.store.mark_stale(company_id=company_id)
        if company_id not in self._waiting:
            self._waiting.add(company_id)
            self._idle.clear()
            self._queue.put_nowait(company_id)

    async def _loop(self) -> None:
        while True:
            company_id = await self._queue.get()
            self._waiting.discard(company_id)
            try:
                await run_job(self.deps, self.store, company_id)
            except Exception:  # run_job records failures itself; this keeps the worker alive
                log.exception("onboarding worker error")
            if self._queue.empty() and not self._waiting:
                self._idle.set()

    async def wait_idle(self, timeout: float | None = None) -> None:
        await asyncio.wait_for(self._idle.wait(), timeout)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
