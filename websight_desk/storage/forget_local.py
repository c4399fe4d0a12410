"""A workstation's own copies of ops forget with its tables (see `storage.scrub`).

Runs in the transaction that applies an erasure or a purge — written here or pulled — and for
any op about a customer already erased here: the payloads in `sync_outbox` and
`sync_quarantine` lose the same personal fields the tables lost. `prune_acked` drops outbox
entries the server confirmed more than `KEEP_ACKED` ago: after that the server, not this
computer, is the copy a restore starts from.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import Connection, Table, delete, select

from websight_desk.storage.erasure import held_ticket_ids
from websight_desk.storage.kvkk_holds import held_termination_ids
from websight_desk.storage.models import (
    AbuseTermination,
    KvkkErasure,
    SyncOutbox,
    SyncQuarantine,
    Ticket,
)
from websight_desk.storage.ops import Op
from websight_desk.storage.scrub import Forget, scrub_table, ticket_ids_of

KEEP_ACKED = timedelta(days=7)
FORGETTING = frozenset({"kvkk.erase", "kvkk.purge"})  # after these, the WAL is checkpointed


def _t(model: object) -> Table:
    table: Table = model.__table__  # type: ignore[attr-defined]
    return table


_COPIES: tuple[tuple[Table, str], ...] = ((_t(SyncOutbox), "seq"), (_t(SyncQuarantine), "op_id"))


def forget_copies(conn: Connection, forget: Forget) -> int:
    return sum(scrub_table(conn, table, key, forget) for table, key in _COPIES)


def forget_locally(conn: Connection, ops: Sequence[Op]) -> int:
    """Scrub the outbox and quarantine for the erasures and purges among `ops`, and late data."""
    scrubbed = 0
    for op in ops:
        if op.kind == "kvkk.purge":
            ids = [*op.payload.get("callback_ids", []), *op.payload.get("termination_ids", [])]
            held = held_termination_ids(conn, list(op.payload.get("termination_ids", [])))
            scrubbed += forget_copies(
                conn, Forget("retention", record_ids=frozenset(ids) - set(held))
            )
    if conn.execute(select(KvkkErasure.id).limit(1)).first() is None:
        return scrubbed  # nobody was ever erased here: the usual case, one cheap query
    erased = erased_among(conn, ops)
    if erased:
        scrubbed += forget_copies(conn, erasure_of(conn, sorted(erased)))
    return scrubbed


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
    held_terms = held_termination_ids(conn, terms)
    keep.update(held_terms)
    tickets = ticket_ids_of(conn, customer_ids)
    held = held_ticket_ids(conn, tickets)  # a held ticket keeps its subject and messages
    return Forget(
        "erasure",
        customer_ids=frozenset(customer_ids),
        ticket_ids=tickets - held,
        termination_ids=frozenset(terms) - set(held_terms),
        keep=frozenset(keep | held),
    )


def erased_among(conn: Connection, ops: Sequence[Op]) -> set[str]:
    """Erased customers that these ops (an erasure itself, or late data) concern."""
    customers = {str(op.payload["customer_id"]) for op in ops if op.payload.get("customer_id")}
    ticket_ids = sorted({str(op.payload["ticket_id"]) for op in ops if op.payload.get("ticket_id")})
    for i in range(0, len(ticket_ids), 500):
        customers.update(
            conn.execute(
                select(Ticket.customer_id).where(Ticket.id.in_(ticket_ids[i : i + 500]))
            ).scalars()
        )
    if not customers:
        return set()
    return set(
        conn.execute(
            select(KvkkErasure.customer_id).where(KvkkErasure.customer_id.in_(sorted(customers)))
        ).scalars()
    )


def prune_acked(conn: Connection, now: datetime) -> int:
    """Drop outbox entries the server acknowledged more than `KEEP_ACKED` ago."""
    outbox = _t(SyncOutbox)
    done = conn.execute(
        delete(outbox).where(outbox.c.state == "acked", outbox.c.acked_at < now - KEEP_ACKED)
    )
    return int(done.rowcount or 0)
