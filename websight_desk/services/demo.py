"""Fill a workspace with believable, seeded Websight support traffic (`websight-desk demo`).

Everything is written through the services' payload builders and `OpWriter.emit_many`, so demo
records land in the outbox and sync like any other change. Other features add their own demo
records through `EXTRA_GENERATORS` (see `DemoGenerator`).
"""

from __future__ import annotations

import gc
import importlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import func, select

from websight_desk.domain.enums import Role
from websight_desk.services import triage
from websight_desk.services.demo_accounts import DemoCustomer, DemoService
from websight_desk.services.demo_batch import DemoTicket, write_batch
from websight_desk.services.demo_gen import GenPlan, batches
from websight_desk.services.desk import Desk
from websight_desk.services.people import NewAgent, add_agent
from websight_desk.services.tickets import next_number
from websight_desk.services.triage_ahead import Ahead
from websight_desk.storage.models import Agent, Customer
from websight_desk.storage.outbox import OpWriter

BATCH = 2000  # tickets per transaction: big enough to amortise, small enough to stay responsive
PARALLEL_FROM = 5000  # below this, starting worker processes costs more than it saves
CACHE_KIB = 256 * 1024
TEAM = (
    ("ayse.demir", "Ayşe Demir", Role.SHIFT_LEAD),
    ("mehmet.yilmaz", "Mehmet Yılmaz", Role.SHIFT_LEAD),
    ("selin.aksoy", "Selin Aksoy", Role.ADMIN),
    ("emre.celik", "Emre Çelik", Role.AGENT),
    ("gizem.sahin", "Gizem Şahin", Role.AGENT),
    ("burak.ozturk", "Burak Öztürk", Role.AGENT),
)


@dataclass(frozen=True, slots=True)
class DemoAgent:
    id: str
    username: str
    display_name: str
    role: Role


@dataclass
class DemoContext:
    """What a demo run made, for extension generators to build on."""

    seed: int
    now: datetime
    agents: list[DemoAgent]
    customers: list[DemoCustomer] = field(default_factory=list)
    tickets: list[DemoTicket] = field(default_factory=list)

    def agents_with(self, role: Role) -> list[DemoAgent]:
        return [a for a in self.agents if a.role is role]

    def service(self, ticket: DemoTicket) -> DemoService | None:
        return ticket.service


# A generator adds records of its own feature inside one write transaction, after the tickets.
# It gets its own Random (seeded from the run's seed and its name), so adding one never
# changes what the others make. Register by appending to EXTRA_GENERATORS, or list a
# "package.module:function" in GENERATOR_MODULES (imported lazily, no import cycles).
DemoGenerator = Callable[[OpWriter, random.Random, DemoContext], None]
EXTRA_GENERATORS: list[DemoGenerator] = []
GENERATOR_MODULES: tuple[str, ...] = (
    "websight_desk.services.callback_demo:add_demo_callbacks",
    "websight_desk.services.abuse_demo:add_demo_terminations",
)


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


def _generators() -> list[DemoGenerator]:
    found = list(EXTRA_GENERATORS)
    for ref in GENERATOR_MODULES:
        module, _, name = ref.partition(":")
        fn: DemoGenerator = getattr(importlib.import_module(module), name)
        if fn not in found:
            found.append(fn)
    return found


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
) -> DemoSummary:
    """Add `tickets` demo tickets (with customers, services, threads) and the extensions.

    `parallel` builds batches (and evaluates the policy) in worker processes; by default
    only for big runs. The data is the same either way.
    """
    started = time.perf_counter()
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    team, created = ensure_team(desk)
    with desk.writer() as w:
        number = next_number(w)
    hook = triage.hook_of(desk)
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
    counts = {"messages": 0, "services": 0, "changes": 0}
    customers: list[DemoCustomer] = []
    ahead = (
        Ahead(hook.ruleset, desk.settings.policy_file or None)
        if hook is not None and plan.with_facts
        else None
    )
    if hook is not None:
        hook.ahead = ahead
    # The loop makes millions of short-lived, acyclic dicts and tuples (unpickled batches, rows):
    # the cyclic collector would rescan everything made so far again and again (a third of
    # the unpickling time alone). Nothing here needs it; it runs again after the load.
    collecting = gc.isenabled()
    gc.disable()
    try:
        done = 0
        for batch in batches(plan, in_worker=parallel):
            ctx.tickets.extend(batch.made)
            with desk.writer() as w:
                if done == 0:  # a bigger page cache for this bulk load (connection-local)
                    w.conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
                if ahead is not None:  # the policy runs on the other core while we write
                    ahead.submit(batch.facts, w.now)
                n = write_batch(w, batch)
            for key in counts:
                counts[key] += n[key]
            if batch.customers is not None:
                customers = batch.customers
            done += len(batch.made)
            if progress is not None:
                progress(done, tickets)
    finally:
        if collecting:
            gc.enable()
        if hook is not None:
            hook.ahead = None
        if ahead is not None:
            ahead.close()
    ctx.customers = customers
    gens = _generators()
    if gens:
        with desk.writer() as w:
            for gen in gens:
                gen(w, random.Random(f"{seed}:{gen.__module__}.{gen.__qualname__}"), ctx)
    return DemoSummary(
        tickets=tickets,
        messages=counts["messages"],
        customers=len(customers),
        services=counts["services"],
        field_changes=counts["changes"],
        agents_created=created,
        first_number=number if tickets else None,
        last_number=number + tickets - 1 if tickets else None,
        seconds=time.perf_counter() - started,
    )


def workspace_has_tickets(desk: Desk) -> bool:
    from websight_desk.storage.models import Ticket

    with desk.db.read() as conn:
        return conn.execute(select(Ticket.id).limit(1)).first() is not None
