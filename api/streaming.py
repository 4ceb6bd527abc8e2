"""The graph run behind every streaming route: posting text reaches a client only through a StreamGuard."""
from __future__ import annotations

import asyncio
from contextlib import aclosing
from typing import Any, AsyncIterator

from graph.deps import Deps
from guards.stream_guard import StreamGuard, guard_for

# The nodes that write posting text: their model tokens ("messages") and composer pieces ("custom").
WRITING_NODES = ("opening", "generate", "template", "from_cache")
STREAM_MODES = ["messages", "custom", "updates"]


def posting_token(mode: str, item: Any) -> str | None:
    """The posting text one graph stream item carries, or None when it carries none."""
    if mode == "messages":
        chunk, meta = item
        if (meta or {}).get("langgraph_node") in WRITING_NODES:
            return _text_of(chunk)
    elif mode == "custom" and isinstance(item, dict) and isinstance(item.get("token"), str):
        return item["token"]
    return None


def _text_of(chunk: Any) -> str:
    content = getattr(chunk, "content", "")
    if isinstance(content, str):
        return content
    # Content blocks (some providers): only the text parts are posting text.
    return "".join(b.get("text", "") if isinstance(b, dict) else str(b) for b in content or [])


async def guarded_run(graph, deps: Deps, payload: dict, config: dict) -> AsyncIterator[tuple[str, Any]]:
    """Runs the graph and yields ("text", safe posting text), ("update", (node, update)) when a step
    finishes, ("progress", dict) for a node's early progress report (request-side facts, no
    posting text: nodes.opening), and ("interrupt", value) when the run pauses for review.

    The updates are the nodes' raw outputs (the writer's posting is unvalidated): callers decide
    what of them a client may see."""
    guard: StreamGuard | None = None
    language = payload.get("language")
    async with aclosing(graph.astream(payload, config, stream_mode=STREAM_MODES)) as stream:
        async for mode, item in stream:
            if mode == "updates":
                for node, update in item.items():
                    if node == "__interrupt__":
                        yield "interrupt", update
                        continue
                    update = update if isinstance(update, dict) else {}
                    # input_guard settles the language (a request may not name one); the
                    # placeholder and the law rules the guard applies depend on it.
                    language = update.get("language") or language
                    if node in WRITING_NODES and guard is not None:
                        # The writer is done: what the guard still holds goes out before the step.
                        if rest := await asyncio.to_thread(guard.flush):
                            yield "text", rest
                        guard = None
                    yield "update", (node, update)
                continue
            if mode == "custom" and isinstance(item, dict) and isinstance(item.get("progress"), dict):
                yield "progress", item["progress"]
                continue
            token = posting_token(mode, item)
            if not token:
                continue
            if guard is None:
                # Built at the first token, not before: a rejected request never gets here, and
                # by now the company is known to exist.
                ctx = deps.company_context(payload["company_id"], payload["job_code"])
                guard = guard_for(ctx, language or "ko")
            # In a worker thread: a release runs the guard validators (milliseconds each), which
            # must not stall the event loop, and guardrails validates synchronously only off it.
            if safe := await asyncio.to_thread(guard.feed, token):
                yield "text", safe
    if guard is not None and (rest := await asyncio.to_thread(guard.flush)):
        yield "text", rest
