"""Appliers: turn ops into rows, idempotently, on SQLite and PostgreSQL alike.

An applier takes a batch of ops of one kind. Inserts of append-only records ignore a row that
already exists (applying an op twice is harmless); mutable records (agents, contacts,
services) keep the version with the greatest (hlc, node_id). New kinds register with
`@applier("kind")`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, Table, and_, bindparam, or_, select, update
from sqlalchemy.dialects import postgresql

from websight_desk.storage import bulk, fts
from websight_desk.storage.models import (
    Agent,
    AuditEvent,
    Contact,
    Customer,
    Message,
    Service,
    Ticket,
    TicketFieldChange,
)
from websight_desk.storage.ops import Op, from_iso


@dataclass
class ApplyContext:
    """What the caller needs to know after applying, and how to apply."""

    conn: Connection
    with_search_index: bool = True
    touched_tickets: set[str] = field(default_factory=set)
    # Set only by `OpWriter`: its create ops carry ids it has just made (UUIDv7), so the
    # "is this id stored already" lookups cannot find anything. Pulled and server ops keep them.
    fresh_ids: bool = False

    def __post_init__(self) -> None:
        # SQLite rows go straight to the driver: times are converted to stored text once.
        self.stored_times = self.conn.dialect.name == "sqlite"


ApplyFn = Callable[[ApplyContext, Sequence[Op]], None]
APPLIERS: dict[str, ApplyFn] = {}


class UnknownOpKind(ValueError):
    pass


def applier(kind: str) -> Callable[[ApplyFn], ApplyFn]:
    def register(fn: ApplyFn) -> ApplyFn:
        if kind in APPLIERS:
            raise RuntimeError(f"two appliers for {kind}")
        APPLIERS[kind] = fn
        return fn

    return register


def apply_ops(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    """Apply ops in order, batching runs of the same kind."""
    start = 0
    while start < len(ops):
        kind = ops[start].kind
        end = start
        while end < len(ops) and ops[end].kind == kind:
            end += 1
        fn = APPLIERS.get(kind)
        if fn is None:
            raise UnknownOpKind(kind)
        fn(ctx, ops[start:end])
        start = end


def insert_ignore(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    """INSERT that skips rows whose primary key exists (both dialects)."""
    if not rows:
        return
    if conn.dialect.name == "sqlite":
        bulk.sqlite_insert(conn, table, rows, ignore_conflicts=True)
        return
    pk = [c.name for c in table.primary_key.columns]
    conn.execute(postgresql.insert(table).on_conflict_do_nothing(index_elements=pk), rows)


def _meta(op: Op, stored: bool = False) -> dict[str, Any]:
    """hlc, node_id and created_at; `stored`: created_at as SQLite's stored text (bulk inserts)."""
    text = op.payload.get("created_at")
    if text is None:
        raise ValueError(f"{op.kind} {op.op_id}: payload has no created_at")
    created = bulk.iso_to_stored(text) if stored else from_iso(text)
    return {"hlc": op.hlc, "node_id": op.node_id, "created_at": created}


def _needing_update(
    conn: Connection, table: Table, rows: list[dict[str, Any]], stored: set[str] | None = None
) -> list[dict[str, Any]]:
    """Rows an insert-ignore may have skipped: ids stored already or repeated in the batch.

    Only these can need the last-writer-wins UPDATE; a fresh row is already its own winner,
    so bulk loads of new records cost no per-row statement.
    """
    ids = [r["id"] for r in rows]
    if stored is None:  # the caller may have looked them up already
        stored = stored_ids(conn, table, ids)
    if not stored and len(set(ids)) == len(ids):
        return []
    seen: set[str] = set()
    out = []
    for r in rows:
        if r["id"] in stored or r["id"] in seen:
            out.append(r)
        seen.add(r["id"])
    return out


def _upsert_lww(
    ctx: ApplyContext, table: Table, rows: list[dict[str, Any]], stored: set[str] | None = None
) -> None:
    """Insert new rows; replace existing ones only with a newer (hlc, node_id)."""
    stale = _needing_update(ctx.conn, table, rows, stored)
    insert_ignore(ctx.conn, table, rows)
    for row in stale:
        newer = or_(
            table.c.hlc < row["hlc"],
            and_(table.c.hlc == row["hlc"], table.c.node_id < row["node_id"]),
        )
        values = {k: v for k, v in row.items() if k not in ("id", "created_at")}
        ctx.conn.execute(update(table).where(table.c.id == row["id"], newer).values(values))


def _fields(op: Op, *names: str) -> dict[str, Any]:
    payload = op.payload
    try:  # every name present (the usual case): one C-level lookup of all of them
        return dict(zip(names, _getter(names)(payload), strict=True))
    except KeyError:
        return {name: payload.get(name) for name in names}


