"""Per-call model accounting: a callback handler on each tier's model turns every call into one
model_calls row (thread, node, tier, endpoint, prompt version, tokens, TTFT, duration, outcome),
written in batches by a background thread so the event loop never waits on the database.

Node authors pass the prompt version with ``config=prompt_config(prompt)``:
``await deps.models.small.ainvoke(messages, config=prompt_config(prompt))``."""
from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone
from typing import Any
from uuid import UUID

from langchain_core.callbacks import AsyncCallbackHandler
from langchain_core.runnables import RunnableConfig
from langchain_core.outputs import LLMResult

from llm.tiered import ENDPOINT_KEY, FALLBACKS_KEY, MODEL_KEY, RETRIES_KEY

log = logging.getLogger(__name__)

# Runs whose start was seen but whose end never came (a handler attached mid-call, a lost
# callback) are dropped past this many, oldest first, so the table of open runs stays small.
_MAX_OPEN_RUNS = 10_000


def prompt_config(prompt: Any) -> RunnableConfig:
    """The config that records which prompt (name and version, e.g. "generate_posting.v1") a call used."""
    return {"metadata": {"prompt_version": getattr(prompt, "id", None) or str(prompt)}}


def cached_tokens_of(message: Any, llm_output: dict | None = None) -> int:
    """Prompt tokens served from the provider's prefix cache, where it reports them: LangChain's
    usage_metadata.input_token_details.cache_read, or OpenAI's prompt_tokens_details.cached_tokens."""
    meta = getattr(message, "usage_metadata", None) or {}
    details = meta.get("input_token_details") or {}
    if details.get("cache_read") is not None:
        return int(details["cache_read"] or 0)
    for source in ((getattr(message, "response_metadata", None) or {}).get("token_usage"),
                   (llm_output or {}).get("token_usage")):
        cached = ((source or {}).get("prompt_tokens_details") or {}).get("cached_tokens")
        if cached is not None:
            return int(cached or 0)
    return 0


def _tokens(message: Any, llm_output: dict | None) -> tuple[int, int]:
    meta = getattr(message, "usage_metadata", None) or {}
    if meta:
        return int(meta.get("input_tokens") or 0), int(meta.get("output_tokens") or 0)
    usage = ((getattr(message, "response_metadata", None) or {}).get("token_usage")
             or (llm_output or {}).get("token_usage") or {})
    return int(usage.get("prompt_tokens") or 0), int(usage.get("completion_tokens") or 0)


def error_label(exc: BaseException) -> str:
    """The error's type and HTTP status: never its message (a provider may echo part of a key)."""
    status = getattr(exc, "status_code", None)
    return f"{type(exc).__name__}({status})" if status else type(exc).__name__


