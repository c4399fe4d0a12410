"""Push the outbox: pending ops in device order, in batches; record each answer locally."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, select, update

from websight_desk.services.desk import Desk
from websight_desk.storage.appliers import insert_ignore
from websight_desk.storage.models import SyncOutbox, SyncQuarantine
from websight_desk.storage.ops import Op
from websight_desk.storage.outbox import ACKED, PENDING, REJECTED
from websight_desk.storage.restamp import adopt_stamp
from websight_desk.storage.rollback import roll_back_refused
from websight_desk.sync.client import SyncClient
from websight_desk.sync.errors import ServerRefused, SyncProblem

BATCH = 500  # the server's limit per push


@dataclass
class PushCounts:
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0

    @property
    def sent(self) -> int:
        return self.applied + self.duplicate + self.rejected


def pending_ops(desk: Desk, limit: int = BATCH) -> list[Op]:
    with desk.db.read() as conn:
        rows = conn.execute(
            select(SyncOutbox)
            .where(SyncOutbox.state == PENDING)
            .order_by(SyncOutbox.seq)
            .limit(limit)
        ).all()
        return [
            Op(
                op_id=r.op_id,
                kind=r.kind,
                payload=json.loads(r.payload),
                hlc=r.hlc,
                node_id=desk.node_id,
                author_id=r.author_agent_id,
            )
            for r in rows
        ]


def record_results(desk: Desk, ops: Sequence[Op], results: Sequence[dict[str, Any]]) -> None:
    """The server's answers, in one local transaction (a crash before it = a harmless re-push)."""
    by_id = {op.op_id: op for op in ops}
    now = datetime.now(UTC)
    acked = [r["op_id"] for r in results if r.get("status") in ("applied", "duplicate")]
    refused = [r for r in results if r.get("status") == "rejected" and r.get("op_id") in by_id]
    stamped = [
        (by_id[r["op_id"]], r["stamped"])
        for r in results
        if r.get("op_id") in by_id
        and r.get("status") in ("applied", "duplicate")
        and isinstance(r.get("stamped"), dict)
    ]
    with desk.db.write() as conn:
        for op, values in stamped:
            adopt_stamp(conn, op, values)
        if acked:
            conn.execute(
                update(SyncOutbox)
                .where(SyncOutbox.op_id == bindparam("oid"))
                .values(state=ACKED, acked_at=now, attempts=SyncOutbox.attempts + 1),
                [{"oid": i} for i in acked],
            )
        if refused:
            _mark_rejected(
                conn, by_id, [(r["op_id"], str(r.get("reason", ""))) for r in refused], now
            )
            team_values = {
                r["op_id"]: r["team_value"]
                for r in refused
                if isinstance(r.get("team_value"), dict)
            }
            roll_back_refused(conn, [by_id[r["op_id"]] for r in refused], team_values)


def _mark_rejected(
    conn: Any, by_id: dict[str, Op], items: list[tuple[str, str]], now: datetime
) -> None:
    conn.execute(
        update(SyncOutbox)
        .where(SyncOutbox.op_id == bindparam("oid"))
        .values(
            state=REJECTED,
            last_error=bindparam("reason"),
            attempts=SyncOutbox.attempts + 1,
        ),
        [{"oid": oid, "reason": reason} for oid, reason in items],
    )
    insert_ignore(
        conn,
        SyncQuarantine.__table__,  # type: ignore[arg-type]
        [
            {
                "op_id": oid,
                "kind": by_id[oid].kind,
                "payload": by_id[oid].payload_json(),
                "reason": reason,
                "source": "push",
                "created_at": now,
            }
            for oid, reason in items
        ],
    )


def quarantine_invalid(desk: Desk, ops: Sequence[Op], exc: ServerRefused) -> int:
    """A 400 naming malformed ops (e.g. a kind this server does not know): set them aside."""
    listed = exc.body.get("ops")
    by_id = {op.op_id: op for op in ops}
    items = (
        [
            (str(o["op_id"]), f"refused by the server: {o.get('message', exc.code)}")
            for o in listed
            if isinstance(o, dict) and o.get("op_id") in by_id
        ]
        if isinstance(listed, list)
        else []
    )
    if not items:
        return 0
    with desk.db.write() as conn:
        _mark_rejected(conn, by_id, items, datetime.now(UTC))
    return len(items)


def push_pending(client: SyncClient, desk: Desk, batch: int = BATCH) -> PushCounts:
    """Send every pending op; returns what the server answered."""
    counts = PushCounts()
    while True:
        ops = pending_ops(desk, batch)
        if not ops:
            return counts
        try:
            results = client.push(ops)
        except ServerRefused as exc:
            if exc.code == "invalid_ops" and quarantine_invalid(desk, ops, exc):
                counts.rejected += len(exc.body.get("ops", []))  # type: ignore[arg-type]
                continue
            raise
        answered = {r.get("op_id") for r in results}
        if not any(op.op_id in answered for op in ops):
            raise SyncProblem("The sync server answered a push without results; retrying later.")
        record_results(desk, ops, results)
        for r in results:
            status = r.get("status")
            if status == "applied":
                counts.applied += 1
            elif status == "duplicate":
                counts.duplicate += 1
            else:
                counts.rejected += 1
