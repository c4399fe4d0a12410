"""The write path: every change is an op, applied locally and queued for sync in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any, NamedTuple

from sqlalchemy import Connection, Table, func, insert, select, update

from websight_desk.domain.hlc import HybridClock
from websight_desk.domain.ids import new_id
from websight_desk.domain.op_kinds import validate_payload
from websight_desk.storage import bulk
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.forget_local import forget_locally
from websight_desk.storage.models import SyncOutbox, SyncState
from websight_desk.storage.ops import Op, canonical_json
from websight_desk.storage.outbox_codec import PACKED_KINDS, pack

_OUTBOX_COLUMNS = (
    "op_id",
    "kind",
    "payload",
    "hlc",
    "author_agent_id",
    "state",
    "attempts",
    "created_at",
)
PENDING = "pending"
ACKED = "acked"
REJECTED = "rejected"


class Prepared(NamedTuple):
    """A payload checked against its kind's schema and in the form the outbox stores it.

    Made by `prepare`, possibly in another process (a bulk loader's generator), so that the
    writer only applies and stores it: `OpWriter.emit_many` takes these as they are. (A
    tuple: unpickled in C, where a frozen dataclass runs Python code per object.)
    """

    kind: str
    payload: dict[str, Any]
    stored: str | bytes  # SQLite's outbox form: canonical JSON, packed for `PACKED_KINDS`


def prepare(kind: str, payload: Mapping[str, Any]) -> Prepared:
    """Validate `payload` as `emit_many` would and encode it for the outbox once."""
    validate_payload(kind, payload)
    text = canonical_json(payload)
    return Prepared(kind, dict(payload), pack(text) if kind in PACKED_KINDS else text)


class OpWriter:
    """Bound to one write transaction. `emit` applies an op and queues it for the server."""

    def __init__(
        self,
        conn: Connection,
        *,
        node_id: str,
        clock: HybridClock,
        author_id: str | None,
        now: datetime,
    ) -> None:
        self.conn = conn
        self.node_id = node_id
        self.clock = clock
        self.author_id = author_id
        self.now = now
        self.apply_ctx = ApplyContext(conn, fresh_ids=True)  # ids made by the services: new
        self.ops: list[Op] = []

    @property
    def touched_tickets(self) -> set[str]:
        return self.apply_ctx.touched_tickets

    def emit(self, kind: str, payload: Mapping[str, Any]) -> Op:
        return self.emit_many(kind, [payload])[0]

    def emit_many(self, kind: str, payloads: Iterable[Mapping[str, Any] | Prepared]) -> list[Op]:
        """Apply and queue one op per payload (`Prepared` ones: validated and encoded ahead)."""
        now, node, author = self.clock.now, self.node_id, self.author_id
        ready = [_prepared(kind, p) for p in payloads]
        ops = [Op(new_id(), kind, r.payload, now(), node, author) for r in ready]
        if not ops:
            return ops
        apply_ops(self.apply_ctx, ops)
        created = datetime.now(UTC)
        outbox: Table = SyncOutbox.__table__  # type: ignore[assignment]
        if self.conn.dialect.name == "sqlite":  # values already in stored form: no conversion
            stamp = bulk.utc_text(created)
            bulk.sqlite_insert_values(
                self.conn,
                outbox,
                _OUTBOX_COLUMNS,
                [
                    (op.op_id, kind, r.stored, op.hlc, author, PENDING, 0, stamp)
                    for op, r in zip(ops, ready, strict=True)
                ],
            )
        else:
            rows = [
                {
                    "op_id": op.op_id,
                    "kind": op.kind,
                    "payload": canonical_json(op.payload),
                    "hlc": op.hlc,
                    "author_agent_id": op.author_id,
                    "state": PENDING,
                    "attempts": 0,
                    "created_at": created,
                }
                for op in ops
            ]
            self.conn.execute(insert(outbox), rows)
        forget_locally(self.conn, ops)  # an erasure or purge: this outbox forgets too
        self.ops.extend(ops)
        return ops

    def save_clock(self) -> None:
        self.conn.execute(update(SyncState).where(SyncState.id == 1).values(hlc=self.clock.last))


def _prepared(kind: str, payload: Mapping[str, Any] | Prepared) -> Prepared:
    if isinstance(payload, Prepared):
        if payload.kind != kind:
            raise ValueError(f"a {payload.kind} payload emitted as {kind}")
        return payload
    # The schema the server checks too: a service that writes what the server would refuse
    # is a bug, found here, before anything is stored.
    return prepare(kind, payload)


def pending_count(conn: Connection) -> int:
    return int(
        conn.execute(
            select(func.count()).select_from(SyncOutbox).where(SyncOutbox.state == PENDING)
        ).scalar_one()
    )


def load_or_create_state(conn: Connection) -> tuple[str, int]:
    """This device's (node id, last HLC); the node id is made once per database."""
    row = conn.execute(select(SyncState.node_id, SyncState.hlc).where(SyncState.id == 1)).first()
    if row is not None:
        return row.node_id, row.hlc
    node_id = new_id()
    conn.execute(insert(SyncState).values(id=1, node_id=node_id, hlc=0, pull_cursor=0))
    return node_id, 0
