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
from llm.models import ModelSet, build_models
from retrieval.embeddings import HashingEmbedder
from retrieval.index import IndexCache
from api.metrics import Metrics
from retrieval.similar_postings import SimilarPostings
from onboarding.worker import OnboardingWorker
from store.access import AccessRepository
from store.onboarding import OnboardingRepository
from store.skill_pool import SkillPoolRepository
from store.db import make_engine, make_session_factory, migrate, normalize_url
from store.repository import Repository, seed_from_collector

log = logging.getLogger(__name__)


class Runtime:
    def __init__(self, settings: Settings, models: ModelSet | None = None):
        self.settings = settings
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
                         index_cache=IndexCache(HashingEmbedder(), settings.chunk_chars), skill_pool=self.skill_pool)
        self.graph = build_graph(self.deps)
        self.worker = OnboardingWorker(self.deps, self.onboarding)
        self.similar = SimilarPostings(self.repo)
        self.metrics = Metrics()
        self._stack = contextlib.AsyncExitStack()

    async def start(self) -> None:
        """Open the checkpointer inside the running event loop and attach it to the graph."""
        url = self.settings.resolved_checkpoint_url()
        if url.startswith("sqlite"):
            import aiosqlite

            path = url.split("///", 1)[1]
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = await self._stack.enter_async_context(aiosqlite.connect(path))
            saver: AsyncSqliteSaver | AsyncPostgresSaver = AsyncSqliteSaver(conn)
        else:
            pg_url = normalize_url(url).replace("postgresql+psycopg://", "postgresql://")
            saver = await self._stack.enter_async_context(AsyncPostgresSaver.from_conn_string(pg_url))  # type: ignore[arg-type]
        await saver.setup()
        self.graph.checkpointer = saver
        if self.models.offline:
            from authoring.pregenerate import pregenerate_all

            await pregenerate_all(self.deps, only_missing=True)
        await self.worker.start()
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
        await self.worker.stop()
        if self._pool_task is not None and not self._pool_task.done():
            # A thread cannot be cancelled: wait a while; a batch cut off resumes at the next start.
            await asyncio.wait([self._pool_task], timeout=30)
        await self._stack.aclose()
        self.engine.dispose()
