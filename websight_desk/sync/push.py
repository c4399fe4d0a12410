"""Push the outbox: pending ops in device order, in batches; record each answer locally."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson
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

BATCH = 2000  # the server's limit per push (`server.wire.MAX_BATCH`)
SMALLEST_BATCH = 1


@dataclass
class PushCounts:
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0

    @property
    def sent(self) -> int:
        return self.applied + self.duplicate + self.rejected


def pending_ops(desk: Desk, limit: int = BATCH) -> list[Op]:
    return [op for _seq, op in pending_after(desk, 0, limit)]


def pending_after(desk: Desk, after_seq: int, limit: int = BATCH) -> list[tuple[int, Op]]:
    """The first `limit` pending ops after outbox position `after_seq`, in device order."""
    with desk.db.read() as conn:
        rows = conn.execute(
            select(
                SyncOutbox.seq,
                SyncOutbox.op_id,
                SyncOutbox.kind,
                SyncOutbox.payload,
                SyncOutbox.hlc,
                SyncOutbox.author_agent_id,
            )
            .where(SyncOutbox.state == PENDING, SyncOutbox.seq > after_seq)
            .order_by(SyncOutbox.seq)
            .limit(limit)
        ).all()
    node = desk.node_id
    return [
        (seq, Op(op_id, kind, orjson.loads(payload), hlc, node, author))
        for seq, op_id, kind, payload, hlc, author in rows
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
        for i in range(0, len(acked), BATCH):  # one statement per batch, not one per op
            conn.execute(
                update(SyncOutbox)
                .where(SyncOutbox.op_id.in_(acked[i : i + BATCH]))
                .values(state=ACKED, acked_at=now, attempts=SyncOutbox.attempts + 1)
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
    """Send every pending op; returns what the server answered.

    One request at a time, in device order (a batch may depend on the one before it), but
    pipelined: while the server works on batch k, this thread reads batch k+1, and batch k+1
    is sent as soon as k's answer is in, before k's answer is recorded here. A failure leaves
    the unrecorded ops pending: they are pushed again and answered `duplicate`.
    """
    counts = PushCounts()
    with ThreadPoolExecutor(1, thread_name_prefix="sync-push-send") as sender:
        current = pending_after(desk, 0, batch)
        if current:
            in_flight = sender.submit(client.push, [op for _, op in current])
        while current:
            ops = [op for _, op in current]
            following = pending_after(desk, current[-1][0], batch)
            try:
                results = in_flight.result()
            except ServerRefused as exc:
                if exc.code == "invalid_ops" and quarantine_invalid(desk, ops, exc):
                    counts.rejected += len(exc.body.get("ops", []))  # type: ignore[arg-type]
                elif exc.status == 413 and len(ops) > SMALLEST_BATCH:
                    # an older server's smaller limit, or a batch of bulky payloads: halve
                    batch = max(SMALLEST_BATCH, len(ops) // 2)
                else:
                    raise
                current = pending_after(desk, 0, batch)  # what is left, from the start
                if current:
                    in_flight = sender.submit(client.push, [op for _, op in current])
                continue
            answered = {r.get("op_id") for r in results}
            if not any(op.op_id in answered for op in ops):
                raise SyncProblem(
                    "The sync server answered a push without results; retrying later."
                )
            if following:
                in_flight = sender.submit(client.push, [op for _, op in following])
            record_results(desk, ops, results)
            _count(counts, results)
            current = following
    return counts


def _count(counts: PushCounts, results: Sequence[dict[str, Any]]) -> None:
    for r in results:
        status = r.get("status")
        if status == "applied":
            counts.applied += 1
        elif status == "duplicate":
            counts.duplicate += 1
        else:
            counts.rejected += 1
