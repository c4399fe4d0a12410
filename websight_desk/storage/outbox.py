"""The write path: every change is an op, applied locally and queued for sync in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

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

    def emit_many(self, kind: str, payloads: Iterable[Mapping[str, Any]]) -> list[Op]:
        now, node, author = self.clock.now, self.node_id, self.author_id
        payloads = list(payloads)
        for payload in payloads:
            # The schema the server checks too: a service that writes what the server would
            # refuse is a bug, found here, before anything is stored.
            validate_payload(kind, payload)
        ops = [Op(new_id(), kind, dict(p), now(), node, author) for p in payloads]
        if not ops:
            return ops
        apply_ops(self.apply_ctx, ops)
        created = datetime.now(UTC)
        outbox: Table = SyncOutbox.__table__  # type: ignore[assignment]
        if self.conn.dialect.name == "sqlite":  # values already in stored form: no conversion
            stamp = bulk.utc_text(created)
            encode = _packed_json if kind in PACKED_KINDS else canonical_json
            bulk.sqlite_insert_values(
                self.conn,
                outbox,
                _OUTBOX_COLUMNS,
                [
                    (op.op_id, kind, encode(op.payload), op.hlc, author, PENDING, 0, stamp)
                    for op in ops
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


def _packed_json(payload: Mapping[str, Any]) -> bytes:
    return pack(canonical_json(payload))


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
