"""Concurrent edits of one ticket field: detect them on pull, list them for the user.

The projection already picks the winner by (hlc, node_id); here we only decide which
superseded edits were *concurrent* (made without seeing the winner) and record them. An edit
from another node that loses to one of ours was provably concurrent (had its author seen
ours, its HLC would be greater); one of ours that loses to a remote edit is concurrent when
the remote edit is older than the moment the server acknowledged ours.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, select

from websight_desk.domain.hlc import physical_ms
from websight_desk.storage.appliers import insert_ignore
from websight_desk.storage.models import SyncConflict, SyncOutbox, TicketFieldChange
from websight_desk.storage.ops import Op
from websight_desk.storage.outbox import PENDING

KIND = "ticket.set_field"
Key = tuple[str, str]  # (ticket_id, field)


@dataclass(frozen=True)
class Change:
    id: str
    value: str | None
    hlc: int
    node_id: str


def winners(conn: Connection, keys: Iterable[Key]) -> dict[Key, Change]:
    found: dict[Key, Change] = {}
    for ticket_id, field in keys:
        row = conn.execute(
            select(
                TicketFieldChange.id,
                TicketFieldChange.value,
                TicketFieldChange.hlc,
                TicketFieldChange.node_id,
            )
            .where(TicketFieldChange.ticket_id == ticket_id, TicketFieldChange.field == field)
            .order_by(TicketFieldChange.hlc.desc(), TicketFieldChange.node_id.desc())
            .limit(1)
        ).first()
        if row is not None:
            found[(ticket_id, field)] = Change(row.id, row.value, row.hlc, row.node_id)
    return found


def keys_of(ops: Sequence[Op]) -> set[Key]:
    return {
        (str(op.payload["ticket_id"]), str(op.payload["field"])) for op in ops if op.kind == KIND
    }


def existing_ids(conn: Connection, ops: Sequence[Op]) -> set[str]:
    ids = [str(op.payload.get("id")) for op in ops if op.kind == KIND]
    found: set[str] = set()
    for i in range(0, len(ids), 500):
        found.update(
            conn.execute(
                select(TicketFieldChange.id).where(TicketFieldChange.id.in_(ids[i : i + 500]))
            ).scalars()
        )
    return found


def _local_concurrent_with(conn: Connection, change_id: str, remote_hlc: int) -> bool:
    """Was our change still unknown to the server when the remote edit was made?"""
    row = conn.execute(
        select(SyncOutbox.state, SyncOutbox.acked_at).where(
            SyncOutbox.kind == KIND, SyncOutbox.payload.like(f'%"id":"{change_id}"%')
        )
    ).first()
    if row is None:
        return False
    if row.state == PENDING or row.acked_at is None:
        return True
    return physical_ms(remote_hlc) < int(row.acked_at.timestamp() * 1000)


def record(
    conn: Connection,
    *,
    node_id: str,
    before: dict[Key, Change],
    known_before: set[str],
    pulled: Sequence[Op],
    now: datetime,
) -> int:
    """Record the conflicts this pulled page revealed; returns how many were new."""
    fresh = [
        op
        for op in pulled
        if op.kind == KIND and op.node_id != node_id and op.payload.get("id") not in known_before
    ]
    if not fresh:
        return 0
    after = winners(conn, keys_of(fresh))
    rows: list[dict[str, object]] = []
    fresh_ids = {str(op.payload["id"]) for op in fresh}
    for op in fresh:
        key = (str(op.payload["ticket_id"]), str(op.payload["field"]))
        final = after.get(key)
        if final is not None and final.id != op.payload["id"] and final.node_id == node_id:
            rows.append(_row(str(op.payload["id"]), final.id, key, now))
    for key, prev in before.items():
        final = after.get(key)
        if (
            final is not None
            and prev.node_id == node_id
            and final.id != prev.id
            and final.id in fresh_ids
            and _local_concurrent_with(conn, prev.id, final.hlc)
        ):
            rows.append(_row(prev.id, final.id, key, now))
    insert_ignore(conn, SyncConflict.__table__, rows)  # type: ignore[arg-type]
    return len(rows)


def _row(loser: str, winner: str, key: Key, now: datetime) -> dict[str, object]:
    return {
        "loser_change_id": loser,
        "winner_change_id": winner,
        "ticket_id": key[0],
        "field": key[1],
        "detected_at": now,
        "dismissed_at": None,
    }
