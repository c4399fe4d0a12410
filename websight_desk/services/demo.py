"""Fill a workspace with believable, seeded Websight support traffic (`websight-desk demo`).

Everything is written through the services' payload builders and `OpWriter.emit_many`, so demo
records land in the outbox and sync like any other change. Other features add their own demo
records through `EXTRA_GENERATORS` (see `DemoGenerator`).
"""

from __future__ import annotations

import importlib
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from websight_desk.domain.enums import Role
from websight_desk.services.demo_accounts import Accounts, DemoCustomer, DemoService
from websight_desk.services.demo_batch import Batch, DemoTicket, write_batch
from websight_desk.services.desk import Desk
from websight_desk.services.people import NewAgent, add_agent
from websight_desk.services.tickets import next_number
from websight_desk.storage.models import Agent, Customer
from websight_desk.storage.outbox import OpWriter

BATCH = 2000  # tickets per transaction: big enough to amortise, small enough to stay responsive
DAYS = 60
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
GENERATOR_MODULES: tuple[str, ...] = ()


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


def _ticket_times(rng: random.Random, n: int, now: datetime) -> list[datetime]:
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


def add_demo_data(
    desk: Desk,
    tickets: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
    *,
    now: datetime | None = None,
) -> DemoSummary:
    """Add `tickets` demo tickets (with customers, services, threads) and the extensions."""
    started = time.perf_counter()
    now = (now or datetime.now(UTC)).replace(microsecond=0)
    team, created = ensure_team(desk)
    with desk.writer() as w:
        number = next_number(w)
    rng = random.Random(f"websight-demo:{seed}:{number}")
    accounts = Accounts(rng, _next_code(desk))
    ctx = DemoContext(seed, now, team)
    times = _ticket_times(rng, tickets, now)
    counts = {"messages": 0, "services": 0, "changes": 0}
    for start in range(0, tickets, BATCH):
        batch = Batch(rng=rng, now=now, team=team, accounts=accounts)
        for i, at in enumerate(times[start : start + BATCH]):
            ctx.tickets.append(batch.add_ticket(number + start + i, at))
        with desk.writer() as w:
            if start == 0:  # a bigger page cache for this bulk load (connection-local)
                w.conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
            n = write_batch(w, batch)
        for key in counts:
            counts[key] += n[key]
        if progress is not None:
            progress(min(start + BATCH, tickets), tickets)
    ctx.customers = accounts.customers
    gens = _generators()
    if gens:
        with desk.writer() as w:
            for gen in gens:
                gen(w, random.Random(f"{seed}:{gen.__module__}.{gen.__qualname__}"), ctx)
    return DemoSummary(
        tickets=tickets,
        messages=counts["messages"],
        customers=len(accounts.customers),
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
