"""The change log: every accepted op, numbered in commit order, read by clients after a cursor."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, Row, insert, select, update

from websight_desk.server.models import change_log, counter
from websight_desk.storage import bulk, pg_bulk
from websight_desk.storage.apply_rows import rows_in
from websight_desk.storage.ops import Op, canonical_json

_COLUMNS = (
    "seq",
    "op_id",
    "kind",
    "payload",
    "hlc",
    "node_id",
    "author_id",
    "accepted_at",
    "pushed_by",
)


def append(conn: Connection, ops: Sequence[Op], pushed_by: str | None) -> int:
    """Number and store accepted ops; call last in the writing transaction. Returns the head.

    The counter row is updated here, at the end: on PostgreSQL its row lock is held until
    commit, so sequence numbers become visible in the order they were handed out.
    """
    if not ops:
        return int(conn.execute(select(counter.c.seq).where(counter.c.id == 1)).scalar_one())
    head = int(
        conn.execute(
            update(counter)
            .where(counter.c.id == 1)
            .values(seq=counter.c.seq + len(ops))
            .returning(counter.c.seq)
        ).scalar_one()
    )
    first = head - len(ops) + 1
    now = datetime.now(UTC)
    if conn.dialect.name == "sqlite":  # tuples in stored form through the driver
        stamp = bulk.utc_text(now)
        values = [
            (
                first + i,
                op.op_id,
                op.kind,
                canonical_json(op.payload),
                op.hlc,
                op.node_id,
                op.author_id,
                stamp,
                pushed_by,
            )
            for i, op in enumerate(ops)
        ]
        bulk.sqlite_insert_values(conn, change_log, _COLUMNS, values)
        return head
    rows = [
        {"seq": first + i, **op_row(op), "accepted_at": now, "pushed_by": pushed_by}
        for i, op in enumerate(ops)
    ]
    if not pg_bulk.copy_insert(conn, change_log, rows):
        conn.execute(insert(change_log), rows)
    return head


def op_row(op: Op) -> dict[str, Any]:
    """The columns an op keeps in the change log and in the rejections: as it was pushed."""
    return {
        "op_id": op.op_id,
        "kind": op.kind,
        "payload": canonical_json(op.payload),
        "hlc": op.hlc,
        "node_id": op.node_id,
        "author_id": op.author_id,
    }


@dataclass(frozen=True)
class Page:
    """Change-log rows after a cursor; the stored payload text goes out as it is stored."""

    rows: list[Row[Any]]
    head: int

    @property
    def changes(self) -> list[tuple[int, Op]]:
        return [
            (
                int(r.seq),
                Op(r.op_id, r.kind, json.loads(r.payload), int(r.hlc), r.node_id, r.author_id),
            )
            for r in self.rows
        ]

    @property
    def next_cursor(self) -> int | None:
        return int(self.rows[-1].seq) if self.rows else None

    def to_json(self, after: int) -> bytes:
        """The answer of `/v1/changes`: each payload is canonical JSON text already (written by
        `append` or `storage.scrub`), spliced in without decoding and encoding it again."""
        nxt = self.next_cursor if self.rows else after
        changes = [
            {
                "seq": int(r.seq),
                "op": {
                    "op_id": r.op_id,
                    "kind": r.kind,
                    "payload": orjson.Fragment(r.payload),
                    "hlc": int(r.hlc),
                    "node_id": r.node_id,
                    "author_id": r.author_id,
                },
            }
            for r in self.rows
        ]
        more = nxt is not None and nxt < self.head
        return orjson.dumps({"changes": changes, "next": nxt, "head": self.head, "more": more})


def read_after(conn: Connection, after: int, limit: int) -> Page:
    head = int(conn.execute(select(counter.c.seq).where(counter.c.id == 1)).scalar_one())
    rows = conn.execute(
        select(change_log)
        .where(change_log.c.seq > after, change_log.c.seq <= head)
        .order_by(change_log.c.seq)
        .limit(limit)
    ).all()
    return Page(rows=list(rows), head=head)


def find(conn: Connection, op_ids: Sequence[str]) -> dict[str, Op]:
    """Ops already in the log, by id (the duplicate check)."""
    columns = ("op_id", "kind", "payload", "hlc", "node_id", "author_id")
    return {
        op_id: Op(op_id, kind, json.loads(payload), int(hlc), node_id, author_id)
        for op_id, kind, payload, hlc, node_id, author_id in rows_in(
            conn, change_log, "op_id", op_ids, columns
        )
    }


def max_hlc(conn: Connection) -> int:
    from sqlalchemy import func

    return int(conn.execute(select(func.coalesce(func.max(change_log.c.hlc), 0))).scalar_one())
