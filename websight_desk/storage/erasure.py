"""KVKK erasure on apply: blank a customer's personal data, and keep it blank.

Erasure is a tombstone (`kvkk.erase`) that every replica applies; afterwards any personal data
of that customer arriving from an offline device (a callback, an inbound message, a contact)
is blanked on apply, so the result does not depend on the order ops arrive in. The core
appliers of messages and contacts call `reblank_*` after inserting.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import Connection, Table, select, update

from websight_desk.storage import fts
from websight_desk.storage.abuse_destruction import anonymise_terminations, blank_notes
from websight_desk.storage.applier_registry import ApplyContext
from websight_desk.storage.kvkk_holds import active_holds, held_termination_ids
from websight_desk.storage.models import (
    AbuseTermination,
    Callback,
    CallbackPersonal,
    Contact,
    KvkkErasure,
    KvkkRequest,
    Message,
    Ticket,
)

PERSONAL_BLANK = {
    "contact_id": None,
    "contact_name": None,
    "phone": None,
    "notes": None,
    "recording_ref": None,
}
CHUNK = 500
ERASED_SUBJECT = "—"  # a ticket keeps a subject (it is required), not the person's words
_CONTACTS: Table = Contact.__table__  # type: ignore[assignment]
_MESSAGES: Table = Message.__table__  # type: ignore[assignment]
_PERSONAL: Table = CallbackPersonal.__table__  # type: ignore[assignment]


def erased_customers(conn: Connection, customer_ids: Iterable[str]) -> dict[str, datetime]:
    """Customers with an erasure tombstone → the earliest erasure time."""
    ids = sorted(set(customer_ids))
    if not ids:
        return {}
    found: dict[str, datetime] = {}
    rows = conn.execute(
        select(KvkkErasure.customer_id, KvkkErasure.created_at).where(
            KvkkErasure.customer_id.in_(ids)
        )
    )
    for customer_id, when in rows:
        if customer_id not in found or when < found[customer_id]:
            found[customer_id] = when
    return found


def held_by_tombstones(conn: Connection, customer_id: str) -> set[str]:
    """Callbacks the customer's erasures kept (under legal hold when erased)."""
    keep: set[str] = set()
    for text in conn.execute(
        select(KvkkErasure.held_callback_ids).where(KvkkErasure.customer_id == customer_id)
    ).scalars():
        keep.update(json.loads(text or "[]"))
    return keep


def anonymise_callbacks(conn: Connection, ids: Sequence[str], when: datetime, why: str) -> int:
    """Blank the personal part of these callbacks (once; later calls keep the first time)."""
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        result = conn.execute(
            update(_PERSONAL)
            .where(_PERSONAL.c.callback_id.in_(chunk), _PERSONAL.c.anonymised_at.is_(None))
            .values(**PERSONAL_BLANK, anonymised_at=when, anonymised_why=why)
        )
        done += int(result.rowcount or 0)
    return done


def held_ticket_ids(conn: Connection, ticket_ids: Iterable[str]) -> set[str]:
    """Of these tickets, those under an active legal hold of their own."""
    wanted = set(ticket_ids)
    return {h.subject_id for h in active_holds(conn) if h.subject_type == "ticket"} & wanted


def erase_customer_data(
    ctx: ApplyContext, customer_id: str, when: datetime, *, keep: set[str] | None = None
) -> None:
    """Blank everything that identifies the person, except what a legal hold keeps.

    Contacts; the subjects and every message (the customer's, the agents' replies and notes)
    of their tickets, with their search-index rows; callbacks' personal parts; abuse evidence;
    notes of KVKK requests. A ticket under a legal hold keeps its subject and messages; held
    callbacks (`keep`) and held terminations keep theirs.
    """
    conn = ctx.conn
    conn.execute(
        update(_CONTACTS)
        .where(_CONTACTS.c.customer_id == customer_id, _CONTACTS.c.erased_at.is_(None))
        .values(name=None, email=None, phone=None, erased_at=when)
    )
    all_tickets = list(
        conn.execute(select(Ticket.id).where(Ticket.customer_id == customer_id)).scalars()
    )
    held = held_ticket_ids(conn, all_tickets)
    ticket_ids = [t for t in all_tickets if t not in held]
    tickets: Table = Ticket.__table__  # type: ignore[assignment]
    for start in range(0, len(ticket_ids), CHUNK):
        chunk = ticket_ids[start : start + CHUNK]
        conn.execute(
            update(tickets)
            .where(tickets.c.id.in_(chunk), tickets.c.subject != ERASED_SUBJECT)
            .values(subject=ERASED_SUBJECT)
        )
        targets = (
            conn.execute(
                select(_MESSAGES.c.id).where(
                    _MESSAGES.c.ticket_id.in_(chunk), _MESSAGES.c.redacted_at.is_(None)
                )
            )
            .scalars()
            .all()
        )
        for m in range(0, len(targets), CHUNK):
            conn.execute(
                update(_MESSAGES)
                .where(_MESSAGES.c.id.in_(targets[m : m + CHUNK]))
                .values(body="", redacted_at=when)
            )
        if ctx.with_search_index:
            for doc_id in [*chunk, *targets]:
                fts.remove_doc(conn, doc_id)
    if ctx.with_search_index and ticket_ids:
        # A deleted FTS5 document leaves its words in the index's segments until they are
        # merged (FTS5's own secure-delete needs SQLite 3.44): merge them all now, so no
        # folded word of the person ("kuscuoglu") stays in the file. Seconds at a million.
        conn.exec_driver_sql(f"INSERT INTO {fts.TABLE}({fts.TABLE}) VALUES ('optimize')")
    ctx.touched_tickets.update(ticket_ids)
    callback_ids = [
        cid
        for cid in conn.execute(
            select(Callback.id).where(Callback.customer_id == customer_id)
        ).scalars()
        if cid not in (keep or set())
    ]
    anonymise_callbacks(conn, callback_ids, when, "erasure")
    terminations = list(
        conn.execute(
            select(AbuseTermination.id).where(AbuseTermination.customer_id == customer_id)
        ).scalars()
    )
    kept_terms = held_termination_ids(conn, terminations)
    anonymise_terminations(conn, [t for t in terminations if t not in kept_terms], when)
    blank_notes(conn, [t for t in terminations if t not in kept_terms])
    requests: Table = KvkkRequest.__table__  # type: ignore[assignment]
    conn.execute(
        update(requests)
        .where(requests.c.customer_id == customer_id, requests.c.note != "")
        .values(note="")
    )


def _any_erasure(conn: Connection) -> bool:
    return conn.execute(select(KvkkErasure.id).limit(1)).first() is not None


def reblank_customers(ctx: ApplyContext, customer_ids: Iterable[str]) -> None:
    """After applying: blank again what just arrived for customers erased before."""
    if not _any_erasure(ctx.conn):
        return  # no erasure anywhere (the usual case): nothing to re-blank
    for customer_id, when in erased_customers(ctx.conn, customer_ids).items():
        erase_customer_data(ctx, customer_id, when, keep=held_by_tombstones(ctx.conn, customer_id))


def reblank_tickets(ctx: ApplyContext, ticket_ids: Iterable[str]) -> None:
    """`reblank_customers` for the customers of these tickets."""
    if not _any_erasure(ctx.conn):
        return
    customer_ids = ctx.conn.execute(
        select(Ticket.customer_id).where(Ticket.id.in_(sorted(set(ticket_ids))))
    ).scalars()
    reblank_customers(ctx, set(customer_ids))
