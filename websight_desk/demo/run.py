"""Fill a workspace with believable, seeded Websight support traffic (`websight-desk demo`).

Everything is written through the services' payload builders and `OpWriter.emit_many`, so demo
records land in the outbox and sync like any other change. Features add their own demo records
after the tickets through the generators of `GENERATORS` (see `DemoGenerator`).
"""

from __future__ import annotations

import gc
import random
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import event, func, select

from websight_desk.demo.abuse import add_demo_terminations
from websight_desk.demo.batch import write_batch
from websight_desk.demo.callbacks import add_demo_callbacks
from websight_desk.demo.context import DemoContext, DemoGenerator, TicketSample
from websight_desk.demo.gen import GenPlan, batches
from websight_desk.demo.policy_pool import PolicyPool
from websight_desk.demo.records import DemoAgent
from websight_desk.domain.enums import Role
from websight_desk.services import triage
from websight_desk.services.desk import Desk
from websight_desk.services.people import NewAgent, add_agent
from websight_desk.services.tickets import next_number
from websight_desk.storage.models import Agent, Customer, Ticket
from websight_desk.storage.queries.planner import ensure_statistics

BATCH = 2000  # tickets per transaction: big enough to amortise, small enough to stay responsive
PARALLEL_FROM = 5000  # below this, starting worker processes costs more than it saves
CACHE_KIB = 64 * 1024
# While the demo bulk-loads (connection-local, restored after): a commit does not wait for
# the disk (WAL with synchronous=NORMAL stays consistent; a crash may lose the last batches,
# which a demo can make again), and the WAL is copied into the file every ~128 MB instead
# of at every commit, so index pages changed by several batches are written once. A full
# checkpoint makes the load durable at the end.
BULK_PRAGMAS = (
    f"PRAGMA cache_size = -{CACHE_KIB}",
    "PRAGMA synchronous = NORMAL",
    "PRAGMA wal_autocheckpoint = 32768",
)
TEAM = (
    ("ayse.demir", "Ayşe Demir", Role.SHIFT_LEAD),
    ("mehmet.yilmaz", "Mehmet Yılmaz", Role.SHIFT_LEAD),
    ("selin.aksoy", "Selin Aksoy", Role.ADMIN),
    ("emre.celik", "Emre Çelik", Role.AGENT),
    ("gizem.sahin", "Gizem Şahin", Role.AGENT),
    ("burak.ozturk", "Burak Öztürk", Role.AGENT),
)


# Feature generators, run in this order after the tickets (each with its own Random).
GENERATORS: tuple[DemoGenerator, ...] = (add_demo_callbacks, add_demo_terminations)


@dataclass(frozen=True)
class DemoSummary:
    tickets: int
    messages: int
    customers: int
    services: int
    field_changes: int
    agents_created: int
    first_number: int | None
    last_number: int | None
    seconds: float

    def line(self) -> str:
        span = f" (#{self.first_number}–#{self.last_number})" if self.tickets else ""
        return (
            f"Added {self.tickets} demo tickets{span}, {self.messages} messages, "
            f"{self.customers} customers, {self.services} services in {self.seconds:.1f} s."
        )


def ensure_team(desk: Desk) -> tuple[list[DemoAgent], int]:
    """The demo team (created once) and how many agents were created now."""
    names = [u for u, _, _ in TEAM]
    with desk.db.read() as conn:
        rows = conn.execute(select(Agent.username, Agent.id).where(Agent.username.in_(names)))
        existing: dict[str, str] = {r.username: r.id for r in rows}
    created = 0
    with desk.writer() as w:
        for username, display, role in TEAM:
            if username not in existing:
                existing[username] = add_agent(w, NewAgent(username, display, role))
                created += 1
    team = [DemoAgent(existing[u], u, d, r) for u, d, r in TEAM]
    if not desk.settings.agent_id:
        desk.settings.agent_id = next(a.id for a in team if a.role is Role.AGENT)
        desk.save_settings()
    return team, created


def _next_code(desk: Desk) -> int:
    with desk.db.read() as conn:
        top = conn.execute(
            select(func.max(Customer.code)).where(Customer.code.like("WS_______"))
        ).scalar_one_or_none()
    return int(top[2:]) + 1 if top and top[2:].isdigit() else 1


