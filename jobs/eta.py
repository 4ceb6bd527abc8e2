"""Wait estimates: moving averages of measured run time, TTFT and tokens/s per tier, and a small
simulation of the slots that the runs ahead of a newcomer will take."""
from __future__ import annotations

import heapq
import threading
from collections import deque
from dataclasses import dataclass, field


@dataclass
class TierStats:
    run_s: float
    ttft_s: float
    tokens_per_s: float
    samples: int = 0
    recent_run: deque = field(default_factory=lambda: deque(maxlen=500))
    recent_ttft: deque = field(default_factory=lambda: deque(maxlen=500))


class ServiceModel:
    """EWMA of how long a run holds a slot (what the wait depends on) plus TTFT and tokens/s (what
    the operator reads). Until the first measurement the priors from Settings stand in."""

    def __init__(self, *, prior_run_s: float, prior_ttft_s: float, prior_tokens_per_s: float, alpha: float):
        self.prior = (prior_run_s, prior_ttft_s, prior_tokens_per_s)
        self.alpha = alpha
        self._tiers: dict[str, TierStats] = {}
        self._lock = threading.Lock()

    def _tier(self, tier: str) -> TierStats:
        if tier not in self._tiers:
            self._tiers[tier] = TierStats(*self.prior)
        return self._tiers[tier]

    def _weight(self, samples: int) -> float:
        # A plain mean for the first few runs (the prior is a guess), then a moving average.
        return max(self.alpha, 1.0 / samples)

    def observe_run(self, tier: str, run_s: float) -> TierStats:
        with self._lock:
            t = self._tier(tier)
            t.samples += 1
            t.run_s += self._weight(t.samples) * (run_s - t.run_s)
            t.recent_run.append(run_s)
            return t

    def observe_stream(self, tier: str, ttft_s: float | None, tokens_per_s: float | None) -> TierStats:
        with self._lock:
            t = self._tier(tier)
            w = self._weight(max(t.samples, 1))
            if ttft_s is not None:
                t.ttft_s += w * (ttft_s - t.ttft_s)
                t.recent_ttft.append(ttft_s)
            if tokens_per_s:
                t.tokens_per_s += w * (tokens_per_s - t.tokens_per_s)
            return t

    def load(self, tier: str, *, samples: int, run_s: float, ttft_s: float, tokens_per_s: float) -> None:
        """Take the averages another process (or the previous run of this one) stored."""
        with self._lock:
            t = self._tier(tier)
            t.samples, t.run_s, t.ttft_s, t.tokens_per_s = samples, run_s, ttft_s, tokens_per_s

    def get(self, tier: str) -> TierStats:
        with self._lock:
            return self._tier(tier)

    def service_s(self, tier: str) -> float:
        return self.get(tier).run_s

    def percentiles(self, tier: str) -> dict:
        with self._lock:
            t = self._tier(tier)
            return {"ttft": _pct(list(t.recent_ttft)), "generation": _pct(list(t.recent_run))}


def _pct(values: list[float]) -> dict:
    if not values:
        return {"runs": 0, "p50_s": None, "p95_s": None}
    xs = sorted(values)
    return {"runs": len(xs), "p50_s": round(xs[len(xs) // 2], 3), "p95_s": round(xs[min(len(xs) - 1, int(len(xs) * 0.95))], 3)}


def estimate_wait(*, ahead: int, running_elapsed: list[float], concurrency: int, service_s: float) -> float:
    """Seconds until a newcomer with `ahead` runs in line before it gets a slot.

    Each running run is expected to need service_s minus what it already ran (at least a small
    part of service_s: a run past the average is not about to end this instant); free slots are
    free now. The runs ahead take the earliest free slot in turn, each for service_s."""
    concurrency = max(1, concurrency)
    floor = 0.1 * service_s
    slots = [max(service_s - e, floor) for e in sorted(running_elapsed, reverse=True)[:concurrency]]
    slots += [0.0] * (concurrency - len(slots))
    heapq.heapify(slots)
    for _ in range(max(0, ahead)):
        heapq.heappush(slots, heapq.heappop(slots) + service_s)
    return round(slots[0], 3)
