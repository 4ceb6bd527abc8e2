"""A chat model over several OpenAI-compatible endpoints of one tier: retries with backoff, cooldown
of failing endpoints, fallback to the next, and a record of which endpoint served each call."""
from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from typing import Any
from urllib.parse import urlsplit

import httpx
import openai
from langchain_core.callbacks import AsyncCallbackManagerForLLMRun, CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr
from tenacity import AsyncRetrying, Retrying, retry_if_exception, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)

# Keys the serving endpoint is reported under, in response_metadata / generation_info (read by
# llm.accounting) and as attributes of a raised error.
ENDPOINT_KEY = "jobpost_endpoint"
MODEL_KEY = "jobpost_model"
FALLBACKS_KEY = "jobpost_fallbacks"
RETRIES_KEY = "jobpost_retries"


class EndpointSetting(BaseModel):
    """One entry of JOBPOST_LLM_SMALL_ENDPOINTS / JOBPOST_LLM_LARGE_ENDPOINTS."""

    model_config = ConfigDict(extra="forbid")
    base_url: str = ""  # empty: the OpenAI API
    api_key: str = ""
    model: str


def endpoint_label(base_url: str, model: str) -> str:
    """host[:port]/model: what logs, metrics and the model_calls table show. Never the key, and
    never a user:password that a URL may carry."""
    parts = urlsplit(base_url) if base_url else None
    host = (parts.hostname or "") if parts else "api.openai.com"
    if parts and parts.port:
        host = f"{host}:{parts.port}"
    return f"{host or base_url}/{model}"


def retryable(exc: BaseException) -> bool:
    """Worth another try at the same endpoint: rate limits, server errors, timeouts, connections."""
    if isinstance(exc, (openai.APITimeoutError, openai.APIConnectionError, httpx.TimeoutException,
                        httpx.TransportError)):
        return True
    if isinstance(exc, openai.APIStatusError):
        return exc.status_code == 429 or exc.status_code >= 500
    return False


def endpoint_failure(exc: BaseException) -> bool:
    """Says something about this endpoint (or key), so another one may do better: the retryable
    errors, plus a refused key (401/403) and an unknown model or path (404)."""
    if retryable(exc):
        return True
    return isinstance(exc, openai.APIStatusError) and exc.status_code in (401, 403, 404)


class Endpoint:
    """One endpoint's client and health. A plain class: pydantic must keep it as it is (the health
    fields change), not validate a copy."""

    def __init__(self, label: str, model_name: str, client: BaseChatModel):
        self.label, self.model_name, self.client = label, model_name, client
        self.cool_until = 0.0
        self.failures = 0