def add_demo_data(
    desk: Desk,
    tickets: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
    *,
    now: datetime | None = None,
    parallel: bool | None = None,
    generators: Sequence[DemoGenerator] = GENERATORS,
) -> DemoSummary:
    """Add `tickets` demo tickets (with customers, services, threads), then run `generators`.

    `parallel` builds batches (and evaluates the policy) in worker processes; by default
    only for big runs. The data is the same either way.
    """
    started = time.perf_counter()
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    team, created = ensure_team(desk)
    with desk.writer() as w:
        number = next_number(w)
    hook = triage.hook_of(desk.ticket_hooks)
    if parallel is None:
        parallel = tickets >= PARALLEL_FROM
    plan = GenPlan(
        seed=seed,
        first_number=number,
        first_code=_next_code(desk),
        now=now,
        team=team,
        tickets=tickets,
        batch=BATCH,
        with_facts=parallel and hook is not None,
    )
    ctx = DemoContext(seed, now, team)
    sample = TicketSample(seed)  # what the generators get: not every ticket (memory)
    counts = {"messages": 0, "services": 0, "changes": 0, "customers": 0}
    ahead = (
        PolicyPool(hook.ruleset, desk.settings.policy_file or None)
        if hook is not None and plan.with_facts
        else None
    )
    if hook is not None:
        hook.precomputed = ahead
    # The loop makes millions of short-lived, acyclic dicts and tuples (unpickled batches, rows):
    # the cyclic collector would rescan everything made so far again and again (a third of
    # the unpickling time alone). It only runs on the young objects after each batch: the few
    # dozen objects in cycles a batch leaves would otherwise stay until the end, each keeping
    # an arena of the batch's memory (the writer grew ~0.3 MB a batch; with this, flat).
    collecting = gc.isenabled()
    gc.disable()
    bulk = _bulk_load(desk) if tickets else nullcontext()
    try:
        with bulk:
            done = 0
            for batch in batches(plan, sample, in_worker=parallel):
                with desk.writer() as w:
                    if ahead is not None:  # the policy runs on the other core while we write
                        ahead.submit(batch.facts, w.now)
                    n = write_batch(w, batch)
                for key in counts:
                    counts[key] += n[key]
                done += len(batch.tickets)
                del batch
                gc.collect(1)
                if progress is not None:
                    progress(done, tickets)
    finally:
        if collecting:
            gc.enable()
        if hook is not None:
            hook.precomputed = None
        if ahead is not None:
            ahead.close()
    ctx.tickets = sample.tickets
    if generators:
        with desk.writer() as w:
            for gen in generators:
                gen(w, random.Random(f"{seed}:{gen.__module__}.{gen.__qualname__}"), ctx)
    if tickets:
        # without planner statistics the big views of a large queue take seconds (at 1M:
        # "out of scope" 3.5 s, sort by service 9.8 s); the app gathers them at its first
        # start, in the background: a demo workspace has them from the first paint
        ensure_statistics(desk.db)
        desk.db.checkpoint()
    return DemoSummary(
        tickets=tickets,
        messages=counts["messages"],
        customers=counts["customers"],
        services=counts["services"],
        field_changes=counts["changes"],
        agents_created=created,
        first_number=number if tickets else None,
        last_number=number + tickets - 1 if tickets else None,
        seconds=time.perf_counter() - started,
    )


@contextmanager
def _bulk_load(desk: Desk) -> Iterator[None]:
    """`BULK_PRAGMAS` on every connection taken meanwhile (they cannot change inside a
    transaction); after, those connections are closed (new ones get the engine's settings)
    and everything loaded is written into the file."""
    engine = desk.db.engine

    def settle(dbapi_conn: Any, _record: Any, _proxy: Any) -> None:
        for pragma in BULK_PRAGMAS:
            dbapi_conn.execute(pragma)

    event.listen(engine, "checkout", settle)
    try:
        yield
    finally:
        event.remove(engine, "checkout", settle)
        engine.dispose()
        desk.db.checkpoint()


def workspace_has_tickets(desk: Desk) -> bool:
    with desk.db.read() as conn:
        return conn.execute(select(Ticket.id).limit(1)).first() is not None
