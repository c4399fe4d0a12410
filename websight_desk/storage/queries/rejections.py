"""Read side of the refused-changes window: every quarantined change, light (no payload) and
without a cap: the window groups them and shows one page at a time."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, case, func, select

from websight_desk.storage.models import SyncQuarantine, Ticket

_TICKET_ID = case(
    (SyncQuarantine.kind == "ticket.create", func.json_extract(SyncQuarantine.payload, "$.id")),
    else_=func.json_extract(SyncQuarantine.payload, "$.ticket_id"),
)


@dataclass(frozen=True)
class RejectionRow:
    op_id: str
    kind: str
    reason: str
    source: str  # push: the server refused ours; pull: a colleague's could not apply here
    created_at: datetime
    ticket_id: str | None
    ticket_number: int | None  # None: not tied to a ticket, or the ticket is not here
    field: str | None  # for a ticket field change: status, priority, assignee


def _rows(conn: Connection, where: Any = None) -> list[RejectionRow]:
    query = (
        select(
            SyncQuarantine.op_id,
            SyncQuarantine.kind,
            SyncQuarantine.reason,
            SyncQuarantine.source,
            SyncQuarantine.created_at,
            _TICKET_ID.label("ticket_id"),
            Ticket.number,
            func.json_extract(SyncQuarantine.payload, "$.field").label("field"),
        )
        .outerjoin(Ticket, Ticket.id == _TICKET_ID)
        .order_by(SyncQuarantine.created_at.desc(), SyncQuarantine.op_id)
    )
    if where is not None:
        query = query.where(where)
    return [
        RejectionRow(
            r.op_id,
            r.kind,
            r.reason,
            r.source,
            r.created_at,
            None if r.ticket_id is None else str(r.ticket_id),
            r.number,
            None if r.field is None else str(r.field),
        )
        for r in conn.execute(query)
    ]


def rejection_rows(conn: Connection) -> list[RejectionRow]:
    """Every refused or inapplicable change, newest first (no payload: cheap for thousands)."""
    return _rows(conn)


__all__ = ["RejectionRow", "rejection_rows"]
