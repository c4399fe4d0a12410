"""What a demo run made so far, handed to the feature generators that build on it."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime

from websight_desk.demo.accounts import DemoService
from websight_desk.demo.records import DemoAgent, DemoTicket
from websight_desk.domain.enums import Role
from websight_desk.storage.outbox import OpWriter

# Tickets a run keeps for the generators: the first ones made (the oldest, as tickets are
# made in time order) and a uniform sample of the rest. A million-ticket run holds these,
# not a million tickets; a smaller run keeps every ticket, in order.
KEEP_FIRST = 64
KEEP_SAMPLE = 4096


@dataclass
class TicketSample:
    """A bounded, seeded sample of the tickets a run made (reservoir sampling)."""

    seed: int
    keep_first: int = KEEP_FIRST
    keep: int = KEEP_SAMPLE
    first: list[DemoTicket] = field(default_factory=list)
    rest: list[DemoTicket] = field(default_factory=list)
    seen: int = 0
    _rng: random.Random | None = None

    def extend(self, made: Iterable[DemoTicket]) -> None:
        for ticket in made:
            if len(self.first) < self.keep_first:
                self.first.append(ticket)
                continue
            self.seen += 1
            if len(self.rest) < self.keep:
                self.rest.append(ticket)
                continue
            if self._rng is None:
                self._rng = random.Random(f"demo-sample:{self.seed}")
            slot = self._rng.randrange(self.seen)
            if slot < self.keep:
                self.rest[slot] = ticket

    @property
    def tickets(self) -> list[DemoTicket]:
        return self.first + self.rest


@dataclass
class DemoContext:
    """What a demo run made, for feature generators to build on.

    `tickets` is every ticket of a small run; of a big one, the oldest and a uniform sample
    (`TicketSample`): generators pick a few tickets, and a run must not hold a million.
    """

    seed: int
    now: datetime
    agents: list[DemoAgent]
    tickets: list[DemoTicket] = field(default_factory=list)

    def agents_with(self, role: Role) -> list[DemoAgent]:
        return [a for a in self.agents if a.role is role]

    def service(self, ticket: DemoTicket) -> DemoService | None:
        return ticket.service


# A feature generator adds records of its own feature inside one write transaction, after
# the tickets. It gets its own Random (seeded from the run's seed and its name), so adding
# one never changes what the others make.
DemoGenerator = Callable[[OpWriter, random.Random, DemoContext], None]
