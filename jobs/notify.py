"""Telling clients a job changed: an in-process wake-up for the SSE streams, and signed webhooks."""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
from urllib.parse import urlparse

import httpx
from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

log = logging.getLogger(__name__)
SIGNATURE_HEADER = "X-Jobpost-Signature"


class EventHub:
    """Wakes the SSE streams of this process when a job event is written here. Events written by
    another process (scale-out) are found by the streams' periodic re-read of the database."""

    def __init__(self) -> None:
        self.version = 0
        self._event: asyncio.Event | None = None

    def notify(self) -> None:
        self.version += 1
        if self._event is not None:
            self._event.set()
            self._event = None

    async def wait(self, seen: int, timeout: float) -> None:
        """Until something is written after `seen` (the version read before looking), or timeout."""
        if self.version != seen:
            return
        if self._event is None:
            self._event = asyncio.Event()
        try:
            await asyncio.wait_for(self._event.wait(), timeout)
        except asyncio.TimeoutError:
            pass


def valid_webhook_url(url: str) -> bool:
    parts = urlparse(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def sign(secret: str, body: bytes) -> str:
    """`sha256=<hex>` of HMAC-SHA256(secret, raw body): what X-Jobpost-Signature carries."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str) -> bool:
    """How a receiver checks a delivery (constant-time compare over the raw body it received)."""
    return hmac.compare_digest(sign(secret, body), header or "")


class _Retryable(Exception):
    pass


async def deliver(url: str, payload: dict, *, secret: str, attempts: int, timeout_s: float) -> str | None:
    """POST the payload, signed; retried with backoff on network errors and 5xx/429. Returns None
    when delivered, else the last error (a failed webhook never fails the job)."""
    body = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str).encode()
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(secret, body), "X-Jobpost-Event": "job.finished",
               "X-Jobpost-Delivery": str(payload.get("job_id", ""))}
    try:
        async with httpx.AsyncClient(timeout=timeout_s, follow_redirects=False) as client:
            async for attempt in AsyncRetrying(stop=stop_after_attempt(max(1, attempts)), reraise=True,
                                               wait=wait_exponential(multiplier=0.2, max=5),
                                               retry=retry_if_exception_type((httpx.HTTPError, _Retryable))):
                with attempt:
                    r = await client.post(url, content=body, headers=headers)
                    if r.status_code >= 500 or r.status_code == 429:
                        raise _Retryable(f"HTTP {r.status_code}")
                    if r.status_code >= 300:
                        return f"HTTP {r.status_code}"  # the receiver refused it: retrying will not help
        return None
    except Exception as exc:
        log.warning("webhook to %s failed: %s", urlparse(url).hostname, exc)
        return f"{type(exc).__name__}: {exc}"[:500]
