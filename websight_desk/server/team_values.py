"""The team's value of a ticket field, sent back with a refused change of it.

A workstation that changed a ticket's status (say) and is refused shows its own value until it
learns the team's; when the refused change was the ticket's first, it has nothing of its own
to go back to. The server's answer carries the value it holds (`storage.rollback`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, select

from websight_desk.storage.kind_tables import TABLES
from websight_desk.storage.ops import Op

_FIELD_COLUMNS = {"status": "status", "priority": "priority", "assignee": "assignee_id"}


def team_values(conn: Connection, refused: list[tuple[Op, str]]) -> dict[str, dict[str, Any]]:
    """For each refused field change of a ticket the server has: the field's team value."""
    wanted = [
        op
        for op, _reason in refused
        if op.kind == "ticket.set_field" and op.payload.get("field") in _FIELD_COLUMNS
    ]
    tickets: Table = TABLES["ticket.create"]
    found: dict[str, dict[str, Any]] = {}
    for op in wanted:
        field = str(op.payload["field"])
        row = conn.execute(
            select(tickets.c[_FIELD_COLUMNS[field]]).where(
                tickets.c.id == str(op.payload.get("ticket_id"))
            )
        ).first()
        if row is not None:
            found[op.op_id] = {"field": field, "value": row[0]}
    return found
