"""Admission per model tier: at most `concurrency` runs of a tier at once, the rest wait in arrival
order. In-process (embedded default) or shared by every process through Redis (scale-out)."""
from __future__ import annotations

import asyncio
import logging
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Callable, Protocol

log = logging.getLogger(__name__)


@dataclass
class Ticket:
    tier: str
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    arrived: float = field(default_factory=time.monotonic)
    admitted: float | None = None
    position: int = 0  # runs ahead in line when it arrived
    eta_s: float = 0.0  # predicted wait when it arrived

    @property
    def waited_s(self) -> float | None:
        return None if self.admitted is None else self.admitted - self.arrived


@dataclass
class Snapshot:
    running_elapsed: list[float]
    waiting: list[str]  # ticket ids, first in line first
    running: list[str] = field(default_factory=list)  # ticket ids holding a slot


class Admission(Protocol):
    async def enter(self, ticket: Ticket) -> int: ...
    async def wait(self, ticket: Ticket) -> None: ...
    async def release(self, ticket: Ticket) -> None: ...
    async def snapshot(self, tier: str) -> Snapshot: ...
    async def close(self) -> None: ...


class LocalAdmission:
    """One process's slots: a FIFO of waiters per tier and a condition to wake them."""

    def __init__(self, limit: Callable[[str], int]):
        self.limit = limit
        self._waiting: dict[str, list[Ticket]] = {}
        self._running: dict[str, dict[str, Ticket]] = {}
        self._cond: asyncio.Condition | None = None

    def _condition(self) -> asyncio.Condition:
        if self._cond is None:
            self._cond = asyncio.Condition()
        return self._cond

    async def enter(self, ticket: Ticket) -> int:
        line = self._waiting.setdefault(ticket.tier, [])
        line.append(ticket)
        return len(line) - 1

    def _can_start(self, ticket: Ticket) -> bool:
        line = self._waiting.get(ticket.tier, [])
        running = self._running.setdefault(ticket.tier, {})
        return bool(line) and line[0] is ticket and len(running) < self.limit(ticket.tier)

    async def wait(self, ticket: Ticket) -> None:
        cond = self._condition()
        try:
            async with cond:
                await cond.wait_for(lambda: self._can_start(ticket))
                self._waiting[ticket.tier].pop(0)
                self._running[ticket.tier][ticket.id] = ticket
                ticket.admitted = time.monotonic()
                cond.notify_all()  # the next in line may fit too
        except BaseException:
            await self._leave(ticket)
            raise

    async def _leave(self, ticket: Ticket) -> None:
        line = self._waiting.get(ticket.tier, [])
        if ticket in line:
            line.remove(ticket)
        self._running.get(ticket.tier, {}).pop(ticket.id, None)
        cond = self._condition()
        async with cond:
            cond.notify_all()

    async def release(self, ticket: Ticket) -> None:
        await self._leave(ticket)

    async def snapshot(self, tier: str) -> Snapshot:
        now = time.monotonic()
        running = self._running.get(tier, {})
        return Snapshot([now - (t.admitted or now) for t in running.values()], [t.id for t in self._waiting.get(tier, [])],
                        list(running))

    async def close(self) -> None:
        return None


# Atomic admission step: drop holders whose lease ran out (their process died) and waiters that
# stopped polling, then admit this ticket if it is among the first `free` waiters.
_ACQUIRE = """
local holders, waiters, seen, started = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local now, ticket, limit, lease_until, stale = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), ARGV[4], tonumber(ARGV[5])
local gone = redis.call('ZRANGEBYSCORE', holders, '-inf', now)
for _, h in ipairs(gone) do redis.call('HDEL', started, h) end
redis.call('ZREMRANGEBYSCORE', holders, '-inf', now)
for _, w in ipairs(redis.call('ZRANGE', waiters, 0, -1)) do
  local t = tonumber(redis.call('HGET', seen, w) or '0')
  if w ~= ticket and t < stale then redis.call('ZREM', waiters, w); redis.call('HDEL', seen, w) end
end
redis.call('HSET', seen, ticket, now)
redis.call('ZADD', waiters, 'NX', ARGV[6], ticket)
local free = limit - redis.call('ZCARD', holders)
local rank = redis.call('ZRANK', waiters, ticket)
if free > 0 and rank < free then
  redis.call('ZREM', waiters, ticket); redis.call('HDEL', seen, ticket)
  redis.call('ZADD', holders, lease_until, ticket); redis.call('HSET', started, ticket, now)
  return -1
end
return rank
"""


