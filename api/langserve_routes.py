"""The LangServe routes at /graph: a run of the graph as a stream of public states, never its inner runs."""
from __future__ import annotations

import asyncio
import contextvars
import uuid
from typing import Any, AsyncIterator

from fastapi import Depends, FastAPI, Request
from langchain_core.runnables import Runnable, RunnableConfig, RunnableLambda
from langchain_core.runnables.config import var_child_runnable_config
from langserve import add_routes
from pydantic import BaseModel

from api.deps import ensure_role, ensure_token_budget, get_principal, record_tokens, unknown_thread, usage_tokens, visible_company
from api.errors import ApiError
from api.schemas import GraphInput, graph_payload
from api.streaming import guarded_run
from api.views import public_view
from graph.state import add_usage
from store.access import principal_of

# Keys that hold posting text: before validate_output only the guarded stream stands for them.
_POSTING_KEYS = ("posting", "drafts", "final_posting")


def _thread_config(config: dict, request: Request) -> dict:
    """LangServe does not pass a thread id to a checkpointed graph by itself: take it from the
    X-Thread-Id header, or start a new thread. The caller's key id rides along (overwriting
    anything a client put there) so the run can be attributed and counted."""
    thread_id = request.headers.get("x-thread-id") or uuid.uuid4().hex
    configurable = dict(config.get("configurable") or {})
    configurable["thread_id"] = thread_id
    configurable["jobpost_key_id"] = get_principal(request).key_id
    return {**config, "configurable": configurable}


def _input_companies(body: Any) -> list[str]:
    if not isinstance(body, dict):
        return []
    inputs = body.get("inputs") if isinstance(body.get("inputs"), list) else [body.get("input")]
    return [str(i["company_id"]) for i in inputs if isinstance(i, dict) and i.get("company_id") is not None]


async def graph_access(request: Request) -> None:
    """Who may run the graph through LangServe: a writer or above, on its own companies, on a thread
    of its own companies, within its token budget. Anything else is 404 (or 403/429), before any work."""
    runtime = request.app.state.runtime
    principal = get_principal(request)
    ensure_role(principal, "writer", "공고 생성")
    if request.method != "POST":
        return
    try:
        body = await request.json()
    except ValueError:
        return  # LangServe answers malformed bodies itself
    companies = _input_companies(body)
    for company_id in companies:
        visible_company(runtime, principal, company_id)
    if (thread_id := request.headers.get("x-thread-id")) is not None:
        owner = runtime.access.thread_company(thread_id=thread_id)
        if owner is not None and (not principal.sees(owner) or any(c != owner for c in companies)):
            raise unknown_thread(thread_id)
    if request.url.path.rstrip("/").rsplit("/", 1)[-1] in ("invoke", "batch", "stream", "stream_log", "stream_events"):
        ensure_token_budget(runtime, principal)


_DONE = object()


async def _detached(items: AsyncIterator) -> AsyncIterator:
    """Iterate `items` outside the LangServe run that is iterating this.

    LangChain and LangGraph hand a run's callbacks to everything started inside it through a
    context variable, merged into any config passed explicitly (an empty callback list does not
    override it). stream_events, stream_log and the playground listen through those callbacks, so
    each step runs in a copy of the context with that variable cleared: they see the public states
    this runnable yields and none of the nodes' or the model's runs, whose outputs are unvalidated."""
    ctx = contextvars.copy_context()
    ctx.run(var_child_runnable_config.set, None)
    loop = asyncio.get_running_loop()

    async def step():
        try:
            return await anext(items)
        except StopAsyncIteration:
            return _DONE

    async def close():
        await items.aclose()

    try:
        while (item := await loop.create_task(step(), context=ctx)) is not _DONE:
            yield item
    finally:
        await loop.create_task(close(), context=ctx)


def _fold(state: dict, update: dict) -> None:
    """Apply one node's update to this run's state the way the graph's reducers do."""
    for key, value in update.items():
        if key == "notices":
            state[key] = state.get(key, []) + list(value or [])
        elif key == "usage":
            state[key] = add_usage(state.get(key), value)
        else:
            state[key] = value


def _public_state(thread_id: str, state: dict, validated: dict | None, partial: str, step: str | None,
                  interrupted: bool) -> dict:
    view = public_view(thread_id, state, interrupted)
    for key in _POSTING_KEYS:
        view.pop(key, None)
    if validated is None:
        view["partial_posting"] = partial
    else:
        # Only what validate_output returned: a blocked run returns no drafts, and the writer's
        # unvalidated drafts must not stand in for them.
        view.update({key: validated.get(key) for key in _POSTING_KEYS})
    view["step"] = step
    return view


def graph_runnable(runtime) -> Runnable:
    async def run_graph(input: Any, config: RunnableConfig) -> AsyncIterator[dict]:
        payload = graph_payload(input.model_dump() if isinstance(input, BaseModel) else dict(input))
        thread_id = str((config.get("configurable") or {}).get("thread_id") or uuid.uuid4().hex)
        key_id = (config.get("configurable") or {}).get("jobpost_key_id")
        key = runtime.access.get_key(key_id=key_id) if key_id else None
        principal = principal_of(key) if key is not None else None
        if principal is not None and not runtime.access.claim_thread(thread_id=thread_id, company_id=payload.get("company_id"),
                                                                     key_id=key_id):
            raise ApiError(404, "unknown_thread", f"생성 요청을 찾을 수 없습니다: {thread_id!r}")
        if principal is not None:
            runtime.access.audit(actor=principal, action="generation.create", company_id=payload.get("company_id"),
                                 target=thread_id, detail={"job_code": payload.get("job_code"), "level": payload.get("level"),
                                         "mode": payload.get("mode"), "language": payload.get("language"), "via": "langserve"})
        inner = {"configurable": {"thread_id": thread_id}}  # only the thread: see _detached
        state: dict = {}
        validated: dict | None = None
        partial, step, interrupted = "", None, False
        try:
            async for kind, value in _detached(guarded_run(runtime.graph, runtime.deps, payload, inner)):
                if kind == "text":
                    partial += value
                    step = "template" if state.get("route") == "template" else "generate"
                elif kind == "interrupt":
                    interrupted = True
                elif kind == "progress":
                    continue  # request-side progress: the state's `understood` arrives with the step
                else:
                    step, update = value
                    _fold(state, update)
                    if step == "validate_output":
                        validated = {k: update.get(k) for k in _POSTING_KEYS}
                    elif validated is not None and step == "review":
                        validated.update({k: update[k] for k in _POSTING_KEYS if k in update})
                yield _public_state(thread_id, state, validated, partial, step, interrupted)
        finally:
            if principal is not None:
                record_tokens(runtime, principal, usage_tokens(state.get("usage")), generations=1)

    return RunnableLambda(run_graph, name="jobpost").with_types(input_type=GraphInput, output_type=dict)  # type: ignore[arg-type]


def add_graph_routes(app: FastAPI, runtime) -> None:
    add_routes(app, graph_runnable(runtime), path="/graph", per_req_config_modifier=_thread_config,
               dependencies=[Depends(graph_access)],
               enabled_endpoints=("invoke", "batch", "stream", "stream_log", "stream_events", "playground",
                                  "input_schema", "output_schema", "config_schema"))
