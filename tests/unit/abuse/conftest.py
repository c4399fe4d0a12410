"""A small workspace: an agent, a shift lead, a customer with a ticket that insults us."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from websight_desk.domain.abuse import AbuseCategory, AbuseChannel
from websight_desk.domain.enums import Role
from websight_desk.services import abuse, people, tickets
from websight_desk.services.desk import Desk, open_desk


@dataclass
class World:
    desk: Desk
    agent: str
    lead: str
    customer: str
    ticket: str
    message: str
    other_ticket: str


def make_world(root: Path) -> World:
    desk = open_desk(root, with_triage=False)
    with desk.writer() as w:
        agent = people.add_agent(w, people.NewAgent("mehmet", "Mehmet Yılmaz", Role.AGENT))
        lead = people.add_agent(w, people.NewAgent("zeynep", "Zeynep Kaya", Role.SHIFT_LEAD))
        customer = people.add_customer(
            w, people.NewCustomer("C-100", "individual", contact_name="Ayşe Demir")
        )
    desk.settings.agent_id = agent
    with desk.writer() as w:
        opened = tickets.open_ticket(
            w,
            tickets.OpenTicket(
                customer, "Sitem açılmıyor", "Beceriksiz herifler, sitem yine çöktü!"
            ),
        )
        other = tickets.open_ticket(w, tickets.OpenTicket(customer, "Fatura", "Faturam nerede?"))
    return World(desk, agent, lead, customer, opened.ticket_id, opened.message_id, other.ticket_id)


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    wd = make_world(tmp_path / "ws")
    yield wd
    wd.desk.close()


def terminate_ticket(world: World) -> str:
    with world.desk.writer() as w:
        return abuse.terminate(
            w,
            abuse.TerminateConversation(
                channel=AbuseChannel.TICKET,
                category=AbuseCategory.INSULT,
                note="Müşteri ekibe hakaret etti.",
                evidence_excerpt="Beceriksiz herifler, sitem yine çöktü!",
                ticket_id=world.ticket,
                evidence_message_id=world.message,
                evidence_words=("Beceriksiz herifler",),
                detector_suggested=True,
            ),
        )


def lead_review(world: World, termination_id: str, decision: str, note: str = "İnceledim.") -> str:
    with world.desk.writer(author_id=world.lead) as w:
        return abuse.review(
            w, abuse.ReviewTermination(termination_id, abuse.ReviewDecision(decision), note)
        )


def ack_all(world: World) -> None:
    """Pretend the server accepted every pending op (what the sync client records)."""
    from sqlalchemy import update

    from websight_desk.storage.models import SyncOutbox

    with world.desk.db.write() as conn:
        conn.execute(update(SyncOutbox).where(SyncOutbox.state == "pending").values(state="acked"))


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Messages are asserted in English (the source language)."""
    from websight_desk import i18n

    i18n.set_language("en")
    yield
    i18n.set_language("tr")
