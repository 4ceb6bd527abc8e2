from __future__ import annotations

import uuid
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from langchain_core.runnables import RunnableGenerator
from langserve import add_routes

from api.errors import install_error_handlers
from api.routes import router
from api.runtime import Runtime
from api.schemas import GraphInput
from core.config import Settings, get_settings
from graph.state import add_usage
from llm.models import ModelSet


def _thread_config(config: dict, request: Request) -> dict:
    """LangServe does not pass a thread id to a checkpointed graph by itself: take it from the
    X-Thread-Id header, or start a new thread."""
    thread_id = request.headers.get("x-thread-id") or uuid.uuid4().hex
    configurable = dict(config.get("configurable") or {})
    configurable["thread_id"] = thread_id
    return {**config, "configurable": configurable}


def _public_states(node_names: set[str]):
    """A streaming transform for LangServe. The graph streams per-node updates ({node: update});
    they are folded into the running state so each chunk is the state so far plus the step that
    produced it. Interrupt objects are not JSON: a pause becomes status "pending_review"."""

    async def transform(chunks):
        state: dict = {}
        async for chunk in chunks:
            public = {k: v for k, v in chunk.items() if not k.startswith("__")}
            if public and set(public) <= node_names:
                for node, update in public.items():
                    for key, value in (update or {}).items():
                        if key == "notices":
                            state[key] = state.get(key, []) + list(value)
                        elif key == "usage":
                            state[key] = add_usage(state.get(key), value)
                        else:
                            state[key] = value
                    state["step"] = node
            else:
                state.update(public)  # invoke passes the final state whole
            if "__interrupt__" in chunk:
                state["status"] = "pending_review"
            yield dict(state)

    return transform


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
    app.include_router(router)

    @app.get("/health", tags=["ops"])
    def health():
        return {"status": "ok", "mode": "offline" if runtime.models.offline else "llm",
                "models": {"small": runtime.models.name("small"), "large": runtime.models.name("large")}}

    transform = _public_states(set(runtime.graph.nodes))
    runnable = (runtime.graph | RunnableGenerator(transform)).with_types(input_type=GraphInput)
    add_routes(app, runnable, path="/graph", per_req_config_modifier=_thread_config,
               enabled_endpoints=("invoke", "batch", "stream", "stream_log", "stream_events", "playground",
                                  "input_schema", "output_schema", "config_schema"))
    return app
