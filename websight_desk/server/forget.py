"""The server's logs forget with the tables: after an erasure or a purge, and on arrival.

Called at the end of a push's transaction, after the accepted ops were applied and appended
to the change log: the payloads in `server_change_log` and `server_rejections` that carry the
erased person's or the expired records' personal fields are rewritten (`storage.scrub`). An op
that arrives later for an already erased customer (an offline workstation's backlog, a
re-push to a restored server) is scrubbed the same way, so no pull ever returns it.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, Table, select

from websight_desk.server import erasure_ledger, erasure_replay
from websight_desk.server.models import change_log, rejections
from websight_desk.storage.forget_local import erased_among, erasure_of
from websight_desk.storage.kvkk_holds import held_termination_ids
from websight_desk.storage.models import AbuseTermination, KvkkErasure
from websight_desk.storage.ops import Op
from websight_desk.storage.scrub import Forget, scrub_table

_LOGS: tuple[tuple[Table, str], ...] = ((change_log, "seq"), (rejections, "op_id"))


def forget_in_logs(conn: Connection, forget: Forget) -> int:
    return sum(scrub_table(conn, table, key, forget) for table, key in _LOGS)


def after_push(conn: Connection, accepted: Sequence[Op], refused: Sequence[Op] = ()) -> int:
    """Scrub the logs for the erasures and purges just accepted, and for late arrivals.

    Erasures are also written to the ledger that outlives a restore, and a remembered erasure
    whose customer this push brings back to a restored database is applied again here.
    """
    if not accepted and not refused:
        return 0
    accepted = [*accepted, *_remember(conn, accepted)]
    scrubbed = 0
    for op in accepted:
        if op.kind == "kvkk.purge":
            ids = [*op.payload.get("callback_ids", []), *op.payload.get("termination_ids", [])]
            stored = conn.execute(
                select(AbuseTermination.id).where(AbuseTermination.id.in_(ids))
            ).scalars()
            held = held_termination_ids(conn, list(stored))
            forget = Forget("retention", record_ids=frozenset(ids) - set(held))
            scrubbed += forget_in_logs(conn, forget)
    # no erasure anywhere (the usual case): no op can concern an erased customer
    no_erasure = conn.execute(select(KvkkErasure.id).limit(1)).first() is None
    erased = set() if no_erasure else erased_among(conn, [*accepted, *refused])
    if erased:
        scrubbed += forget_in_logs(conn, erasure_of(conn, sorted(erased)))
    return scrubbed


def _remember(conn: Connection, accepted: Sequence[Op]) -> list[Op]:
    """Ledger the accepted erasures; replay pending ones this push made applicable again."""
    ledger = erasure_ledger.ledger_of(conn)
    if ledger is None:
        return []
    ledger.append(op for op in accepted if op.kind == "kvkk.erase")
    due = erasure_ledger.due_now(conn, ledger, accepted)
    replayed = erasure_replay.replay(conn, due)
    for op in replayed:
        ledger.pending.pop(str(op.payload["id"]), None)
    return replayed
