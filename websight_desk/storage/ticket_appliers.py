"""Appliers of tickets and their messages (append-only, indexed for search once).

Registered on import; `storage/appliers.py` imports this module so they are always loaded.
An inbound message of an erased customer is blanked again on arrival.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Table, text

from websight_desk.storage import bulk, fts
from websight_desk.storage.applier_registry import ApplyContext, applier
from websight_desk.storage.apply_rows import fields, insert_ignore, meta, only_new
from websight_desk.storage.erasure import reblank_tickets
from websight_desk.storage.models import Message, Ticket
from websight_desk.storage.ops import Op


@applier("ticket.create")
def _tickets(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = []
    for op in ops:
        op_meta = meta(op, ctx.stored_times)
        row = fields(
            op,
            "id",
            "number",
            "subject",
            "department",
            "channel",
            "customer_id",
            "service_id",
            "requester_kind",
            "created_by",
            "status",
            "priority",
            "assignee_id",
        )
        rows.append({**row, **op_meta, "updated_at": op_meta["created_at"]})
    table: Table = Ticket.__table__  # type: ignore[assignment]
    if not ctx.fresh_ids:
        rows = only_new(ctx.conn, table, rows)
    insert_ignore(ctx.conn, table, rows)
    ctx.touched_tickets.update(r["id"] for r in rows)
    if ctx.with_search_index:
        fts.index_rows(ctx.conn, ((r["id"], r["id"], r["subject"]) for r in rows))


# the tickets' latest message times, as arrays: one UPDATE for a whole batch of messages
_LATEST_PG = text(
    "UPDATE tickets SET updated_at = v.at "
    "FROM unnest(CAST(:ids AS text[]), CAST(:whens AS timestamp[])) AS v(id, at) "
    "WHERE tickets.id = v.id AND tickets.updated_at < v.at"
)


def _stored(when: datetime) -> datetime:
    return when.astimezone(UTC).replace(tzinfo=None)  # UTCDateTime's form


@applier("message.create")
def _messages(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **fields(op, "id", "ticket_id", "kind", "author_agent_id", "body"),
            "redacted_at": None,
            **meta(op, ctx.stored_times),
        }
        for op in ops
    ]
    table: Table = Message.__table__  # type: ignore[assignment]
    if not ctx.fresh_ids:
        rows = only_new(ctx.conn, table, rows)
    insert_ignore(ctx.conn, table, rows)
    latest: dict[str, Any] = {}
    for r in rows:
        current = latest.get(r["ticket_id"])
        if current is None or r["created_at"] > current:
            latest[r["ticket_id"]] = r["created_at"]
    if latest and ctx.conn.dialect.name == "sqlite":  # driver executemany: no per-row binds
        ctx.conn.exec_driver_sql(
            'UPDATE "tickets" SET "updated_at" = ? WHERE "id" = ? AND "updated_at" < ?',
            [(when, ticket_id, when) for ticket_id, when in bulk.utc_texts(latest).items()],
        )
    elif latest:  # PostgreSQL (the server): one statement, not one per ticket
        ctx.conn.execute(
            _LATEST_PG, {"ids": list(latest), "whens": [_stored(w) for w in latest.values()]}
        )
    ctx.touched_tickets.update(latest)
    if ctx.with_search_index:
        fts.index_rows(ctx.conn, ((r["ticket_id"], r["id"], r["body"]) for r in rows))
    reblank_tickets(ctx, {str(op.payload.get("ticket_id")) for op in ops})
