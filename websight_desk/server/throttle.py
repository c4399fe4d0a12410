"""Slow down token guessing: after a few wrong tokens from one address, make it wait.

In memory, per process, bounded: at most `max_clients` addresses are tracked (the least
recently failing one is forgotten first). A correct token clears the address's record.
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

FREE_FAILURES = 5  # wrong tokens allowed before the first pause
WINDOW_S = 15 * 60.0  # failures older than this (since the last one) are forgotten
FIRST_PAUSE_S = 1.0  # doubles with each further failure
MAX_PAUSE_S = 15 * 60.0
MAX_CLIENTS = 10_000


@dataclass
class _Record:
    failures: int
    last_failure: float
    blocked_until: float


class AuthThrottle:
    """Counts failed authentications per client address and says how long one must wait."""

    def __init__(
        self,
        *,
        free_failures: int = FREE_FAILURES,
        window_s: float = WINDOW_S,
        first_pause_s: float = FIRST_PAUSE_S,
        max_pause_s: float = MAX_PAUSE_S,
        max_clients: int = MAX_CLIENTS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.free_failures = free_failures
        self.window_s = window_s
        self.first_pause_s = first_pause_s
        self.max_pause_s = max_pause_s
        self.max_clients = max_clients
        self._clock = clock
        self._records: OrderedDict[str, _Record] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._records)

    def wait_s(self, client: str) -> int:
        """Whole seconds `client` must still wait before its next attempt (0: go ahead)."""
        with self._lock:
            record = self._records.get(client)
            if record is None:
                return 0
            left = record.blocked_until - self._clock()
            return math.ceil(left) if left > 0 else 0

    def failed(self, client: str) -> None:
        """Record a wrong token; from the `free_failures`-th on, a growing pause starts."""
        now = self._clock()
        with self._lock:
            record = self._records.pop(client, None)
            if record is None or now - record.last_failure > self.window_s:
                record = _Record(failures=0, last_failure=now, blocked_until=0.0)
            record.failures += 1
            record.last_failure = now
            over = record.failures - self.free_failures
            if over >= 0:
                pause = min(self.max_pause_s, self.first_pause_s * 2 ** min(over, 32))
                record.blocked_until = now + pause
            self._records[client] = record  # most recent last
            while len(self._records) > self.max_clients:
                self._records.popitem(last=False)

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._records.pop(client, None)
