"""Apply pulled ops locally: same appliers, same re-triage, no outbox (no echo)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import Connection, select, update

from websight_desk.domain.hlc import ClockDriftError
from websight_desk.services.desk import Desk
from websight_desk.storage.appliers import ApplyContext, apply_ops, insert_ignore
from websight_desk.storage.backups import forget_in_backups
from websight_desk.storage.exports import forget_exports
from websight_desk.storage.forget_local import FORGETTING, forget_locally
from websight_desk.storage.models import SyncOutbox, SyncQuarantine, SyncState
from websight_desk.storage.ops import Op
from websight_desk.sync import conflicts
from websight_desk.sync.grouping import regroup

log = logging.getLogger(__name__)


def read_cursor(conn: Connection) -> int:
    return int(conn.execute(select(SyncState.pull_cursor).where(SyncState.id == 1)).scalar_one())


def _quarantine(conn: Connection, op: Op, reason: str) -> None:
    insert_ignore(
        conn,
        SyncQuarantine.__table__,  # type: ignore[arg-type]
        [
            {
                "op_id": op.op_id,
                "kind": op.kind,
                "payload": op.payload_json(),
                "reason": reason,
                "source": "pull",
                "created_at": datetime.now(UTC),
            }
        ],
    )


def _apply(conn: Connection, ctx: ApplyContext, ops: Sequence[Op]) -> int:
    """Apply all in one savepoint; on failure one by one, quarantining what cannot apply."""
    try:
        with conn.begin_nested():
            apply_ops(ctx, regroup(ops))
        return 0
    except Exception:
        log.warning("a pulled page failed to apply as a whole; applying op by op", exc_info=True)
    failed = 0
    for op in ops:
        try:
            with conn.begin_nested():
                apply_ops(ctx, [op])
        except Exception as exc:
            failed += 1
            _quarantine(conn, op, f"could not be applied here: {str(exc).splitlines()[0][:300]}")
    return failed


def _ours_already_here(conn: Connection, node_id: str, ops: Sequence[Op]) -> set[str]:
    """Our own ops that our outbox holds: written here with their change, nothing to apply."""
    mine = [op.op_id for op in ops if op.node_id == node_id]
    found: set[str] = set()
    for i in range(0, len(mine), 500):
        found.update(
            conn.execute(
                select(SyncOutbox.op_id).where(SyncOutbox.op_id.in_(mine[i : i + 500]))
            ).scalars()
        )
    return found


def apply_page(desk: Desk, ops: Sequence[Op], new_cursor: int) -> int:
    """Apply one page and move the cursor, in one local transaction; returns quarantined."""
    with desk.db.write() as conn:
        saved_clock = desk.clock.last
        try:
            if any(op.node_id == desk.node_id for op in ops):
                skip = _ours_already_here(conn, desk.node_id, ops)
                ops = [op for op in ops if op.op_id not in skip]
            keys = conflicts.keys_of(ops)
            before = conflicts.winners(conn, keys) if keys else {}
            known = conflicts.existing_ids(conn, ops) if keys else set()
            ctx = ApplyContext(conn)
            failed = _apply(conn, ctx, ops)
            forget_locally(conn, ops)  # a pulled erasure or purge: our copies forget too
            now = desk.now()
            if keys:
                conflicts.record(
                    conn,
                    node_id=desk.node_id,
                    before=before,
                    known_before=known,
                    pulled=ops,
                    now=now,
                )
            if ctx.touched_tickets:
                for hook in desk.ticket_hooks:
                    hook(conn, ctx.touched_tickets, now)
            if ops:
                try:
                    desk.clock.observe(max(op.hlc for op in ops))
                except ClockDriftError as exc:
                    log.warning("not advancing the clock past a pulled op: %s", exc)
            conn.execute(
                update(SyncState)
                .where(SyncState.id == 1)
                .values(pull_cursor=new_cursor, hlc=desk.clock.last)
            )
        except BaseException:
            desk.clock.last = saved_clock
            raise
    forgetting = [op for op in ops if op.kind in FORGETTING]
    if forgetting:
        desk.db.checkpoint()
        forget_in_backups(desk.paths.backups, forgetting)
        forget_exports(desk.paths.root, forgetting)
    return failed
