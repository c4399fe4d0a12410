"""Decisions on a ticket as events of its thread: status, priority and assignee changes, abuse
terminations and the shift lead's reviews (who, when, the note).

Read from the append-only records (`ticket_field_changes`, `abuse_terminations`,
`abuse_reviews`); the changes a ticket was created with are not events.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select
from sqlalchemy.orm import aliased

from websight_desk.storage.models import (
    AbuseReview,
    AbuseTermination,
    Agent,
    Ticket,
    TicketFieldChange,
)


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """One decision. `kind`: status | priority | assignee | termination | review.

    `value`: the new status or priority, the assignee's name (None: unassigned), the
    termination's category or the review's decision (confirmed | overturned | reinstated).
    """

    id: str
    kind: str
    at: datetime
    actor: str | None  # the agent's display name; None for the server (mail) or unknown
    value: str | None
    note: str | None = None
    removed: bool = False  # the note was anonymised (KVKK)


def _field_events(conn: Connection, ticket_id: str, opened: datetime) -> list[TimelineEvent]:
    author = aliased(Agent)
    target = aliased(Agent)
    rows = conn.execute(
        select(
            TicketFieldChange.id,
            TicketFieldChange.field,
            TicketFieldChange.value,
            TicketFieldChange.created_at,
            author.display_name.label("author"),
            target.display_name.label("target"),
        )
        .outerjoin(author, author.id == TicketFieldChange.author_agent_id)
        .outerjoin(target, target.id == TicketFieldChange.value)
        .where(TicketFieldChange.ticket_id == ticket_id)
        .order_by(TicketFieldChange.created_at, TicketFieldChange.hlc, TicketFieldChange.id)
    ).all()
    events = []
    for r in rows:
        if r.created_at <= opened:
            continue  # the values the ticket was opened with
        value = r.target if r.field == "assignee" else r.value
        if r.field == "assignee" and r.value and value is None:
            value = "?"  # an agent not synced here yet
        events.append(TimelineEvent(r.id, r.field, r.created_at, r.author, value))
    return events


def _abuse_events(conn: Connection, ticket_id: str) -> list[TimelineEvent]:
    terminations = conn.execute(
        select(
            AbuseTermination.id,
            AbuseTermination.created_at,
            AbuseTermination.category,
            AbuseTermination.note,
            AbuseTermination.anonymised_at,
            Agent.display_name,
        )
        .outerjoin(Agent, Agent.id == AbuseTermination.reported_by)
        .where(AbuseTermination.ticket_id == ticket_id)
    ).all()
    events = [
        TimelineEvent(
            t.id,
            "termination",
            t.created_at,
            t.display_name,
            t.category,
            None if t.anonymised_at else (t.note or None),
            removed=t.anonymised_at is not None,
        )
        for t in terminations
    ]
    ids = [t.id for t in terminations]
    if ids:
        for r in conn.execute(
            select(
                AbuseReview.id,
                AbuseReview.created_at,
                AbuseReview.decision,
                AbuseReview.note,
                Agent.display_name,
            )
            .outerjoin(Agent, Agent.id == AbuseReview.reviewer_id)
            .where(AbuseReview.termination_id.in_(ids))
        ):
            events.append(
                TimelineEvent(
                    r.id, "review", r.created_at, r.display_name, r.decision, r.note or None
                )
            )
    return events


def timeline(conn: Connection, ticket_id: str) -> tuple[TimelineEvent, ...]:
    """The ticket's decisions, oldest first."""
    opened = conn.execute(
        select(Ticket.created_at).where(Ticket.id == ticket_id)
    ).scalar_one_or_none()
    if opened is None:
        return ()
    abuse = _abuse_events(conn, ticket_id)
    ended = {e.at for e in abuse if e.kind == "termination"}
    fields = [
        e
        for e in _field_events(conn, ticket_id, opened)
        # "ended for abuse" already says the status became terminated
        if not (e.kind == "status" and e.value == "terminated" and e.at in ended)
    ]
    return tuple(sorted([*fields, *abuse], key=lambda e: (e.at, e.id)))


__all__ = ["TimelineEvent", "timeline"]
