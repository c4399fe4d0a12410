"""The server's logs forget with the tables: after an erasure or a purge, and on arrival.

Called at the end of a push's transaction, after the accepted ops were applied and appended
to the change log: the payloads in `server_change_log` and `server_rejections` that carry the
erased person's or the expired records' personal fields are rewritten (`storage.scrub`). An op
that arrives later for an already erased customer (an offline workstation's backlog, a
re-push to a restored server) is scrubbed the same way, so no pull ever returns it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Connection, Table, select

from websight_desk.server.models import change_log, rejections
from websight_desk.storage.kvkk_holds import held_termination_ids
from websight_desk.storage.models import AbuseTermination, KvkkErasure, Ticket
from websight_desk.storage.ops import Op
from websight_desk.storage.scrub import Forget, scrub_table, ticket_ids_of

_LOGS: tuple[tuple[Table, str], ...] = ((change_log, "seq"), (rejections, "op_id"))


def forget_in_logs(conn: Connection, forget: Forget) -> int:
    return sum(scrub_table(conn, table, key, forget) for table, key in _LOGS)


def erasure_of(conn: Connection, customer_ids: Sequence[str]) -> Forget:
    """What an erasure of these customers blanks: everything but what a legal hold keeps."""
    keep: set[str] = set()
    for text in conn.execute(
        select(KvkkErasure.held_callback_ids).where(KvkkErasure.customer_id.in_(customer_ids))
    ).scalars():
        keep.update(json.loads(text or "[]"))
    terms = list(
        conn.execute(
            select(AbuseTermination.id).where(AbuseTermination.customer_id.in_(customer_ids))
        ).scalars()
    )
    keep.update(held_termination_ids(conn, terms))
    return Forget(
        "erasure",
        customer_ids=frozenset(customer_ids),
        ticket_ids=ticket_ids_of(conn, customer_ids),
        keep=frozenset(keep),
    )


def after_push(conn: Connection, accepted: Sequence[Op], refused: Sequence[Op] = ()) -> int:
    """Scrub the logs for the erasures and purges just accepted, and for late arrivals."""
    if not accepted and not refused:
        return 0
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
    erased = _erased_among(conn, [*accepted, *refused])
    if erased:
        scrubbed += forget_in_logs(conn, erasure_of(conn, sorted(erased)))
    return scrubbed


def _erased_among(conn: Connection, ops: Sequence[Op]) -> set[str]:
    """Erased customers that these ops (the erasure itself, or late data) concern."""
    customers = {str(op.payload["customer_id"]) for op in ops if op.payload.get("customer_id")}
    ticket_ids = {str(op.payload["ticket_id"]) for op in ops if op.payload.get("ticket_id")}
    if ticket_ids:
        customers.update(
            conn.execute(
                select(Ticket.customer_id).where(Ticket.id.in_(sorted(ticket_ids)))
            ).scalars()
        )
    if not customers:
        return set()
    return set(
        conn.execute(
            select(KvkkErasure.customer_id).where(KvkkErasure.customer_id.in_(sorted(customers)))
        ).scalars()
    )
