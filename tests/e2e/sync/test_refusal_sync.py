"""Refused state survives sync and restart: agent on A ends a conversation, the lead on B
confirms it, A's projection (and its ⛔ flags on the customer's other tickets) says refused."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.domain.abuse import (
    AbuseCategory,
    AbuseChannel,
    RefusalStatus,
    ReviewDecision,
    TerminationStatus,
)
from websight_desk.services import abuse, tickets
from websight_desk.services.desk import open_desk
from websight_desk.storage.models import Ticket


def _state(ws: Workstation, customer: str) -> RefusalStatus:
    with ws.desk.db.read() as conn:
        return abuse.refusal_state(conn, customer).status


def _flags(ws: Workstation, ticket_ids: list[str]) -> dict[str, RefusalStatus]:
    with ws.desk.db.read() as conn:
        return abuse.refusal_flags(conn, ticket_ids)


def test_lead_confirmation_on_b_makes_the_customer_refused_on_a(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a, b = make_ws("cem"), make_ws("leyla", role="shift_lead")
    abusive, unrelated = make_tickets(a.desk, 2)
    with a.desk.db.read() as conn:
        customer = conn.execute(select(Ticket.customer_id).where(Ticket.id == abusive)).scalar_one()
    with a.desk.writer() as w:
        other = tickets.open_ticket(
            w, tickets.OpenTicket(customer, "Fatura", "Faturam nerede?")
        ).ticket_id
        term = abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET,
                AbuseCategory.PROFANITY,
                "küfretti",
                "beceriksiz herifler",
                ticket_id=abusive,
                evidence_words=("beceriksiz",),
                detector_suggested=True,
            ),
        )
    assert _state(a, customer) is RefusalStatus.PENDING_REVIEW
    a.engine.run_once()

    b.engine.run_once()
    assert _state(b, customer) is RefusalStatus.PENDING_REVIEW
    with b.desk.writer() as w:
        review = abuse.review(
            w, abuse.ReviewTermination(term, ReviewDecision.CONFIRMED, "kayıt kesin")
        )
    with b.desk.db.read() as conn:
        waiting = abuse.termination(conn, term)
    assert [r.id for r in waiting.awaiting_server] == [review]
    assert waiting.status is TerminationStatus.PENDING_REVIEW  # not counted before the ack
    report = b.engine.run_once()
    assert report.rejected == 0
    with b.desk.db.read() as conn:
        acked = abuse.termination(conn, term)
        assert abuse.refusal_state(conn, customer).awaiting_server == ()
    assert acked.awaiting_server == ()
    assert acked.status is TerminationStatus.CONFIRMED
    assert [d.id for d in acked.decisions] == [review]
    assert _state(b, customer) is RefusalStatus.REFUSED

    assert _state(a, customer) is RefusalStatus.PENDING_REVIEW  # A has not pulled yet
    a.engine.run_once()
    assert _state(a, customer) is RefusalStatus.REFUSED
    flags = _flags(a, [abusive, other, unrelated])
    assert flags == {abusive: RefusalStatus.REFUSED, other: RefusalStatus.REFUSED}

    # ... and after a restart of A's desk.
    root = a.desk.paths.root
    a.desk.close()
    a.desk = open_desk(root, with_triage=False)
    assert _state(a, customer) is RefusalStatus.REFUSED
    assert _flags(a, [abusive, other, unrelated]) == flags
    with a.desk.db.read() as conn:
        decision = abuse.refusal_state(conn, customer).decision
    assert decision is not None
    assert decision.id == review
