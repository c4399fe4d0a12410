"""The change log: every accepted op, numbered in commit order, read by clients after a cursor."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, insert, select, update

from websight_desk.server.models import change_log, counter
from websight_desk.storage.ops import Op, canonical_json


def append(conn: Connection, ops: Sequence[Op], pushed_by: str | None) -> int:
    """Number and store accepted ops; call last in the writing transaction. Returns the head.

    The counter row is updated here, at the end: on PostgreSQL its row lock is held until
    commit, so sequence numbers become visible in the order they were handed out.
    """
    if not ops:
        return int(conn.execute(select(counter.c.seq).where(counter.c.id == 1)).scalar_one())
    conn.execute(update(counter).where(counter.c.id == 1).values(seq=counter.c.seq + len(ops)))
    head = int(conn.execute(select(counter.c.seq).where(counter.c.id == 1)).scalar_one())
    first = head - len(ops) + 1
    now = datetime.now(UTC)
    conn.execute(
        insert(change_log),
        [
            {
                "seq": first + i,
                "op_id": op.op_id,
                "kind": op.kind,
                "payload": canonical_json(op.payload),
                "hlc": op.hlc,
                "node_id": op.node_id,
                "author_id": op.author_id,
                "accepted_at": now,
                "pushed_by": pushed_by,
            }
            for i, op in enumerate(ops)
        ],
    )
    return head


@dataclass(frozen=True)
class Page:
    changes: list[tuple[int, Op]]
    head: int

    @property
    def next_cursor(self) -> int | None:
        return self.changes[-1][0] if self.changes else None

    def to_json(self, after: int) -> dict[str, Any]:
        nxt = self.next_cursor if self.changes else after
        return {
            "changes": [{"seq": seq, "op": op.to_wire()} for seq, op in self.changes],
            "next": nxt,
            "head": self.head,
            "more": nxt is not None and nxt < self.head,
        }


def read_after(conn: Connection, after: int, limit: int) -> Page:
    head = int(conn.execute(select(counter.c.seq).where(counter.c.id == 1)).scalar_one())
    rows = conn.execute(
        select(change_log)
        .where(change_log.c.seq > after, change_log.c.seq <= head)
        .order_by(change_log.c.seq)
        .limit(limit)
    ).all()
    changes = [
        (
            int(r.seq),
            Op(
                op_id=r.op_id,
                kind=r.kind,
                payload=json.loads(r.payload),
                hlc=int(r.hlc),
                node_id=r.node_id,
                author_id=r.author_id,
            ),
        )
        for r in rows
    ]
    return Page(changes=changes, head=head)


def find(conn: Connection, op_ids: Sequence[str]) -> dict[str, Op]:
    """Ops already in the log, by id (the duplicate check)."""
    found: dict[str, Op] = {}
    for i in range(0, len(op_ids), 500):
        for r in conn.execute(
            select(change_log).where(change_log.c.op_id.in_(op_ids[i : i + 500]))
        ):
            found[r.op_id] = Op(
                r.op_id, r.kind, json.loads(r.payload), int(r.hlc), r.node_id, r.author_id
            )
    return found


def max_hlc(conn: Connection) -> int:
    from sqlalchemy import func

    return int(conn.execute(select(func.coalesce(func.max(change_log.c.hlc), 0))).scalar_one())
