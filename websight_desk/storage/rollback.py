"""Undo the local effect of an op the server refused, where the record is a value others see.

A refused field change (status, priority, assignee) would otherwise keep showing a value that
no other replica has: the change row is removed and the field projected again from the
changes that remain, so this workstation shows what the team sees. The op itself stays in the
quarantine, shown to the user with the server's reason (nothing is lost).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Table, delete

from websight_desk.storage.field_appliers import project_fields
from websight_desk.storage.models import TicketFieldChange
from websight_desk.storage.ops import Op


def roll_back_refused(conn: Connection, ops: Sequence[Op]) -> set[str]:
    """Remove refused field changes and re-project their tickets; returns the tickets touched."""
    changes: Table = TicketFieldChange.__table__  # type: ignore[assignment]
    touched: dict[str, set[str]] = {}
    for op in ops:
        if op.kind != "ticket.set_field":
            continue
        conn.execute(delete(changes).where(changes.c.id == str(op.payload["id"])))
        touched.setdefault(str(op.payload["field"]), set()).add(str(op.payload["ticket_id"]))
    for field, ticket_ids in touched.items():
        project_fields(conn, sorted(ticket_ids), field)
    return {t for ids in touched.values() for t in ids}
