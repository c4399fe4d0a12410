"""Applier of ticket field changes, and the projection of the winning change onto the ticket.

Registered on import; `storage/appliers.py` imports this module so it is always loaded.
The projected value is the change with the greatest (hlc, node_id), whatever the arrival order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, Table, select, update

from websight_desk.storage.applier_registry import ApplyContext, applier
from websight_desk.storage.apply_rows import chunks, fields, insert_ignore, meta
from websight_desk.storage.models import Ticket, TicketFieldChange
from websight_desk.storage.ops import Op


@applier("ticket.set_field")
def _field_changes(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **fields(op, "id", "ticket_id", "field", "value", "author_agent_id"),
            **meta(op, ctx.stored_times),
        }
        for op in ops
    ]
    changes: Table = TicketFieldChange.__table__  # type: ignore[assignment]
    insert_ignore(ctx.conn, changes, rows)
    by_field: dict[str, set[str]] = {}
    for r in rows:
        by_field.setdefault(r["field"], set()).add(r["ticket_id"])
    for fld, ticket_ids in by_field.items():
        project_fields(ctx.conn, sorted(ticket_ids), fld)
    ctx.touched_tickets.update(r["ticket_id"] for r in rows)


PROJECTED = {"status": "status", "priority": "priority", "assignee": "assignee_id"}


def project_field(conn: Connection, ticket_id: str, fld: str) -> None:
    """Set the ticket's projected field to the winning change by (hlc, node_id)."""
    column = PROJECTED[fld]
    winner = conn.execute(
        select(TicketFieldChange.value, TicketFieldChange.created_at)
        .where(TicketFieldChange.ticket_id == ticket_id, TicketFieldChange.field == fld)
        .order_by(TicketFieldChange.hlc.desc(), TicketFieldChange.node_id.desc())
        .limit(1)
    ).first()
    if winner is None:
        return
    tickets: Table = Ticket.__table__  # type: ignore[assignment]
    conn.execute(update(tickets).where(tickets.c.id == ticket_id).values({column: winner.value}))
    conn.execute(
        update(tickets)
        .where(tickets.c.id == ticket_id, tickets.c.updated_at < winner.created_at)
        .values(updated_at=winner.created_at)
    )


def project_fields(conn: Connection, ticket_ids: Sequence[str], fld: str) -> None:
    """`project_field` for many tickets at once: two set-based UPDATEs per 500 tickets."""
    column = PROJECTED[fld]
    tickets: Table = Ticket.__table__  # type: ignore[assignment]
    changes: Table = TicketFieldChange.__table__  # type: ignore[assignment]

    def winner(col: str) -> Any:
        return (
            select(changes.c[col])
            .where(changes.c.ticket_id == tickets.c.id, changes.c.field == fld)
            .order_by(changes.c.hlc.desc(), changes.c.node_id.desc())
            .limit(1)
            .scalar_subquery()
        )

    has_change = (
        select(changes.c.id)
        .where(changes.c.ticket_id == tickets.c.id, changes.c.field == fld)
        .exists()
    )
    for chunk in chunks(ticket_ids, 500):
        conn.execute(
            update(tickets)
            .where(tickets.c.id.in_(chunk), has_change)
            .values({column: winner("value")})
        )
        conn.execute(
            update(tickets)
            .where(tickets.c.id.in_(chunk), tickets.c.updated_at < winner("created_at"))
            .values(updated_at=winner("created_at"))
        )
