"""Undo the local effect of an op the server refused, where the record is a value others see.

A refused field change (status, priority, assignee) would otherwise keep showing a value that
no other replica has: the change row is removed and the field projected again from the
changes that remain, so this workstation shows what the team sees. The op itself stays in the
quarantine, shown to the user with the server's reason (nothing is lost).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, delete, select, update

from websight_desk.storage.field_appliers import PROJECTED, project_fields
from websight_desk.storage.models import Ticket, TicketFieldChange
from websight_desk.storage.ops import Op


def roll_back_refused(
    conn: Connection, ops: Sequence[Op], team_values: Mapping[str, Mapping[str, Any]] | None = None
) -> set[str]:
    """Remove refused field changes and re-project their tickets; returns the tickets touched.

    When no change of the field remains here (the refused one was the ticket's first), the
    projection has nothing to go back to: the team's value the server sent with its refusal
    (`team_values`, by op id) is shown instead.
    """
    changes: Table = TicketFieldChange.__table__  # type: ignore[assignment]
    tickets: Table = Ticket.__table__  # type: ignore[assignment]
    touched: dict[str, set[str]] = {}
    for op in ops:
        if op.kind != "ticket.set_field":
            continue
        conn.execute(delete(changes).where(changes.c.id == str(op.payload["id"])))
        touched.setdefault(str(op.payload["field"]), set()).add(str(op.payload["ticket_id"]))
    for field, ticket_ids in touched.items():
        project_fields(conn, sorted(ticket_ids), field)
    for op in ops:
        team = (team_values or {}).get(op.op_id)
        field, ticket_id = str(op.payload.get("field")), str(op.payload.get("ticket_id"))
        if op.kind != "ticket.set_field" or team is None or team.get("field") != field:
            continue
        left = conn.execute(
            select(changes.c.id).where(changes.c.ticket_id == ticket_id, changes.c.field == field)
        ).first()
        if left is None and field in PROJECTED:
            conn.execute(
                update(tickets)
                .where(tickets.c.id == ticket_id)
                .values({PROJECTED[field]: team.get("value")})
            )
    return {t for ids in touched.values() for t in ids}