class RedisAdmission:
    """The same slots shared by every API and worker process through Redis. A holder renews its
    lease while it runs; a process that dies stops renewing and its slot frees itself."""

    def __init__(self, url: str, prefix: str, limit: Callable[[str], int], lease_s: float = 30.0, poll_s: float = 0.1):
        import redis.asyncio as aioredis

        self.redis = aioredis.from_url(url)
        self.prefix, self.limit, self.lease_s, self.poll_s = prefix, limit, lease_s, poll_s
        self._script = self.redis.register_script(_ACQUIRE)
        self._renewers: dict[str, asyncio.Task] = {}

    def _keys(self, tier: str) -> list[str]:
        return [f"{self.prefix}:adm:{tier}:{k}" for k in ("holders", "waiters", "seen", "started")]

    async def _try(self, ticket: Ticket) -> int:
        now = time.time()
        return int(await self._script(keys=self._keys(ticket.tier),
                                      args=[now, ticket.id, self.limit(ticket.tier), now + self.lease_s,
                                            now - max(5 * self.poll_s, 2.0), ticket.arrived + time.time() - time.monotonic()]))

    async def enter(self, ticket: Ticket) -> int:
        rank = await self._try(ticket)
        if rank == -1:
            self._admitted(ticket)
            return 0
        return rank

    def _admitted(self, ticket: Ticket) -> None:
        ticket.admitted = time.monotonic()
        self._renewers[ticket.id] = asyncio.get_running_loop().create_task(self._renew(ticket))

    async def _renew(self, ticket: Ticket) -> None:
        holders = self._keys(ticket.tier)[0]
        while True:
            await asyncio.sleep(self.lease_s / 3)
            try:
                await self.redis.zadd(holders, {ticket.id: time.time() + self.lease_s}, xx=True)
            except Exception:  # a blip: the next renewal tries again before the lease ends
                log.warning("admission lease renewal failed", exc_info=True)

    async def wait(self, ticket: Ticket) -> None:
        try:
            # Waiting across processes: poll the atomic step (Redis has no condition variable).
            while ticket.admitted is None:
                if await self._try(ticket) == -1:
                    self._admitted(ticket)
                    return
                await asyncio.sleep(self.poll_s)
        except BaseException:
            await self.release(ticket)
            raise

    async def release(self, ticket: Ticket) -> None:
        task = self._renewers.pop(ticket.id, None)
        if task is not None:
            task.cancel()
        holders, waiters, seen, started = self._keys(ticket.tier)
        try:
            pipe: Any = self.redis.pipeline(transaction=True)
            async with pipe:
                pipe.zrem(holders, ticket.id)
                pipe.zrem(waiters, ticket.id)
                pipe.hdel(seen, ticket.id)
                pipe.hdel(started, ticket.id)
                await pipe.execute()
        except Exception:  # the lease expires by itself
            log.warning("admission release failed", exc_info=True)

    async def snapshot(self, tier: str) -> Snapshot:
        holders, waiters, _, started = self._keys(tier)
        now = time.time()
        r: Any = self.redis
        ids = [h.decode() for h in await r.zrangebyscore(holders, now, "+inf")]
        starts = await r.hmget(started, ids) if ids else []
        line = [w.decode() for w in await r.zrange(waiters, 0, -1)]
        return Snapshot([now - float(s or now) for s in starts], line, ids)

    async def close(self) -> None:
        for task in self._renewers.values():
            task.cancel()
        await self.redis.aclose()
