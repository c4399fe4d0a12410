"""Policy decisions evaluated ahead, in worker processes, for demo tickets about to be written.

A bulk demo load knows each new ticket's facts before the write transaction ends, so the
policy can run on the other core while the main process writes. The pool is handed to the
triage hook as its `Precomputed` source: the hook still reads the facts from the store and
only takes a decision evaluated for exactly those facts, the same ruleset and the same time;
anything else it evaluates itself.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections.abc import Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from websight_desk.services.triage_facts import RawFacts, Row, build_facts, decision_row

if TYPE_CHECKING:
    from websight_desk.policy import Ruleset

log = logging.getLogger(__name__)
TASK = 250  # tickets per worker task: small enough to spread, big enough to amortise pickling
WORKERS = 2

_worker_ruleset: list[Ruleset] = []


def _init(policy_file: str | None) -> None:
    # Loaded here rather than pickled: the engine's objects keep private caches.
    from websight_desk.policy import load_ruleset

    _worker_ruleset[:] = [load_ruleset(Path(policy_file) if policy_file else None)]
    parent = multiprocessing.parent_process()
    if parent is not None:  # a killed writer never shuts the pool down: leave with it
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(0)


def _evaluate(items: list[tuple[str, RawFacts]], now: datetime) -> dict[str, Row]:
    from websight_desk.policy import evaluate

    ruleset = _worker_ruleset[0]
    return {
        tid: decision_row(tid, evaluate(build_facts(raw), ruleset, now), ruleset)
        for tid, raw in items
    }


class PolicyPool:
    """A pool of policy workers and the decisions they are computing or have computed."""

    def __init__(self, ruleset: Ruleset, policy_file: str | None, workers: int = WORKERS) -> None:
        """`ruleset` is the caller's, loaded from `policy_file` (None: the packaged one)."""
        self.ruleset = ruleset
        self._pool = ProcessPoolExecutor(
            workers,
            mp_context=multiprocessing.get_context("spawn"),  # same on every platform
            initializer=_init,
            initargs=(policy_file,),
        )
        self._pending: dict[str, tuple[RawFacts, datetime, Future[dict[str, Row]]]] = {}

    def submit(self, facts: Mapping[str, RawFacts], now: datetime) -> None:
        """Start evaluating these tickets' facts at `now`."""
        items = list(facts.items())
        for start in range(0, len(items), TASK):
            part = items[start : start + TASK]
            future = self._pool.submit(_evaluate, part, now)
            for tid, f in part:
                self._pending[tid] = (f, now, future)

    def take(self, ticket_id: str, facts: RawFacts, ruleset: Ruleset, now: datetime) -> Row | None:
        """The row evaluated ahead for exactly these facts, ruleset and time, else None."""
        entry = self._pending.pop(ticket_id, None)
        if entry is None or ruleset is not self.ruleset:
            return None
        expected, when, future = entry
        if when != now or expected != facts:
            return None
        try:
            row = future.result().get(ticket_id)
        except Exception:  # a broken worker only costs speed: the hook evaluates itself
            log.warning("policy worker failed; evaluating in process", exc_info=True)
            return None
        if row is None or row["ruleset_version"] != ruleset.version:
            return None
        return row

    def close(self) -> None:
        self._pending.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
