"""Service 4's measurements: Prometheus metrics (one registry per app) and recent generation timings
for /load. Route labels are the route templates, never raw paths (no ids, no unbounded labels)."""
from __future__ import annotations

import threading
import time
from collections import deque

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

_BUCKETS = (0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("jobpost_http_requests", "HTTP requests", ["method", "route", "status"], registry=self.registry)
        self.latency = Histogram("jobpost_http_request_seconds", "HTTP request time (to the last byte)", ["route"],
                                 buckets=_BUCKETS, registry=self.registry)
        self.generation = Histogram("jobpost_generation_seconds", "Time to run a generation to review", ["route"],
                                    buckets=_BUCKETS, registry=self.registry)
        self.tokens = Counter("jobpost_model_tokens", "Model tokens spent", ["kind"], registry=self.registry)
        self.in_flight = InFlight(Gauge("jobpost_generations_in_flight", "Generations running now", registry=self.registry))
        # Admission per model tier (jobs.service): who waits, who runs, how long they waited.
        self.queue_depth = Gauge("jobpost_queue_depth", "Runs waiting for a slot", ["tier"], registry=self.registry)
        self.queue_running = Gauge("jobpost_queue_running", "Runs holding a slot", ["tier"], registry=self.registry)
        self.queue_wait = Histogram("jobpost_queue_wait_seconds", "Time from arrival to a slot", ["tier"],
                                    buckets=_BUCKETS, registry=self.registry)
        self.eta_error = Histogram("jobpost_eta_error_seconds", "Absolute error of a job's predicted wait", ["tier"],
                                   buckets=_BUCKETS, registry=self.registry)
        self.rate_limited = Counter("jobpost_rate_limited", "Requests refused by a per-key limit", ["limit"], registry=self.registry)
        # Per model call (llm.accounting): endpoint labels are host/model from the configuration, never keys.
        self.model_tokens = Counter("jobpost_model_call_tokens", "Model tokens per tier, endpoint and kind",
                                    ["tier", "endpoint", "kind"], registry=self.registry)
        self.model_errors = Counter("jobpost_model_call_errors", "Model calls that failed", ["tier", "endpoint"],
                                    registry=self.registry)
        self.model_fallbacks = Counter("jobpost_model_fallbacks", "Model calls that needed another endpoint",
                                       ["tier"], registry=self.registry)
        self._recent: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def observe_generation(self, route: str, seconds: float, usage: dict | None) -> None:
        route = route or "unknown"
        self.generation.labels(route).observe(seconds)
        for kind in ("prompt_tokens", "completion_tokens"):
            if n := int((usage or {}).get(kind, 0)):
                self.tokens.labels(kind.removesuffix("_tokens")).inc(n)
        with self._lock:
            self._recent.setdefault(route, deque(maxlen=500)).append(seconds)

    def observe_model_call(self, row: dict) -> None:
        tier, endpoint = row.get("tier") or "unknown", row.get("endpoint") or "unknown"
        for kind in ("prompt", "completion", "cached"):
            if n := int(row.get(f"{kind}_tokens") or 0):
                self.model_tokens.labels(tier, endpoint, kind).inc(n)
        if not row.get("ok", True):
            self.model_errors.labels(tier, endpoint).inc()
        if row.get("fallbacks"):
            self.model_fallbacks.labels(tier).inc()

    def queue_entered(self, tier: str) -> None:
        self.queue_depth.labels(tier).inc()

    def queue_admitted(self, tier: str, waited_s: float) -> None:
        self.queue_depth.labels(tier).dec()
        self.queue_running.labels(tier).inc()
        self.queue_wait.labels(tier).observe(waited_s)

    def queue_left(self, tier: str, *, admitted: bool) -> None:
        (self.queue_running if admitted else self.queue_depth).labels(tier).dec()

    def job_wait(self, tier: str, actual_s: float, predicted_s: float | None) -> None:
        if predicted_s is not None:
            self.eta_error.labels(tier).observe(abs(actual_s - predicted_s))

    def recent(self) -> dict[str, dict]:
        """p50 / p95 generation time per route over the last 500 runs."""
        out = {}
        with self._lock:
            for route, values in self._recent.items():
                xs = sorted(values)
                out[route] = {"runs": len(xs), "p50_s": round(xs[len(xs) // 2], 3),
                              "p95_s": round(xs[min(len(xs) - 1, int(len(xs) * 0.95))], 3)}
        return out


class InFlight:
    """The in-flight gauge plus our own count of it (the gauge's value is prometheus' private state)."""

    def __init__(self, gauge: Gauge):
        self.gauge, self.value = gauge, 0
        self._lock = threading.Lock()

    def inc(self) -> None:
        with self._lock:
            self.value += 1
        self.gauge.inc()

    def dec(self) -> None:
        with self._lock:
            self.value -= 1
        self.gauge.dec()


class MetricsMiddleware:
    def __init__(self, app: ASGIApp, metrics: Metrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        start, status = time.perf_counter(), 500

        async def wrapped(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        finally:
            route = getattr(scope.get("route"), "path", None) or ("unmatched" if status == 404 else "other")
            self.metrics.requests.labels(scope["method"], route, str(status)).inc()
            self.metrics.latency.labels(route).observe(time.perf_counter() - start)
            if status == 429:
                self.metrics.rate_limited.labels("any").inc()
