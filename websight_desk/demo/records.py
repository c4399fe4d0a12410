"""The records a demo run makes that later steps build on: the team and the tickets."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from websight_desk.demo.accounts import DemoCustomer, DemoService
from websight_desk.demo.people import fast_reduce
from websight_desk.demo.text import Lang, Tone
from websight_desk.domain.enums import RequesterKind, Role, TicketStatus


@dataclass(frozen=True, slots=True)
class DemoAgent:
    id: str
    username: str
    display_name: str
    role: Role


@dataclass(frozen=True, slots=True)
class DemoTicket:
    id: str
    number: int
    customer: DemoCustomer
    service: DemoService | None
    requester: RequesterKind
    created_at: datetime
    topic: str
    clause: str
    lang: Lang
    tone: Tone
    status: TicketStatus
    messages: int

    def __reduce__(self) -> tuple[Any, ...]:
        return fast_reduce(self)
