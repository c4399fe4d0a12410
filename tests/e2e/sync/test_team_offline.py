"""One team, one record: three workstations work through an outage, then sync in any order.

Each workstation, offline, adds customers (with the same codes as the others), opens tickets
(with the same provisional numbers), replies and writes notes, changes the status, priority
and assignee of a ticket they all share, logs a callback, and one ends a conversation for
abuse. Then they connect in a seeded random order — pushes and pulls interleaved — and settle.
Nothing is refused, every workstation's `stats --json` (`storage.stats.record_counts`) equals
the others' and the server's, ticket numbers and customer codes are unique, and every ticket
shows the same status, priority and assignee everywhere. `test_team_numbers.py` checks the
numbering rules one by one; this is the whole day.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.e2e.sync.serverproc import ServerProc, Workstation
from tests.unit.kvkk.builders import valid_callback
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel
from websight_desk.domain.enums import MessageKind, Priority, TicketField, TicketStatus
from websight_desk.services import abuse, kvkk, people, tickets
from websight_desk.services.callbacks import log_callback
from websight_desk.storage.models import Contact, Customer, Ticket
from websight_desk.sync.review import list_rejected

SEED = 20261203
PHONE = "+905321234567"


def _offline_day(ws: Workstation, shared: str, rng: random.Random, terminates: bool) -> int:
    """A day of offline work; returns how many tickets it opened."""
    opened = 0
    others = sorted(a for a in _agents(ws) if a != ws.agent_id)
    for n in range(2):  # the same codes on every workstation
        with ws.desk.writer() as w:
            customer = people.add_customer(
                w, people.NewCustomer(f"WS000010{n}", "individual", f"Kişi {n}", None, PHONE)
            )
            contact = w.conn.execute(
                select(Contact.id).where(Contact.customer_id == customer)
            ).scalar_one()
            made = [
                tickets.open_ticket(
                    w, tickets.OpenTicket(customer, f"Konu {n}.{i}", "Sitem açılmıyor")
                ).ticket_id
                for i in range(rng.randint(1, 3))
            ]
            opened += len(made)
            for ticket in made:
                kind = rng.choice([MessageKind.OUTBOUND, MessageKind.NOTE, MessageKind.INBOUND])
                tickets.post_message(w, tickets.PostMessage(ticket, kind, "Bakıyoruz"))
                tickets.change_field(
                    w, tickets.ChangeField(ticket, TicketField.STATUS, TicketStatus.OPEN)
                )
        start = datetime.now(UTC) - timedelta(minutes=rng.randint(20, 90))
        with ws.desk.writer() as w:
            cmd = dataclasses.replace(valid_callback(made[0], contact, start, "DNS"), phone=PHONE)
            log_callback(w, cmd, kvkk.company_settings(ws.desk))
    with ws.desk.writer() as w:  # everyone touches the shared ticket
        tickets.post_message(
            w, tickets.PostMessage(shared, MessageKind.NOTE, f"{ws.agent_id[:6]} baktı")
        )
        status = rng.choice([TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.RESOLVED])
        tickets.change_field(w, tickets.ChangeField(shared, TicketField.STATUS, status))
        priority = rng.choice(list(Priority))
        tickets.change_field(w, tickets.ChangeField(shared, TicketField.PRIORITY, priority))
        assignee = rng.choice([ws.agent_id, *others])
        tickets.change_field(w, tickets.ChangeField(shared, TicketField.ASSIGNEE, assignee))
        if terminates:
            abuse.terminate(
                w,
                abuse.TerminateConversation(
                    AbuseChannel.TICKET, AbuseCategory.INSULT, "hakaret", "salak", ticket_id=made[0]
                ),
            )
    return opened


def _settle(ws: Workstation) -> None:
    report = ws.engine.run_once()
    assert report.rejected == 0, [r.reason for r in list_rejected(ws.desk)]
    assert report.quarantined == 0


def _agents(ws: Workstation) -> list[str]:
    from websight_desk.storage.models import Agent

    with ws.desk.db.read() as conn:
        return list(conn.execute(select(Agent.id)).scalars())


def _record(ws: Workstation) -> tuple[dict[str, object], ...]:
    with ws.desk.db.read() as conn:
        numbers = {
            r.id: (r.number, r.status, r.priority, r.assignee_id)
            for r in conn.execute(
                select(Ticket.id, Ticket.number, Ticket.status, Ticket.priority, Ticket.assignee_id)
            )
        }
        codes = dict(conn.execute(select(Customer.id, Customer.code)).all())
    return numbers, codes


@pytest.mark.parametrize("seed", [SEED])
def test_three_offline_workstations_end_with_one_record(
    server: ServerProc, make_ws: Callable[..., Workstation], seed: int
) -> None:
    rng = random.Random(seed)
    team = [make_ws("ayse", "agent"), make_ws("bora", "agent"), make_ws("cem", "shift_lead")]
    first = team[0]
    with first.desk.writer() as w:  # before the outage: one ticket everyone has
        customer = people.add_customer(w, people.NewCustomer("ACME", "company", "Acme Ltd"))
        shared = tickets.open_ticket(w, tickets.OpenTicket(customer, "Ortak", "Metin")).ticket_id
    for ws in team:
        assert ws.engine.run_once().rejected == 0
    terminator = rng.choice(team)
    opened = sum(  # the outage: everyone works offline
        _offline_day(ws, shared, rng, terminates=ws is terminator) for ws in team
    )

    steps = [(ws, rng.choice(["push", "pull", "sync"])) for ws in team for _ in range(3)]
    rng.shuffle(steps)
    for ws, step in steps:  # they connect one by one, in a random order
        if step == "push":
            assert ws.engine.push().rejected == 0, [r.reason for r in list_rejected(ws.desk)]
        elif step == "pull":
            assert ws.engine.pull()[1] == 0  # nothing pulled was set aside
        else:
            _settle(ws)
    for _ in range(2):  # then everyone settles, in another random order
        for ws in rng.sample(team, len(team)):
            _settle(ws)

    stats = [ws.counts() for ws in team]
    assert stats[0] == stats[1] == stats[2] == server.counts()
    assert stats[0]["tickets"] == 1 + opened
    assert stats[0]["abuse_terminations"] == 1
    assert stats[0]["callbacks"] == 6
    records = [_record(ws) for ws in team]
    assert records[0] == records[1] == records[2]
    numbers, codes = records[0]
    assert len({n for n, *_ in numbers.values()}) == len(numbers)  # unique ticket numbers
    assert len(set(codes.values())) == len(codes) == 7  # unique customer codes
    assert all(list_rejected(ws.desk) == [] for ws in team)
    for ws in team:  # one search document per ticket, each under the ticket's team number
        with ws.desk.db.read() as conn:
            docs = conn.exec_driver_sql(
                "SELECT s.rowid / 1024, t.number FROM search_index s JOIN tickets t "
                "ON t.id = s.ticket_id"
            ).all()
        assert len(docs) == stats[0]["tickets"]
        assert all(doc_number == number for doc_number, number in docs)
