"""Demo batches built ahead of the writer, in this process or in a worker process.

Generation is pure Python (no store access) and sequential, driven by one seeded Random, so
a run makes the same data whether its batches are built here or in a `spawn`ed worker that
works on batch k+1 while the main process writes batch k (the second core).
"""

from __future__ import annotations

import gc
import multiprocessing
import queue
import random
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from websight_desk.demo.accounts import Accounts
from websight_desk.demo.batch import Batch, BatchOut, prepared
from websight_desk.demo.context import TicketSample
from websight_desk.demo.records import DemoAgent, DemoTicket
from websight_desk.services.triage_facts import RawFacts
from websight_desk.storage.outbox import prepare

DAYS = 60
QUEUE_BATCHES = 3  # batches built ahead: enough to keep the writer fed, bounded memory
POLL_SECONDS = 1.0


@dataclass(frozen=True)
class GenPlan:
    """Everything generation depends on (picklable: it is sent to the worker)."""

    seed: int
    first_number: int
    first_code: int
    now: datetime
    team: list[DemoAgent]
    tickets: int
    batch: int
    with_facts: bool


def ticket_times(rng: random.Random, n: int, now: datetime) -> list[datetime]:
    """Spread over the last DAYS days, busier in Istanbul office hours (UTC+3)."""
    out = []
    for _ in range(n):
        day = now - timedelta(days=rng.randint(0, DAYS - 1))
        hour = rng.choice((6, 7, 8, 9, 10, 11, 12, 13, 14, 15)) if rng.random() < 0.75 else None
        if hour is None:
            hour = rng.randint(0, 23)
        t = day.replace(hour=hour, minute=rng.randint(0, 59), second=rng.randint(0, 59))
        out.append(t if t <= now else t - timedelta(days=1))
    out.sort()
    return out


def generate(plan: GenPlan, sample: TicketSample) -> Iterator[BatchOut]:
    """Build the run's batches in order (deterministic for a given plan); the tickets made
    go into `sample` (kept where they were made: a batch's objects are not held after it)."""
    rng = random.Random(f"websight-demo:{plan.seed}:{plan.first_number}")
    accounts = Accounts(rng, plan.first_code)
    times = ticket_times(rng, plan.tickets, plan.now)
    for start in range(0, plan.tickets, plan.batch):
        batch = Batch(rng=rng, now=plan.now, team=plan.team, accounts=accounts)
        made = [
            batch.add_ticket(plan.first_number + start + i, at)
            for i, at in enumerate(times[start : start + plan.batch])
        ]
        sample.extend(made)
        # Validated and encoded for the outbox here: in a big run, on the generator's core.
        pending = {k: [prepare(k, p) for p in v] for k, v in accounts.take_pending().items()}
        out = BatchOut(
            prepared("ticket.create", batch.tickets),
            prepared("message.create", batch.messages),
            prepared("ticket.set_field", batch.changes),
            pending,
        )
        if plan.with_facts:
            out.facts = batch_facts(out, made)
        yield out


def batch_facts(out: BatchOut, made: list[DemoTicket]) -> dict[str, RawFacts]:
    """The raw policy facts the store will give for the batch's tickets once written."""
    inbound: dict[str, list[tuple[str, str, str]]] = {}
    for _author, prep in out.messages:
        m = prep.payload
        if m["kind"] == "inbound":
            item = (str(m["created_at"]), str(m["id"]), str(m["body"]))
            inbound.setdefault(str(m["ticket_id"]), []).append(item)
    facts: dict[str, RawFacts] = {}
    for t, (_author, prep) in zip(made, out.tickets, strict=True):
        p = prep.payload
        svc = t.service
        texts = tuple((mid, body) for _at, mid, body in sorted(inbound.get(t.id, ())))
        service = None if svc is None else (svc.kind.value, svc.delivered, svc.has_sla, svc.managed)
        facts[t.id] = (str(p["subject"]), str(p["requester_kind"]), service, texts)
    return facts


class WriterGone(Exception):
    """The process taking the batches ended (killed, or failed without telling us)."""


def put(out: Any, item: object, writer_alive: Callable[[], bool]) -> None:
    """Put `item` on the bounded queue, waiting only while the writer is alive: a killed
    writer never takes it, and a generator blocked on a full queue would live forever."""
    while True:
        try:
            out.put(item, timeout=POLL_SECONDS)
            return
        except queue.Full:
            if not writer_alive():
                raise WriterGone from None


def _writer_alive() -> bool:
    parent = multiprocessing.parent_process()
    return parent is None or parent.is_alive()


def _produce(plan: GenPlan, sample: TicketSample, out: Any) -> None:
    """Worker process body: put ("batch", BatchOut) items, then ("done", TicketSample)."""
    gc.disable()  # a process making acyclic data: a full collection only costs time
    try:
        for item in generate(plan, sample):
            put(out, ("batch", item), _writer_alive)
            del item
            gc.collect(1)  # what a batch left in cycles, if anything: the young objects only
        put(out, ("done", sample), _writer_alive)
    except WriterGone:
        out.cancel_join_thread()  # what is buffered for the pipe will never be read
        return
    except BaseException:
        out.put(("error", traceback.format_exc()))


def batches(plan: GenPlan, sample: TicketSample, *, in_worker: bool) -> Iterator[BatchOut]:
    """The plan's batches, built here or by a worker process one step ahead; once they are
    all taken, `sample` holds the tickets the run kept (see `TicketSample`)."""
    if not in_worker:
        yield from generate(plan, sample)
        return
    mp = multiprocessing.get_context("spawn")  # the same on Linux, macOS and Windows
    items = mp.Queue(maxsize=QUEUE_BATCHES)
    worker = mp.Process(
        target=_produce, args=(plan, sample, items), name="demo-generator", daemon=True
    )
    worker.start()
    try:
        while True:
            try:
                kind, item = items.get(timeout=POLL_SECONDS)
            except queue.Empty:
                if not worker.is_alive():
                    raise RuntimeError(
                        f"the demo generator process exited ({worker.exitcode})"
                    ) from None
                continue
            if kind == "done":
                sample.first, sample.rest, sample.seen = item.first, item.rest, item.seen
                break
            if kind == "error":
                raise RuntimeError(f"the demo generator process failed:\n{item}")
            yield item
    finally:
        if worker.is_alive():
            worker.terminate()
        worker.join()
        items.close()
