"""The demo's worker processes (batch generator, policy pool) end with a writer that was killed:
none is left waiting forever on a queue nobody reads."""

from __future__ import annotations

import multiprocessing
import os
import queue
import time
from datetime import UTC, datetime
from typing import Any

import pytest

from websight_desk.demo.context import TicketSample
from websight_desk.demo.gen import GenPlan, WriterGone, batches, put
from websight_desk.demo.policy_pool import PolicyPool
from websight_desk.demo.records import DemoAgent
from websight_desk.domain.enums import Role
from websight_desk.policy import load_ruleset

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


def test_put_gives_up_only_when_the_writer_is_gone() -> None:
    full: queue.Queue[object] = queue.Queue(maxsize=1)
    full.put("waiting")
    with pytest.raises(WriterGone):
        put(full, "next", lambda: False)
    free: queue.Queue[object] = queue.Queue(maxsize=1)
    put(free, "next", lambda: False)  # room: put at once, whoever is alive
    assert free.get_nowait() == "next"


def _writer_killed_after_one_batch(report: Any) -> None:
    team = [
        DemoAgent("01900000-0000-7000-8000-000000000001", "a", "Ayşe", Role.AGENT),
        DemoAgent("01900000-0000-7000-8000-000000000002", "l", "Lale", Role.SHIFT_LEAD),
    ]
    plan = GenPlan(1, 1, 1, NOW, team, tickets=400, batch=20, with_facts=True)
    pool = PolicyPool(load_ruleset(None), None, workers=1)
    made = batches(plan, TicketSample(1), in_worker=True)  # kept: closing it ends the worker
    batch = next(made)
    pool.submit(batch.facts, NOW)
    time.sleep(1.0)  # the pool has started its worker
    report.send([p.pid for p in multiprocessing.active_children()])  # generator, pool worker
    os._exit(9)  # no clean-up of any kind, as after a kill


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_workers_end_with_a_killed_writer() -> None:
    spawn = multiprocessing.get_context("spawn")
    mine, theirs = spawn.Pipe()
    writer = spawn.Process(target=_writer_killed_after_one_batch, args=(theirs,))
    writer.start()
    assert mine.poll(120)
    workers = mine.recv()
    writer.join(30)
    assert len(workers) == 2, workers  # the generator and the policy worker
    deadline = time.monotonic() + 30
    while any(_alive(p) for p in workers) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [p for p in workers if _alive(p)]
