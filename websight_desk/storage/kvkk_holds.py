"""Legal holds in force: a hold set and not released protects its subject from destruction.

A hold can name a customer (everything about them), a ticket (its callbacks and abuse
terminations) or one callback (and a termination recorded after that call).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from websight_desk.storage.models import AbuseTermination, Callback, LegalHold, LegalHoldRelease


@dataclass(frozen=True, slots=True)
class ActiveHold:
    id: str
    subject_type: str
    subject_id: str
    reason: str
    set_by: str | None
    set_at: datetime


def active_holds(conn: Connection) -> list[ActiveHold]:
    """Every hold without a release, oldest first."""
    released = select(LegalHoldRelease.hold_id)
    rows = conn.execute(
        select(LegalHold.__table__)
        .where(LegalHold.id.not_in(released))
        .order_by(LegalHold.created_at, LegalHold.id)
    )
    return [
        ActiveHold(h.id, h.subject_type, h.subject_id, h.reason, h.set_by, h.created_at)
        for h in rows
    ]


def held_callback_ids(conn: Connection, callback_ids: Sequence[str]) -> dict[str, str]:
    """Of these callbacks, those under a hold → the hold's reason."""
    if not callback_ids:
        return {}
    by_subject = {(h.subject_type, h.subject_id): h.reason for h in active_holds(conn)}
    if not by_subject:
        return {}
    held: dict[str, str] = {}
    ids = list(callback_ids)
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(Callback.id, Callback.ticket_id, Callback.customer_id).where(
                Callback.id.in_(ids[start : start + 500])
            )
        )
        for cid, ticket_id, customer_id in rows:
            for key in (("callback", cid), ("ticket", ticket_id), ("customer", customer_id)):
                if key in by_subject:
                    held[cid] = by_subject[key]
                    break
    return held


def held_termination_ids(conn: Connection, termination_ids: Sequence[str]) -> dict[str, str]:
    """Of these abuse terminations, those under a hold (customer, ticket or call) → the reason."""
    if not termination_ids:
        return {}
    by_subject = {(h.subject_type, h.subject_id): h.reason for h in active_holds(conn)}
    if not by_subject:
        return {}
    held: dict[str, str] = {}
    ids = list(termination_ids)
    t = AbuseTermination
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(t.id, t.customer_id, t.ticket_id, t.call_id).where(
                t.id.in_(ids[start : start + 500])
            )
        )
        for tid, customer_id, ticket_id, call_id in rows:
            for key in (("customer", customer_id), ("ticket", ticket_id), ("callback", call_id)):
                if key in by_subject:
                    held[tid] = by_subject[key]
                    break
    return held


def customer_hold(conn: Connection, customer_id: str) -> ActiveHold | None:
    """The hold on the customer as a whole, if any."""
    for hold in active_holds(conn):
        if hold.subject_type == "customer" and hold.subject_id == customer_id:
            return hold
    return None