@lru_cache(maxsize=64)
def _getter(names: tuple[str, ...]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    get = itemgetter(*names)
    return get if len(names) > 1 else lambda payload: (get(payload),)


@applier("agent.upsert")
def _agents(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {**_fields(op, "id", "username", "display_name", "role"), **_meta(op, ctx.stored_times)}
        for op in ops
    ]
    _upsert_lww(ctx, Agent.__table__, rows)  # type: ignore[arg-type]


@applier("customer.create")
def _customers(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [{**_fields(op, "id", "code", "kind"), **_meta(op, ctx.stored_times)} for op in ops]
    insert_ignore(ctx.conn, Customer.__table__, rows)  # type: ignore[arg-type]


@applier("contact.upsert")
def _contacts(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **_fields(op, "id", "customer_id", "role", "name", "email", "phone"),
            "erased_at": None,
            **_meta(op, ctx.stored_times),
        }
        for op in ops
    ]
    table: Table = Contact.__table__  # type: ignore[assignment]
    stale = _needing_update(ctx.conn, table, rows)
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


@applier("service.upsert")
def _services(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = []
    for op in ops:
        row = _fields(op, "id", "customer_id", "kind", "label", "reseller_id")
        row["delivered_at"] = from_iso(op.payload.get("delivered_at"))
        row["has_sla"] = bool(op.payload.get("has_sla", False))
        row["managed"] = bool(op.payload.get("managed", False))
        rows.append({**row, **_meta(op, ctx.stored_times)})
    services: Table = Service.__table__  # type: ignore[assignment]
    # Tickets reference services by foreign key, so only a service stored before this batch
    # can have tickets to re-triage (and tickets.service_id has no index: skip the scans).
    known = stored_ids(ctx.conn, services, [r["id"] for r in rows])
    _upsert_lww(ctx, services, rows, known)
    table: Table = Ticket.__table__  # type: ignore[assignment]
    ids = sorted(known)
    for chunk in _chunks(ids, 500):
        found = ctx.conn.execute(select(table.c.id).where(table.c.service_id.in_(chunk)))
        ctx.touched_tickets.update(found.scalars())


@applier("ticket.create")
def _tickets(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = []
    for op in ops:
        meta = _meta(op, ctx.stored_times)
        row = _fields(
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
        rows.append({**row, **meta, "updated_at": meta["created_at"]})
    table: Table = Ticket.__table__  # type: ignore[assignment]
    if not ctx.fresh_ids:
        rows = _only_new(ctx.conn, table, rows)
    insert_ignore(ctx.conn, table, rows)
    ctx.touched_tickets.update(r["id"] for r in rows)
    if ctx.with_search_index:
        fts.index_rows(ctx.conn, ((r["id"], r["id"], r["subject"]) for r in rows))


@applier("message.create")
def _messages(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **_fields(op, "id", "ticket_id", "kind", "author_agent_id", "body"),
            "redacted_at": None,
            **_meta(op, ctx.stored_times),
        }
        for op in ops
    ]
    table: Table = Message.__table__  # type: ignore[assignment]
    if not ctx.fresh_ids:
        rows = _only_new(ctx.conn, table, rows)
    insert_ignore(ctx.conn, table, rows)
    latest: dict[str, Any] = {}
    for r in rows:
        current = latest.get(r["ticket_id"])
        if current is None or r["created_at"] > current:
            latest[r["ticket_id"]] = r["created_at"]
    tickets: Table = Ticket.__table__  # type: ignore[assignment]
    if latest and ctx.conn.dialect.name == "sqlite":  # driver executemany: no per-row binds
        ctx.conn.exec_driver_sql(
            'UPDATE "tickets" SET "updated_at" = ? WHERE "id" = ? AND "updated_at" < ?',
            [(when, ticket_id, when) for ticket_id, when in bulk.utc_texts(latest).items()],
        )
    elif latest:  # one executemany, not one statement per ticket
        ctx.conn.execute(
            update(tickets)
            .where(tickets.c.id == bindparam("b_id"), tickets.c.updated_at < bindparam("b_when"))
            .values(updated_at=bindparam("b_when")),
            [{"b_id": ticket_id, "b_when": when} for ticket_id, when in latest.items()],
        )
    ctx.touched_tickets.update(latest)
    if ctx.with_search_index:
        fts.index_rows(ctx.conn, ((r["ticket_id"], r["id"], r["body"]) for r in rows))


def _only_new(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows whose id is not stored yet (a re-applied op must not index twice)."""
    existing = stored_ids(conn, table, [r["id"] for r in rows])
    return [r for r in rows if r["id"] not in existing] if existing else rows


def stored_ids(conn: Connection, table: Table, ids: Sequence[str]) -> set[str]:
    """Which of these ids the table holds already (batched primary-key lookups)."""
    found: set[str] = set()
    sqlite = conn.dialect.name == "sqlite"
    for chunk in _chunks(ids, 500):
        if sqlite:  # plain driver SQL: compiling a 500-item IN list costs more than the query
            marks = ",".join("?" * len(chunk))
            sql = f'SELECT "id" FROM "{table.name}" WHERE "id" IN ({marks})'
            found.update(r[0] for r in conn.exec_driver_sql(sql, tuple(chunk)))
        else:
            found.update(conn.execute(select(table.c.id).where(table.c.id.in_(chunk))).scalars())
    return found


@applier("ticket.set_field")
def _field_changes(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **_fields(op, "id", "ticket_id", "field", "value", "author_agent_id"),
            **_meta(op, ctx.stored_times),
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


_PROJECTED = {"status": "status", "priority": "priority", "assignee": "assignee_id"}


def project_field(conn: Connection, ticket_id: str, fld: str) -> None:
    """Set the ticket's projected field to the winning change by (hlc, node_id)."""
    column = _PROJECTED[fld]
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
    column = _PROJECTED[fld]
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
    for chunk in _chunks(ticket_ids, 500):
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


@applier("audit.create")
def _audit(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **_fields(op, "id", "kind", "actor_agent_id", "subject_type", "subject_id", "reason"),
            "details": op.payload.get("details", "{}"),
            **_meta(op, ctx.stored_times),
        }
        for op in ops
    ]
    insert_ignore(ctx.conn, AuditEvent.__table__, rows)  # type: ignore[arg-type]


def _chunks(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


__all__ = ["APPLIERS", "ApplyContext", "UnknownOpKind", "applier", "apply_ops", "insert_ignore"]

# Feature appliers (callbacks and KVKK; abuse terminations, reviews, overrides and the audit
# chain seal) register on import: keep them loaded wherever appliers run.
import websight_desk.storage.abuse_appliers  # noqa: E402
import websight_desk.storage.callback_appliers  # noqa: E402, F401
