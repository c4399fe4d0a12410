"""The shift lead's review queue: pending terminations with evidence, note and history.

(The queue view "Review queue" and the ⛔ flag are rows of `queue_registry`.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, not_, select

from websight_desk.domain.abuse import ReviewDecision
from websight_desk.storage.models import (
    AbuseReview,
    AbuseTermination,
    Agent,
    Contact,
    Customer,
    Ticket,
)
from websight_desk.storage.queries.refusal_sql import (
    PENDING,
    accepted_review_of,
    live_termination,
    outbox_states,
)

HISTORY = 5
ALL_DECISIONS = tuple(d.value for d in ReviewDecision)


@dataclass(frozen=True)
class HistoryTicket:
    number: int
    subject: str
    status: str
    created_at: datetime


@dataclass(frozen=True)
class ReviewItem:
    """One termination waiting for a lead; `awaiting_server` = a decision made offline."""

    termination_id: str
    channel: str
    category: str
    at: datetime
    ticket_number: int | None
    customer_code: str
    customer_name: str  # masked
    reporter: str
    detector_suggested: bool
    evidence_excerpt: str
    evidence_words: tuple[str, ...]
    note: str
    ticket_count: int
    earlier_terminations: int
    recent: tuple[HistoryTicket, ...]
    awaiting_server: bool


def pending_terminations(conn: Connection) -> list[ReviewItem]:
    """Terminations no lead has decided yet (as accepted by the server), oldest first."""
    t = AbuseTermination
    rows = conn.execute(
        select(
            t.id,
            t.channel,
            t.category,
            t.created_at,
            t.customer_id,
            t.detector_suggested,
            t.evidence_excerpt,
            t.evidence_words,
            t.note,
            Ticket.number,
            Customer.code,
            Agent.display_name,
        )
        .join(Customer, Customer.id == t.customer_id)
        .join(Agent, Agent.id == t.reported_by)
        .outerjoin(Ticket, Ticket.id == t.ticket_id)
        .where(live_termination(), not_(accepted_review_of(t, ALL_DECISIONS)))
        .order_by(t.created_at, t.id)
    ).all()
    awaiting = {
        tid
        for rid, state in outbox_states(conn, "review.create").items()
        if state == PENDING
        for tid in conn.execute(
            select(AbuseReview.termination_id).where(AbuseReview.id == rid)
        ).scalars()
    }
    items = []
    for r in rows:
        name = conn.execute(
            select(Contact.name).where(Contact.customer_id == r.customer_id).limit(1)
        ).scalar()
        count = conn.execute(
            select(func.count()).select_from(Ticket).where(Ticket.customer_id == r.customer_id)
        ).scalar_one()
        earlier = conn.execute(
            select(func.count())
            .select_from(t)
            .where(t.customer_id == r.customer_id, t.created_at < r.created_at)
        ).scalar_one()
        recent = conn.execute(
            select(Ticket.number, Ticket.subject, Ticket.status, Ticket.created_at)
            .where(Ticket.customer_id == r.customer_id)
            .order_by(Ticket.created_at.desc())
            .limit(HISTORY)
        ).all()
        items.append(
            ReviewItem(
                r.id,
                r.channel,
                r.category,
                r.created_at,
                r.number,
                r.code,
                name or "",
                r.display_name,
                r.detector_suggested,
                r.evidence_excerpt,
                tuple(json.loads(r.evidence_words or "[]")),
                r.note,
                int(count),
                int(earlier),
                tuple(HistoryTicket(*h) for h in recent),
                r.id in awaiting,
            )
        )
    return items
