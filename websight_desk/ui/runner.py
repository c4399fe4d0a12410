"""One small background runner for database and network work (STYLE.md §5).

`Runner.run(fn, on_success, on_failure)` calls `fn()` on a worker thread and delivers the
result or the exception to the callback on the GUI thread. `Runner(synchronous=True)` runs
everything inline, so tests see results immediately and deterministically.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

T = TypeVar("T")
Failure = Callable[[BaseException], None]

log = logging.getLogger(__name__)


@dataclass
class _Job:
    on_success: Callable[[Any], None] | None
    on_failure: Failure | None
    key: str | None
    generation: int


class _Relay(QObject):
    """Lives on the GUI thread; signals emitted from workers arrive there queued."""

    finished = Signal(int, object, object)  # job id, result, exception


class _Task(QRunnable):
    def __init__(self, job_id: int, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.job_id = job_id
        self.fn = fn
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.fn()
        except BaseException as exc:  # delivered to the GUI thread, never lost
            self.relay.finished.emit(self.job_id, None, exc)
        else:
            self.relay.finished.emit(self.job_id, result, None)


class Runner(QObject):
    """Runs functions off the GUI thread; callbacks run on the GUI thread.

    Jobs sharing a `key` (e.g. "queue-search") supersede each other: only the latest job's
    callbacks run, so a slow old search never overwrites a newer result.
    """

    def __init__(
        self,
        *,
        synchronous: bool = False,
        default_failure: Failure | None = None,
        max_threads: int = 2,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.synchronous = synchronous
        self.default_failure = default_failure
        self._ids = itertools.count(1)
        self._jobs: dict[int, _Job] = {}
        self._latest: dict[str, int] = {}
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finish)

    def run(
        self,
        fn: Callable[[], T],
        on_success: Callable[[T], None] | None = None,
        on_failure: Failure | None = None,
        *,
        key: str | None = None,
    ) -> None:
        """Call `fn()` in the background; hand its result or exception to the callbacks."""
        job_id = next(self._ids)
        generation = job_id
        if key is not None:
            self._latest[key] = generation
        self._jobs[job_id] = _Job(on_success, on_failure, key, generation)
        if self.synchronous:
            try:
                result = fn()
            except Exception as exc:
                self._finish(job_id, None, exc)
            else:
                self._finish(job_id, result, None)
            return
        self._pool.start(_Task(job_id, fn, self._relay))

    @Slot(int, object, object)
    def _finish(self, job_id: int, result: object, exc: object) -> None:
        job = self._jobs.pop(job_id, None)
        if job is None:
            return
        if job.key is not None and self._latest.get(job.key) != job.generation:
            return  # superseded by a newer job with the same key
        if isinstance(exc, BaseException):
            handler = job.on_failure or self.default_failure
            if handler is None:
                log.error("background job failed", exc_info=exc)
            else:
                handler(exc)
        elif job.on_success is not None:
            job.on_success(result)

    def pending(self) -> int:
        """Jobs submitted whose callbacks have not run yet."""
        return len(self._jobs)

    def wait(self, msecs: int = -1) -> bool:
        """Block until worker threads are idle (shutdown, tests); callbacks still queued."""
        return bool(self._pool.waitForDone(msecs))

    def shutdown(self) -> None:
        self._pool.clear()
        self._pool.waitForDone()
        self._jobs.clear()
