"""SQL pieces of the refusal projection shared by the queue flag, the review queue and services.

A review counts only once the server accepted it: a `review.create` still `pending` in the
local outbox (made offline) or `rejected` by the server is not a decision yet. Terminations
count at once (an agent may end a conversation), unless the server rejected them.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, exists, func, not_, select

from websight_desk.domain.abuse import ReviewDecision
from websight_desk.storage.models import AbuseReview, AbuseTermination, SyncOutbox, Ticket

ACKED = "acked"
PENDING = "pending"
REJECTED = "rejected"
LIFTING = (ReviewDecision.OVERTURNED.value, ReviewDecision.REINSTATED.value)


def _outbox_ids(kind: str, *states: str) -> Select[Any]:
    """Record ids (payload `id`) of local ops of `kind` in these outbox states."""
    return select(func.json_extract(SyncOutbox.payload, "$.id")).where(
        SyncOutbox.kind == kind, SyncOutbox.state.in_(states)
    )


def unaccepted_reviews() -> Select[Any]:
    return _outbox_ids("review.create", PENDING, REJECTED)


def rejected_terminations() -> Select[Any]:
    return _outbox_ids("termination.create", REJECTED)


def outbox_states(conn: Connection, kind: str) -> dict[str, str]:
    """{record id: outbox state} of this device's not-yet-acked ops of `kind`."""
    found: dict[str, str] = {}
    for payload, state in conn.execute(
        select(SyncOutbox.payload, SyncOutbox.state).where(
            SyncOutbox.kind == kind, SyncOutbox.state != ACKED
        )
    ):
        record_id = json.loads(payload).get("id")
        if record_id:
            found[str(record_id)] = state
    return found


def accepted_review_of(termination: Any, decisions: tuple[str, ...]) -> ColumnElement[bool]:
    return exists().where(
        AbuseReview.termination_id == termination.id,
        AbuseReview.decision.in_(decisions),
        AbuseReview.id.not_in(unaccepted_reviews()),
    )


def live_termination() -> ColumnElement[bool]:
    """The termination counts (not rejected by the server)."""
    return AbuseTermination.id.not_in(rejected_terminations())


def customer_refused_or_pending() -> ColumnElement[bool]:
    """Correlated on `Ticket.customer_id`: the customer is refused or pending review."""
    return exists().where(
        AbuseTermination.customer_id == Ticket.customer_id,
        live_termination(),
        not_(accepted_review_of(AbuseTermination, LIFTING)),
    )


def ticket_awaits_review() -> ColumnElement[bool]:
    """Correlated on `Ticket.id`: the ticket has a termination no lead has decided yet."""
    return exists().where(
        and_(
            AbuseTermination.ticket_id == Ticket.id,
            live_termination(),
            not_(accepted_review_of(AbuseTermination, tuple(d.value for d in ReviewDecision))),
        )
    )
