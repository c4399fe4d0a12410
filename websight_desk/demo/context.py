"""What a demo run made so far, handed to the feature generators that build on it."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from websight_desk.demo.accounts import DemoCustomer, DemoService
from websight_desk.demo.records import DemoAgent, DemoTicket
from websight_desk.domain.enums import Role
from websight_desk.storage.outbox import OpWriter


@dataclass
class DemoContext:
    """What a demo run made, for feature generators to build on."""

    seed: int
    now: datetime
    agents: list[DemoAgent]
    customers: list[DemoCustomer] = field(default_factory=list)
    tickets: list[DemoTicket] = field(default_factory=list)

    def agents_with(self, role: Role) -> list[DemoAgent]:
        return [a for a in self.agents if a.role is role]

    def service(self, ticket: DemoTicket) -> DemoService | None:
        return ticket.service


# A feature generator adds records of its own feature inside one write transaction, after
# the tickets. It gets its own Random (seeded from the run's seed and its name), so adding
# one never changes what the others make.
DemoGenerator = Callable[[OpWriter, random.Random, DemoContext], None]
