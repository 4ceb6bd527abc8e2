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
        self.in_flight = Gauge("jobpost_generations_in_flight", "Generations running now", registry=self.registry)
        self.rate_limited = Counter("jobpost_rate_limited", "Requests refused by a per-key limit", ["limit"], registry=self.registry)
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

    def recent(self) -> dict[str, dict]:
        """p50 / p95 generation time per route over the last 500 runs."""
        out = {}
        with self._lock:
            for route, values in self._recent.items():
                xs = sorted(values)
                out[route] = {"runs": len(xs), "p50_s": round(xs[len(xs) // 2], 3),
                              "p95_s": round(xs[min(len(xs) - 1, int(len(xs) * 0.95))], 3)}
        return out


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
