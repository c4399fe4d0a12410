"""Adopt what the server decided for one of our ops (`stamped` in its push answer).

The server computes retention dates itself and re-stamps a clock-ordered change that claimed
a time ahead of its clock (see `server/stamps.py`). The workstation takes the server's values
for its own copy — the outbox entry, the record and what is derived from it — so every replica
holds the same record.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, select, text, update

from websight_desk.storage import fts
from websight_desk.storage.chain_reseal import reseal_changed
from websight_desk.storage.field_appliers import project_fields
from websight_desk.storage.models import (
    AbuseTermination,
    Agent,
    Callback,
    Contact,
    Customer,
    ProvisionalNumber,
    Service,
    SyncOutbox,
    Ticket,
    TicketFieldChange,
)
from websight_desk.storage.ops import Op, canonical_json, from_iso


def _t(model: Any) -> Table:
    table: Table = model.__table__
    return table


# Kinds whose record keeps its op's (hlc, node) as the version of a mutable row.
_VERSIONED = {
    "agent.upsert": _t(Agent),
    "contact.upsert": _t(Contact),
    "service.upsert": _t(Service),
}
# Kinds with a server-computed `destroy_after`.
_RETAINED = {"callback.create": _t(Callback), "termination.create": _t(AbuseTermination)}


def adopt_stamp(conn: Connection, op: Op, stamped: dict[str, Any]) -> Op:
    """Apply the server's values to our op and its record; returns the op as the server has it."""
    raw_hlc = stamped.get("hlc")
    hlc = raw_hlc if isinstance(raw_hlc, int) and not isinstance(raw_hlc, bool) else op.hlc
    raw_payload = stamped.get("payload")
    changes = {k: v for k, v in (raw_payload or {}).items() if k in op.payload}
    payload = {**op.payload, **changes}
    conn.execute(
        update(SyncOutbox)
        .where(SyncOutbox.op_id == op.op_id)
        .values(payload=canonical_json(payload), hlc=hlc)
    )
    record_id = str(op.payload.get("id"))
    if "destroy_after" in changes and op.kind in _RETAINED:
        table = _RETAINED[op.kind]
        when = from_iso(str(changes["destroy_after"]))
        conn.execute(update(table).where(table.c.id == record_id).values(destroy_after=when))
        if op.kind == "termination.create":
            reseal_changed(conn, (op.hlc, op.node_id, record_id), {record_id})
    if "number" in changes and op.kind == "ticket.create":
        renumber(conn, record_id, int(changes["number"]))
    if "code" in changes and op.kind == "customer.create":
        customers = _t(Customer)
        code = str(changes["code"])
        # A customer of ours still waiting to be pushed may hold that code here: it steps
        # aside (a provisional code); the server gives it a free code when it is pushed.
        conn.execute(
            update(customers)
            .where(customers.c.code == code, customers.c.id != record_id)
            .values(code=func.substr("~" + customers.c.id, 1, 32))
        )
        conn.execute(update(customers).where(customers.c.id == record_id).values(code=code))
    if hlc != op.hlc:
        _adopt_hlc(conn, op, hlc, record_id)
    return Op(op.op_id, op.kind, payload, hlc, op.node_id, op.author_id)


def _adopt_hlc(conn: Connection, op: Op, hlc: int, record_id: str) -> None:
    if op.kind == "ticket.set_field":
        changes = _t(TicketFieldChange)
        conn.execute(update(changes).where(changes.c.id == record_id).values(hlc=hlc))
        project_fields(conn, [str(op.payload["ticket_id"])], str(op.payload["field"]))
        return
    table = _VERSIONED.get(op.kind)
    if table is not None:  # only while the row still holds this op's version
        conn.execute(
            update(table)
            .where(
                table.c.id == record_id,
                table.c.hlc == op.hlc,
                table.c.node_id == op.node_id,
            )
            .values(hlc=hlc)
        )


def renumber(conn: Connection, ticket_id: str, number: int) -> None:
    """The ticket takes the team's number; its search document moves with it.

    A document is found by its ticket's number (`storage.fts`): left under the old one it would
    be orphaned — a duplicate in results, and out of reach of an erasure.
    """
    tickets = _t(Ticket)
    old = conn.execute(select(tickets.c.number).where(tickets.c.id == ticket_id)).scalar()
    if old is None or int(old) == number:
        return
    stale = fts.doc_of(conn, ticket_id, int(old))
    conn.execute(update(tickets).where(tickets.c.id == ticket_id).values(number=number))
    provisional = _t(ProvisionalNumber)
    known = conn.execute(
        select(provisional.c.ticket_id).where(provisional.c.ticket_id == ticket_id)
    ).first()
    if known is None:  # the first number is the one the agent may have told the customer
        conn.execute(
            provisional.insert().values(
                ticket_id=ticket_id, number=int(old), renumbered_at=datetime.now(UTC)
            )
        )
    if stale is not None:
        conn.execute(text(f"DELETE FROM {fts.TABLE} WHERE rowid = :r"), {"r": stale})
        fts.reindex_tickets(conn, [ticket_id])
