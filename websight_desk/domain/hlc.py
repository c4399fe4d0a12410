"""Hybrid logical clock: physical milliseconds << 16 | counter, node id as the tie-breaker.

It never goes backwards locally, moves past every remote value it observes, and refuses a
remote value too far ahead of the local clock (a skewed or hostile peer).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

COUNTER_BITS = 16
COUNTER_MASK = (1 << COUNTER_BITS) - 1
DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000


def pack(ms: int, counter: int) -> int:
    return (ms << COUNTER_BITS) | (counter & COUNTER_MASK)


def physical_ms(hlc: int) -> int:
    return hlc >> COUNTER_BITS


def counter_of(hlc: int) -> int:
    return hlc & COUNTER_MASK


class ClockDriftError(ValueError):
    """A remote timestamp is further ahead of our clock than allowed."""

    def __init__(self, remote: int, local_ms: int, max_drift_ms: int) -> None:
        self.remote = remote
        self.local_ms = local_ms
        self.ahead_ms = physical_ms(remote) - local_ms
        super().__init__(
            f"timestamp is {self.ahead_ms / 1000:.0f} s ahead of this clock "
            f"(limit {max_drift_ms / 1000:.0f} s)"
        )


def _wall_ms() -> int:
    return int(time.time() * 1000)


@dataclass
class HybridClock:
    """Mutable clock state; persist `last` with every write that used it."""

    last: int = 0
    wall: Callable[[], int] = _wall_ms
    max_drift_ms: int = DEFAULT_MAX_DRIFT_MS

    def now(self) -> int:
        """Next timestamp for a local event."""
        wall = self.wall()
        last_ms = physical_ms(self.last)
        if wall > last_ms:
            self.last = pack(wall, 0)
        elif counter_of(self.last) < COUNTER_MASK:
            self.last += 1
        else:  # counter overflow within one millisecond: borrow the next one
            self.last = pack(last_ms + 1, 0)
        return self.last

    def observe(self, remote: int) -> int:
        """Merge a timestamp received from another node; returns the new local value."""
        wall = self.wall()
        if physical_ms(remote) - wall > self.max_drift_ms:
            raise ClockDriftError(remote, wall, self.max_drift_ms)
        self.last = max(self.last, remote)
        return self.now()