class TieredChatModel(BaseChatModel):
    """Tries its endpoints in order, skipping those cooling down (they are tried last, once each,
    when every endpoint is cooling down). Each endpoint gets max_retries retries with exponential
    backoff on retryable errors; an endpoint that still fails cools down for cooldown_s.

    Streaming falls back to the next endpoint only before the first chunk was yielded; after that
    the error propagates (the client has already seen text from this endpoint)."""

    tier: str = "large"
    endpoints: list[Endpoint] = Field(default_factory=list)
    max_retries: int = 2
    backoff_s: float = 0.5
    backoff_max_s: float = 8.0
    cooldown_s: float = 30.0
    clock: Callable[[], float] = time.monotonic
    _lock: threading.Lock = PrivateAttr(default_factory=threading.Lock)

    model_config = ConfigDict(arbitrary_types_allowed=True)

    @property
    def _llm_type(self) -> str:
        return "tiered-openai"

    @property
    def model_name(self) -> str:
        """The first endpoint's model: the one that serves while nothing fails."""
        return self.endpoints[0].model_name if self.endpoints else "none"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"tier": self.tier, "endpoints": [e.label for e in self.endpoints]}

    # --- endpoint order and health ------------------------------------------------------------
    def _order(self) -> list[tuple[Endpoint, bool]]:
        """(endpoint, cooling) in the order to try: healthy ones as configured, then cooling ones
        by the time their cooldown ends."""
        now = self.clock()
        with self._lock:
            healthy = [e for e in self.endpoints if e.cool_until <= now]
            cooling = sorted((e for e in self.endpoints if e.cool_until > now), key=lambda e: e.cool_until)
        return [(e, False) for e in healthy] + [(e, True) for e in cooling]

    def _failed(self, ep: Endpoint, exc: BaseException) -> None:
        with self._lock:
            ep.failures += 1
            ep.cool_until = self.clock() + self.cooldown_s
        log.warning("model endpoint %s (%s tier) failed, cooling down %.0fs: %s", ep.label, self.tier,
                    self.cooldown_s, type(exc).__name__)

    def _succeeded(self, ep: Endpoint) -> None:
        with self._lock:
            ep.failures, ep.cool_until = 0, 0.0

    def cooling(self) -> list[str]:
        """Labels of the endpoints cooling down now (for /load and tests)."""
        now = self.clock()
        with self._lock:
            return [e.label for e in self.endpoints if e.cool_until > now]

    def _retrying_kwargs(self, cooling: bool) -> dict[str, Any]:
        # A cooling endpoint tried as a last resort gets one attempt: it failed recently.
        return {"stop": stop_after_attempt(1 if cooling else self.max_retries + 1),
                "wait": wait_exponential(multiplier=self.backoff_s, max=self.backoff_max_s),
                "retry": retry_if_exception(retryable), "reraise": True}

    @staticmethod
    def _tag_error(exc: BaseException, ep: Endpoint, fallbacks: int, retries: int) -> None:
        try:
            setattr(exc, ENDPOINT_KEY, ep.label)
            setattr(exc, MODEL_KEY, ep.model_name)
            setattr(exc, FALLBACKS_KEY, fallbacks)
            setattr(exc, RETRIES_KEY, retries)
        except Exception:  # some exception types refuse attributes; the record just lacks them
            pass

    @staticmethod
    def _served(ep: Endpoint, fallbacks: int, retries: int) -> dict[str, Any]:
        return {ENDPOINT_KEY: ep.label, MODEL_KEY: ep.model_name, FALLBACKS_KEY: fallbacks, RETRIES_KEY: retries}

    # --- calls -----------------------------------------------------------------------------------
    async def _agenerate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                         run_manager: AsyncCallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        last: BaseException | None = None
        retries = 0
        for fallbacks, (ep, cooling) in enumerate(self._order()):
            attempts = 0
            try:
                async for attempt in AsyncRetrying(**self._retrying_kwargs(cooling)):
                    with attempt:
                        attempts += 1
                        result = await ep.client._agenerate(messages, stop=stop, **kwargs)
            except Exception as exc:
                retries += attempts - 1
                last = self._endpoint_failed(exc, ep, fallbacks, retries)
                continue
            retries += attempts - 1
            return self._answered(result, ep, fallbacks, retries)
        raise last if last is not None else RuntimeError(f"no model endpoints configured for the {self.tier} tier")

    def _endpoint_failed(self, exc: Exception, ep: Any, fallbacks: int, retries: int) -> Exception:
        """Bookkeeping for an endpoint whose retries are spent: re-raises an error that is not the
        endpoint's fault (a bad request), else cools the endpoint down and answers the error."""
        self._tag_error(exc, ep, fallbacks, retries)
        if not endpoint_failure(exc):
            raise exc
        self._failed(ep, exc)
        return exc

    def _answered(self, result: ChatResult, ep: Any, fallbacks: int, retries: int) -> ChatResult:
        """A call that succeeded: the endpoint is healthy, and each message says who served it."""
        self._succeeded(ep)
        served = self._served(ep, fallbacks, retries)
        for gen in result.generations:
            gen.message.response_metadata = {**(gen.message.response_metadata or {}), **served}
        return result

    async def _astream(self, messages: list[BaseMessage], stop: list[str] | None = None,
                       run_manager: AsyncCallbackManagerForLLMRun | None = None,
                       **kwargs: Any) -> AsyncIterator[ChatGenerationChunk]:
        last: BaseException | None = None
        retries = 0
        for fallbacks, (ep, cooling) in enumerate(self._order()):
            attempts = 0
            first: ChatGenerationChunk | None = None
            stream: AsyncIterator[ChatGenerationChunk] | None = None
            try:
                # Retries and fallback cover the request up to its first chunk; nothing has
                # reached the caller before that.
                async for attempt in AsyncRetrying(**self._retrying_kwargs(cooling)):
                    with attempt:
                        attempts += 1
                        stream = ep.client._astream(messages, stop=stop, **kwargs)
                        try:
                            first = await anext(stream)  # type: ignore[arg-type]
                        except StopAsyncIteration:
                            first = None
                        except BaseException:
                            await _aclose(stream)
                            raise
            except Exception as exc:
                retries += attempts - 1
                last = exc
                self._tag_error(exc, ep, fallbacks, retries)
                if not endpoint_failure(exc):
                    raise
                self._failed(ep, exc)
                continue
            retries += attempts - 1
            served = self._served(ep, fallbacks, retries)
            if first is None:
                self._succeeded(ep)
                yield ChatGenerationChunk(message=AIMessageChunk(content=""), generation_info=served)
                return
            first.generation_info = {**(first.generation_info or {}), **served}
            yield first
            assert stream is not None
            try:
                async for chunk in stream:
                    yield chunk
            except Exception as exc:
                # Text from this endpoint already went out: no fallback, but the endpoint is unwell.
                self._tag_error(exc, ep, fallbacks, retries)
                if endpoint_failure(exc):
                    self._failed(ep, exc)
                raise
            finally:
                await _aclose(stream)
            self._succeeded(ep)
            return
        raise last if last is not None else RuntimeError(f"no model endpoints configured for the {self.tier} tier")


    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        """The sync API (scripts): the same order, retries and cooldown, without streaming."""
        last: BaseException | None = None
        retries = 0
        for fallbacks, (ep, cooling) in enumerate(self._order()):
            attempts = 0
            try:
                for attempt in Retrying(**self._retrying_kwargs(cooling)):
                    with attempt:
                        attempts += 1
                        result = ep.client._generate(messages, stop=stop, **kwargs)
            except Exception as exc:
                retries += attempts - 1
                last = self._endpoint_failed(exc, ep, fallbacks, retries)
                continue
            retries += attempts - 1
            return self._answered(result, ep, fallbacks, retries)
        raise last if last is not None else RuntimeError(f"no model endpoints configured for the {self.tier} tier")

async def _aclose(stream: Any) -> None:
    close = getattr(stream, "aclose", None)
    if close is not None:
        try:
            await close()
        except Exception:  # closing a broken stream may fail again; the first error is the one to report
            pass