class CallRecorder:
    """Takes call rows from any thread and writes them in batches from one daemon thread; a write
    failure is logged and the rows are dropped (accounting never fails a generation)."""

    def __init__(self, write: Callable[[list[dict]], Any], on_record: Callable[[dict], None] | None = None,
                 max_batch: int = 500):
        self._write, self._on_record, self._max_batch = write, on_record, max_batch
        self._queue: queue.Queue[dict] = queue.Queue()
        self._pending = 0
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    def record(self, row: dict) -> None:
        if self._on_record is not None:
            try:
                self._on_record(row)
            except Exception:
                log.exception("model-call metrics failed")
        with self._cond:
            self._pending += 1
            if self._thread is None:
                self._stop = threading.Event()
                self._thread = threading.Thread(target=self._loop, args=(self._stop,), name="model-call-writer",
                                                daemon=True)
                self._thread.start()
        self._queue.put_nowait(row)

    def flush(self, timeout: float = 5.0) -> bool:
        """Wait until every row recorded so far is written (True), or the timeout passes (False)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending == 0, timeout=timeout)

    def close(self, timeout: float = 10.0) -> None:
        """Write what is queued and stop the writer thread (a later record starts a new one)."""
        with self._cond:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            thread.join(timeout=timeout)

    def _loop(self, stop: threading.Event) -> None:
        while True:
            try:
                batch = [self._queue.get(timeout=0.1)]
            except queue.Empty:
                if stop.is_set():  # stopped, and nothing left to write
                    return
                continue
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._write(batch)
            except Exception:
                log.exception("could not store %d model-call rows", len(batch))
            with self._cond:
                self._pending -= len(batch)
                self._cond.notify_all()


class _Open:
    __slots__ = ("start", "first_token", "thread_id", "company_id", "node", "prompt_version")

    def __init__(self, metadata: dict):
        self.start = time.perf_counter()
        self.first_token: float | None = None
        self.thread_id = metadata.get("thread_id")
        self.company_id = metadata.get("company_id")
        self.node = metadata.get("langgraph_node")
        self.prompt_version = metadata.get("prompt_version")


class AccountingHandler(AsyncCallbackHandler):
    """Attached to one tier's model (its own callbacks, not inherited by other runs). Inside a
    LangGraph run the metadata carries thread_id and langgraph_node; prompt_config adds the prompt."""

    raise_error = False

    def __init__(self, tier: str, recorder: CallRecorder, endpoint: str = "", model: str = ""):
        self.tier, self.recorder, self.endpoint, self.model = tier, recorder, endpoint, model
        self._open: dict[UUID, _Open] = {}

    async def on_chat_model_start(self, serialized: dict[str, Any], messages: list, *, run_id: UUID,
                                  parent_run_id: UUID | None = None, tags: list[str] | None = None,
                                  metadata: dict[str, Any] | None = None, **kwargs: Any) -> None:
        if len(self._open) >= _MAX_OPEN_RUNS:
            self._open.pop(next(iter(self._open)), None)
        self._open[run_id] = _Open(metadata or {})

    async def on_llm_new_token(self, token: str | list[str | dict[str, Any]], *, chunk: Any = None, run_id: UUID,
                               parent_run_id: UUID | None = None, tags: list[str] | None = None, **kwargs: Any) -> None:
        run = self._open.get(run_id)
        if run is not None and run.first_token is None and token:
            run.first_token = time.perf_counter()

    async def on_llm_end(self, response: LLMResult, *, run_id: UUID, **kwargs: Any) -> None:
        run = self._open.pop(run_id, None)
        if run is None:
            return
        try:
            gen = response.generations[0][0] if response.generations and response.generations[0] else None
            message = getattr(gen, "message", None)
            served = {**(getattr(gen, "generation_info", None) or {}),
                      **(getattr(message, "response_metadata", None) or {})}
            prompt, completion = _tokens(message, response.llm_output)
            self._record(run, ok=True, served=served, prompt_tokens=prompt, completion_tokens=completion,
                         cached_tokens=cached_tokens_of(message, response.llm_output))
        except Exception:
            log.exception("model-call accounting failed")

    async def on_llm_error(self, error: BaseException, *, run_id: UUID, **kwargs: Any) -> None:
        run = self._open.pop(run_id, None)
        if run is None:
            return
        try:
            served = {k: getattr(error, k) for k in (ENDPOINT_KEY, MODEL_KEY, FALLBACKS_KEY, RETRIES_KEY)
                      if hasattr(error, k)}
            self._record(run, ok=False, served=served, error=error_label(error))
        except Exception:
            log.exception("model-call accounting failed")

    def _record(self, run: _Open, *, ok: bool, served: dict, error: str | None = None, prompt_tokens: int = 0,
                completion_tokens: int = 0, cached_tokens: int = 0) -> None:
        end = time.perf_counter()
        now = datetime.now(timezone.utc)
        self.recorder.record({
            "created_at": now, "day": now.strftime("%Y-%m-%d"), "thread_id": run.thread_id,
            "company_id": run.company_id, "node": run.node, "tier": self.tier,
            "endpoint": str(served.get(ENDPOINT_KEY) or self.endpoint)[:300],
            "model": str(served.get(MODEL_KEY) or self.model)[:200],
            "prompt_version": str(run.prompt_version)[:100] if run.prompt_version else None,
            "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "cached_tokens": cached_tokens,
            "ttft_ms": round((run.first_token - run.start) * 1000) if run.first_token is not None else None,
            "duration_ms": round((end - run.start) * 1000), "ok": ok, "error": error,
            "fallbacks": int(served.get(FALLBACKS_KEY) or 0), "retries": int(served.get(RETRIES_KEY) or 0)})


def attach(models: Any, recorder: CallRecorder) -> None:
    """Put an AccountingHandler on each tier's model (replacing one from an earlier attach, so a
    model set reused by a second app records into that app's store only)."""
    seen: set[int] = set()
    for tier in ("small", "large"):
        model = getattr(models, tier, None)
        if model is None or id(model) in seen:
            continue  # one model serving both tiers is recorded under the first
        seen.add(id(model))
        existing = model.callbacks if isinstance(model.callbacks, list) else []
        name = str(models.name(tier))
        handler = AccountingHandler(tier, recorder, endpoint=f"local/{name}", model=name)
        model.callbacks = [cb for cb in existing if not isinstance(cb, AccountingHandler)] + [handler]
