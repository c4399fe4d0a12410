"""Appliers of the directory records: agents, customers, contacts, services and audit events.

Registered on import; `storage/appliers.py` imports this module so they are always loaded.
Mutable records keep the version with the greatest (hlc, node_id). A contact of an erased
customer is blanked again on arrival; audit events join the tamper-evidence chain.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Table, and_, func, or_, select, update

from websight_desk.storage import chain
from websight_desk.storage.applier_registry import ApplyContext, applier
from websight_desk.storage.apply_rows import (
    chunks,
    fields,
    id_in,
    insert_ignore,
    meta,
    needing_update,
    stored_ids,
    upsert_lww,
)
from websight_desk.storage.erasure import reblank_customers
from websight_desk.storage.models import Agent, AuditEvent, Contact, Customer, Service, Ticket
from websight_desk.storage.ops import Op, from_iso


@applier("agent.upsert")
def _agents(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {**fields(op, "id", "username", "display_name", "role"), **meta(op, ctx.stored_times)}
        for op in ops
    ]
    upsert_lww(ctx, Agent.__table__, rows)  # type: ignore[arg-type]


@applier("customer.create")
def _customers(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [{**fields(op, "id", "code", "kind"), **meta(op, ctx.stored_times)} for op in ops]
    _step_aside(ctx.conn, rows)
    insert_ignore(ctx.conn, Customer.__table__, rows)  # type: ignore[arg-type]


def _step_aside(conn: Connection, rows: Sequence[dict[str, object]]) -> None:
    """A pulled customer's code is the team's (the server gave it): a local customer still
    waiting to be pushed with that code takes a provisional one until its push
    (`storage.restamp`). On the server codes are made unique before anything is applied."""
    table: Table = Customer.__table__  # type: ignore[assignment]
    ids = [str(r["id"]) for r in rows]
    codes = [str(r["code"]) for r in rows]
    for start in range(0, len(rows), 500):
        conn.execute(
            update(table)
            .where(
                id_in(conn, table.c.code, codes[start : start + 500]),
                ~id_in(conn, table.c.id, ids[start : start + 500]),
            )
            .values(code=func.substr("~" + table.c.id, 1, 32))
        )


@applier("contact.upsert")
def _contacts(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **fields(op, "id", "customer_id", "role", "name", "email", "phone"),
            "erased_at": None,
            **meta(op, ctx.stored_times),
        }
        for op in ops
    ]
    table: Table = Contact.__table__  # type: ignore[assignment]
    stale = needing_update(ctx.conn, table, rows)
    insert_ignore(ctx.conn, table, rows)
    for row in stale:
        # An erased contact stays erased: erasure wins over data arriving later.
        newer = or_(
            table.c.hlc < row["hlc"],
            and_(table.c.hlc == row["hlc"], table.c.node_id < row["node_id"]),
        )
        values = {k: v for k, v in row.items() if k not in ("id", "created_at", "erased_at")}
        ctx.conn.execute(
            update(table)
            .where(table.c.id == row["id"], table.c.erased_at.is_(None), newer)
            .values(values)
        )
    reblank_customers(ctx, {str(op.payload.get("customer_id")) for op in ops})


@applier("service.upsert")
def _services(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = []
    for op in ops:
        row = fields(op, "id", "customer_id", "kind", "label", "reseller_id")
        row["delivered_at"] = from_iso(op.payload.get("delivered_at"))
        row["has_sla"] = bool(op.payload.get("has_sla", False))
        row["managed"] = bool(op.payload.get("managed", False))
        rows.append({**row, **meta(op, ctx.stored_times)})
    services: Table = Service.__table__  # type: ignore[assignment]
    # Tickets reference services by foreign key, so only a service stored before this batch
    # can have tickets to re-triage (and tickets.service_id has no index: skip the scans).
    known = stored_ids(ctx.conn, services, [r["id"] for r in rows])
    upsert_lww(ctx, services, rows, known)
    table: Table = Ticket.__table__  # type: ignore[assignment]
    ids = sorted(known)
    for chunk in chunks(ids, 500):
        found = ctx.conn.execute(select(table.c.id).where(table.c.service_id.in_(chunk)))
        ctx.touched_tickets.update(found.scalars())


@applier("audit.create")
def _audit(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **fields(op, "id", "kind", "actor_agent_id", "subject_type", "subject_id", "reason"),
            "details": op.payload.get("details", "{}"),
            **meta(op, ctx.stored_times),
        }
        for op in ops
    ]
    insert_ignore(ctx.conn, AuditEvent.__table__, rows)  # type: ignore[arg-type]
    chain.seal_keys(ctx.conn, [(op.hlc, op.node_id, str(op.payload.get("id"))) for op in ops])
