"""Builds the app's long-lived parts: store, models, graph, and (in the lifespan) the checkpointer."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from pathlib import Path

from langgraph.checkpoint.postgres.aio import AsyncPostgresSaver
from langgraph.checkpoint.sqlite.aio import AsyncSqliteSaver

from access.ratelimit import make_request_limiter
from catalog.collector import BundledCollector
from core.config import Settings
from graph.builder import build_graph
from graph.deps import Deps
from llm.accounting import CallRecorder, attach as attach_accounting
from llm.models import ModelSet, build_models
from retrieval.embeddings import HashingEmbedder
from retrieval.index import IndexCache
from api.metrics import Metrics
from retrieval.similar_postings import SimilarPostings
from onboarding.worker import OnboardingWorker
from store.access import AccessRepository
from store.model_calls import ModelCallRepository
from store.response_cache import ResponseCacheRepository
from store.onboarding import OnboardingRepository
from store.skill_pool import SkillPoolRepository
from store.db import make_engine, make_session_factory, migrate, normalize_url
from store.repository import Repository, seed_from_collector

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, settings: Settings, models: ModelSet | None = None, role: str = "api"):
        self.settings = settings
        self.role = role  # api | worker (python -m jobs.worker: runs queued jobs, serves no HTTP)
        self.engine = make_engine(settings.database_url)
        migrate(self.engine)
        sessions = make_session_factory(self.engine)
        self.repo = Repository(sessions)
        self.access = AccessRepository(sessions)
        self.onboarding = OnboardingRepository(sessions)
        self.skill_pool = SkillPoolRepository(sessions)
        self._pool_task: asyncio.Task | None = None
        self.access.set_env_admin(secret=settings.admin_token or None)
        self.request_limiter = make_request_limiter(settings.redis_url)
        if settings.seed_sample_data:
            added = seed_from_collector(self.repo, BundledCollector(settings.sample_data_dir))
            if added:
                log.info("imported %d sample companies", added)
        self.models = models if models is not None else build_models(settings)
        self.deps = Deps(repo=self.repo, models=self.models, settings=settings,
                         index_cache=IndexCache(HashingEmbedder(), settings.chunk_chars), skill_pool=self.skill_pool,
                         response_cache=ResponseCacheRepository(sessions, ttl_hours=settings.response_cache_hours))
        self.graph = build_graph(self.deps)
        self.worker = OnboardingWorker(self.deps, self.onboarding)
        self.similar = SimilarPostings(self.repo)
        self.metrics = Metrics()
        from jobs.service import JobService

        self.jobs = JobService(self, role)
        # One row per model call, written off the event loop (llm.accounting).
        self.model_calls = ModelCallRepository(sessions)
        self.call_recorder = CallRecorder(lambda rows: self.model_calls.add_many(rows=rows),
                                          on_record=self.metrics.observe_model_call)
        attach_accounting(self.models, self.call_recorder)
        self._stack = contextlib.AsyncExitStack()

    async def start(self) -> None:
        """Open the checkpointer inside the running event loop and attach it to the graph."""
        url = self.settings.resolved_checkpoint_url()
        if url.startswith("sqlite"):
            import aiosqlite

            path = url.split("///", 1)[1]
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = await self._stack.enter_async_context(aiosqlite.connect(path))
            await conn.execute("PRAGMA journal_mode=WAL")  # see store.db: same trade-off as the app database
            await conn.execute("PRAGMA synchronous=NORMAL")
            saver: AsyncSqliteSaver | AsyncPostgresSaver = AsyncSqliteSaver(conn)
        else:
            from psycopg.rows import dict_row
            from psycopg_pool import AsyncConnectionPool

            pg_url = normalize_url(url).replace("postgresql+psycopg://", "postgresql://")
            # A pool, not one connection: concurrent runs (and a worker's jobs) checkpoint in parallel.
            pool = AsyncConnectionPool(pg_url, min_size=1, max_size=self.settings.pg_pool_max, open=False,
                                       kwargs={"autocommit": True, "prepare_threshold": 0, "row_factory": dict_row})
            await pool.open()
            self._stack.push_async_callback(pool.close)
            saver = AsyncPostgresSaver(pool)  # type: ignore[arg-type]
        await saver.setup()
        self.graph.checkpointer = saver
        if self.models.offline:
            from authoring.pregenerate import pregenerate_all

            await pregenerate_all(self.deps, only_missing=True)
        if self.role == "api":
            await self.worker.start()  # Service 1 onboarding runs in the API processes only
        await self.jobs.start()
        latest = self.skill_pool.latest(state=None)
        if self.settings.skill_pool_build_at_start and (latest is None or latest.state == "running"):
            self.start_pool_rebuild()  # never built, or cut off: build it / resume it

    def pool_rebuilding(self) -> bool:
        return self._pool_task is not None and not self._pool_task.done()

    def start_pool_rebuild(self) -> bool:
        """Rebuild the skill pool in a worker thread (it never runs on the request path)."""
        if self.pool_rebuilding():
            return False
        from knowledge.batch import rebuild

        wanted = Path(self.settings.skill_pool_wanted_dir) if self.settings.skill_pool_wanted_dir else None

        async def run() -> None:
            try:
                await asyncio.to_thread(rebuild, self.repo, self.skill_pool, wanted_dir=wanted)
            except Exception:
                log.exception("skill pool rebuild failed")

        self._pool_task = asyncio.get_running_loop().create_task(run())
        return True

    async def stop(self) -> None:
        await self.jobs.stop()
        await self.worker.stop()
        if self._pool_task is not None and not self._pool_task.done():
            # A thread cannot be cancelled: wait a while; a batch cut off resumes at the next start.
            await asyncio.wait([self._pool_task], timeout=30)
        await self._stack.aclose()
        await asyncio.to_thread(self.call_recorder.close)
        self.engine.dispose()
