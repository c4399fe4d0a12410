"""What the user can do about a refused change: send it again, or mark it as seen.

Retry re-emits the same record (same payload, same author) as a new op: the server remembers
the refused op id and would refuse it again, while the record itself never reached it. The
refused outbox row and its quarantine copy are removed in the same transaction, so the change
waits as pending (or, refused again, comes back with the new reason). Only our own changes
refused for a reason that may be gone are retried (`rejection_causes.RETRYABLE`).

"Seen" is this workstation's note that the user has read a refusal; it is kept in the
workspace settings (op ids only, no personal data) and forgotten with the refusal.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select, update

from websight_desk.services.desk import Desk
from websight_desk.services.rejection_causes import retryable
from websight_desk.settings import SEEN_REJECTIONS as SEEN_KEY
from websight_desk.storage import fts
from websight_desk.storage.kind_tables import TABLES
from websight_desk.storage.models import Message, SyncOutbox, SyncQuarantine
from websight_desk.storage.outbox import REJECTED


@dataclass(frozen=True)
class RetryResult:
    sent_again: int  # queued as new pending changes
    skipped: int  # not ours, not refused any more, or refused for a lasting reason


def _refused(conn: Connection, op_ids: list[str]) -> list[Any]:
    """Our refused changes among these ops, in the order they were made, with why."""
    return list(
        conn.execute(
            select(
                SyncOutbox.op_id,
                SyncOutbox.kind,
                SyncOutbox.payload,
                SyncOutbox.author_agent_id,
                SyncQuarantine.reason,
                SyncQuarantine.source,
            )
            .join(SyncQuarantine, SyncQuarantine.op_id == SyncOutbox.op_id)
            .where(SyncOutbox.op_id.in_(op_ids), SyncOutbox.state == REJECTED)
            .order_by(SyncOutbox.seq)
        )
    )


def retry(desk: Desk, op_ids: Iterable[str]) -> RetryResult:
    """Queue these refused changes again, in the order they were first made."""
    wanted = sorted(set(op_ids))
    if not wanted:
        return RetryResult(0, 0)
    with desk.db.read() as conn:
        rows = _refused(conn, wanted)
    todo = [r for r in rows if retryable(r.reason, r.source, r.kind)]
    authors = list(dict.fromkeys(r.author_agent_id for r in todo))
    for author in authors:  # one transaction per author: the op's author stays the same
        with desk.writer(author_id=author) as w:
            for r in (r for r in todo if r.author_agent_id == author):
                op = w.emit(r.kind, json.loads(r.payload))
                table = TABLES.get(r.kind)
                record_id = op.payload.get("id")
                if table is not None and "hlc" in table.c and isinstance(record_id, str):
                    # an append-only record is kept as it was stored: give it the new op's
                    # clock, which every other replica gets from the server
                    w.conn.execute(
                        update(table)
                        .where(table.c.id == record_id)
                        .values(hlc=op.hlc, node_id=op.node_id)
                    )
                w.conn.execute(delete(SyncOutbox).where(SyncOutbox.op_id == r.op_id))
                w.conn.execute(delete(SyncQuarantine).where(SyncQuarantine.op_id == r.op_id))
    forget_seen(desk, [r.op_id for r in todo])
    return RetryResult(len(todo), len(wanted) - len(todo))


def seen_rejections(desk: Desk) -> frozenset[str]:
    value = desk.settings.extra.get(SEEN_KEY, [])
    return frozenset(str(v) for v in value) if isinstance(value, list) else frozenset()


def mark_seen(desk: Desk, op_ids: Iterable[str]) -> frozenset[str]:
    """Note these refusals as read; ids no longer in the quarantine are dropped. Returns all."""
    with desk.db.read() as conn:
        present = set(conn.execute(select(SyncQuarantine.op_id)).scalars())
    seen = (seen_rejections(desk) | set(op_ids)) & present
    desk.settings.extra[SEEN_KEY] = sorted(seen)
    desk.save_settings()
    return frozenset(seen)


def forget_seen(desk: Desk, op_ids: Iterable[str]) -> None:
    gone = set(op_ids)
    seen = seen_rejections(desk)
    if seen & gone:
        desk.settings.extra[SEEN_KEY] = sorted(seen - gone)
        desk.save_settings()


__all__ = ["RetryResult", "forget_seen", "mark_seen", "retry", "seen_rejections"]


# What "Discard" can take back completely on this workstation: a field change (its local effect
# is already rolled back) and a reply or note (deleted here; the server never stored it).
DISCARDABLE = frozenset({"ticket.set_field", "message.create"})


def discardable(source: str, kind: str) -> bool:
    return source == "push" and kind in DISCARDABLE


def discard(desk: Desk, op_ids: Iterable[str]) -> int:
    """Give up these refused changes of ours: nothing of them stays here; returns how many."""
    wanted = sorted(set(op_ids))
    if not wanted:
        return 0
    with desk.db.write() as conn:
        rows = _refused(conn, wanted)
        gone = [r for r in rows if discardable(r.source, r.kind)]
        tickets: set[str] = set()
        for r in gone:
            if r.kind == "message.create":
                payload = json.loads(r.payload)
                conn.execute(delete(Message).where(Message.id == payload["id"]))
                tickets.add(str(payload["ticket_id"]))
            conn.execute(delete(SyncOutbox).where(SyncOutbox.op_id == r.op_id))
            conn.execute(delete(SyncQuarantine).where(SyncQuarantine.op_id == r.op_id))
        fts.reindex_tickets(conn, sorted(tickets))  # the deleted reply's words go too
    forget_seen(desk, [r.op_id for r in gone])
    return len(gone)
