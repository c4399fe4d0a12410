"""A small world for the KVKK tests: an agent, an admin, a customer with a phone, a ticket."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.unit.kvkk.builders import valid_callback
from websight_desk.domain.callbacks import (
    LogCallback,
)
from websight_desk.domain.enums import Role
from websight_desk.services.desk import Desk, open_desk
from websight_desk.services.people import NewAgent, NewCustomer, add_agent, add_customer
from websight_desk.services.tickets import OpenTicket, open_ticket
from websight_desk.storage.models import Contact

# 14:00 Istanbul on a weekday: the regular shift.
NOW = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)
PHONE = "+905321234567"


@dataclass
class World:
    desk: Desk
    agent_id: str
    admin_id: str
    customer_id: str
    contact_id: str
    ticket_id: str
    ticket_number: int


def build_world(desk: Desk, *, code: str = "C-1001") -> World:
    with desk.writer() as w:
        agent_id = add_agent(w, NewAgent("ayse", "Ayşe Yılmaz", Role.AGENT))
        admin_id = add_agent(w, NewAgent("dpo", "Veri Sorumlusu", Role.ADMIN))
    desk.settings.agent_id = agent_id
    with desk.writer() as w:
        customer_id = add_customer(
            w, NewCustomer(code, "individual", "Mehmet Kaya", "mehmet@ornek.com.tr", PHONE)
        )
        opened = open_ticket(
            w, OpenTicket(customer_id, "Site açılmıyor", "Merhaba, sitem açılmıyor")
        )
        contact_id = (
            w.conn.execute(Contact.__table__.select().where(Contact.customer_id == customer_id))
            .first()
            .id
        )
    return World(desk, agent_id, admin_id, customer_id, contact_id, opened.ticket_id, opened.number)


@pytest.fixture
def fixed_desk(workspace: Path) -> Iterator[Desk]:
    d = open_desk(workspace, with_triage=False)
    d.now = lambda: NOW
    yield d
    d.close()


@pytest.fixture
def world(fixed_desk: Desk) -> World:
    return build_world(fixed_desk)


@pytest.fixture
def other_desks(tmp_path: Path) -> Iterator[list[Desk]]:
    """Two more workstations of the same team (B and C), empty until ops are applied."""
    desks = [open_desk(tmp_path / name, with_triage=False) for name in ("b", "c")]
    for d in desks:
        d.now = lambda: NOW
    yield desks
    for d in desks:
        d.close()


def good_call(world: World, **changes: object) -> LogCallback:
    """A complete, valid callback; tests change one thing to see a rule refuse it."""
    start = NOW - timedelta(minutes=10)
    cmd = valid_callback(
        world.ticket_id, world.contact_id, start, "DNS kayıtları birlikte kontrol edildi."
    )
    return replace(cmd, **changes)  # type: ignore[arg-type]


@pytest.fixture(autouse=True)
def _english_messages() -> Iterator[None]:
    """Messages are asserted in English (the source language); Turkish is tested in the UI."""
    from websight_desk.i18n import set_language

    set_language("en")
    yield
    set_language("tr")
