"""Per-key request rate limits (sliding one-minute window) and the daily model-token budget."""
from __future__ import annotations

import math
import threading
import time
import uuid
from collections import deque
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Protocol

WINDOW_S = 60.0


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after_s: int = 0


class RequestLimiter(Protocol):
    def hit(self, key_id: str, limit: int) -> Decision: ...


class MemoryRequestLimiter:
    """One process's view of the last minute: right for the embedded single-process server."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, key_id: str, limit: int) -> Decision:
        now = self._clock()
        with self._lock:
            q = self._hits.setdefault(key_id, deque())
            while q and q[0] <= now - WINDOW_S:
                q.popleft()
            if len(q) >= limit:
                return Decision(False, max(1, math.ceil(q[0] + WINDOW_S - now)))
            q.append(now)
            return Decision(True)


# Atomic sliding window: drop hits older than the window, refuse when full (returning the oldest
# hit's time so the caller can say when to retry), else record this hit.
_LUA = """
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
  return {0, tostring(oldest[2])}
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, math.ceil(window * 1000))
return {1, '0'}
"""


class RedisRequestLimiter:
    """The same window shared by every server process through Redis (the scale-out path)."""

    def __init__(self, url: str, prefix: str = "jobpost:rl:"):
        import redis

        self._redis = redis.Redis.from_url(url, socket_timeout=2.0)
        self._script = self._redis.register_script(_LUA)
        self._prefix = prefix

    def hit(self, key_id: str, limit: int) -> Decision:
        now = time.time()
        allowed, oldest = self._script(keys=[self._prefix + key_id], args=[now, WINDOW_S, limit, uuid.uuid4().hex])  # type: ignore[misc]
        if int(allowed):
            return Decision(True)
        return Decision(False, max(1, math.ceil(float(oldest) + WINDOW_S - now)))


def make_request_limiter(redis_url: str) -> RequestLimiter:
    return RedisRequestLimiter(redis_url) if redis_url else MemoryRequestLimiter()


def utc_day(now: datetime | None = None) -> str:
    return (now or datetime.now(timezone.utc)).strftime("%Y-%m-%d")


def seconds_to_next_utc_day(now: datetime | None = None) -> int:
    now = now or datetime.now(timezone.utc)
    tomorrow = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1, math.ceil((tomorrow - now).total_seconds()))
