"""The FastAPI app: REST routes, LangServe routes at /graph, and the runtime's lifespan."""
from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.security import HTTPBearer

from api.errors import install_error_handlers
from api.langserve_routes import add_graph_routes
from api.metrics import MetricsMiddleware
from api.routers import audit, catalog, generations, keys, knowledge, onboarding, ops, registry, session, web
from api.routers import sections as section_edits
from api.routers import jobs as job_routes
from api.runtime import Runtime
from api.security import install_security
from core.config import Settings, get_settings
from llm.models import ModelSet


def create_app(settings: Settings | None = None, models: ModelSet | None = None) -> FastAPI:
    settings = settings or get_settings()
    runtime = Runtime(settings, models)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        # sse-starlette 1.x (pinned by langserve) keeps a module-global exit event bound to the
        # first event loop that used it; a fresh loop (a restarted app, tests) needs a fresh one.
        from sse_starlette.sse import AppStatus

        AppStatus.should_exit_event = None
        await runtime.start()
        yield
        await runtime.stop()

    app = FastAPI(title="jobpost", version="0.1.0", lifespan=lifespan,
                  description="채용공고 작성 서비스: template drafts and natural-language custom postings, "
                              "with guardrails and reviewer approval.")
    app.state.runtime = runtime
    install_error_handlers(app)
    install_security(app, runtime)
    app.add_middleware(MetricsMiddleware, metrics=runtime.metrics)  # outermost: counts refusals too
    # Declares the Bearer scheme in the OpenAPI document (the docs' "Authorize" button); the access
    # middleware is what enforces it, on every route including LangServe's.
    bearer = [Depends(HTTPBearer(auto_error=False, description="API key: Authorization: Bearer <key>"))]
    for module in (catalog, knowledge, onboarding, registry, generations, section_edits, job_routes, keys, audit, ops):
        app.include_router(module.router, dependencies=bearer)
    app.include_router(session.router)
    app.include_router(web.router)

    @app.get("/health", tags=["ops"])
    def health():
        return {"status": "ok", "mode": "offline" if runtime.models.offline else "llm",
                "models": {"small": runtime.models.name("small"), "large": runtime.models.name("large")}}

    add_graph_routes(app, runtime)
    return app
