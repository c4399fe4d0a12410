"""Appliers of the callback and KVKK op kinds, and erasure-awareness for personal data.

Erasure is a tombstone (`kvkk.erase`) that every replica applies; afterwards any personal data
of that customer arriving from an offline device (a callback, an inbound message, a contact)
is blanked on apply, so the result does not depend on the order ops arrive in.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table, select, update

from websight_desk.domain.op_schemas import CallbackCreate
from websight_desk.storage import fts
from websight_desk.storage.abuse_destruction import anonymise_terminations
from websight_desk.storage.appliers import APPLIERS, ApplyContext, ApplyFn, applier, insert_ignore
from websight_desk.storage.kvkk_holds import held_callback_ids, held_termination_ids
from websight_desk.storage.models import (
    Callback,
    CallbackPersonal,
    Contact,
    KvkkErasure,
    KvkkPurgeRun,
    KvkkRequest,
    KvkkRequestClosure,
    KvkkText,
    LegalHold,
    LegalHoldRelease,
    Message,
    Ticket,
)
from websight_desk.storage.ops import Op, from_iso

PERSONAL_BLANK = {
    "contact_id": None,
    "contact_name": None,
    "phone": None,
    "notes": None,
    "recording_ref": None,
}
_CALLBACK_TIMES = (
    "scheduled_at",
    "started_at",
    "ended_at",
    "notice_given_at",
    "consent_at",
    "destroy_after",
)
# Everything else the schema declares goes to the callback row itself.
_CALLBACK_FIELDS = tuple(
    name
    for name in CallbackCreate.model_fields
    if name not in PERSONAL_BLANK and name not in _CALLBACK_TIMES and name != "created_at"
)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _meta(op: Op) -> dict[str, Any]:
    created = from_iso(op.payload.get("created_at"))
    if created is None:
        raise ValueError(f"{op.kind} {op.op_id}: payload has no created_at")
    return {"hlc": op.hlc, "node_id": op.node_id, "created_at": created}


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


@applier("callback.create")
def _callbacks(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows, personal = [], []
    for op in ops:
        p = op.payload
        row = {name: p.get(name) for name in _CALLBACK_FIELDS}
        row["identity_verified"] = bool(p.get("identity_verified", False))
        row.update({name: from_iso(p.get(name)) for name in _CALLBACK_TIMES})
        rows.append({**row, **_meta(op)})
        personal.append(
            {
                "callback_id": p["id"],
                "contact_id": p.get("contact_id"),
                "contact_name": p.get("contact_name"),
                "phone": p.get("phone"),
                "notes": p.get("notes"),
                "recording_ref": p.get("recording_ref"),
                "anonymised_at": None,
                "anonymised_why": None,
            }
        )
    insert_ignore(ctx.conn, _table(Callback), rows)
    insert_ignore(ctx.conn, _table(CallbackPersonal), personal)
    erased = erased_customers(ctx.conn, (r["customer_id"] for r in rows))
    for r in rows:
        when = erased.get(r["customer_id"])
        # A call logged offline after the erasure loses its personal part on arrival.
        if when is not None and r["id"] not in _held_by_tombstones(ctx.conn, r["customer_id"]):
            anonymise_callbacks(ctx.conn, [r["id"]], when, "erasure")


def anonymise_callbacks(conn: Connection, ids: Sequence[str], when: datetime, why: str) -> int:
    """Blank the personal part of these callbacks (once; later calls keep the first time)."""
    table = _table(CallbackPersonal)
    done = 0
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        result = conn.execute(
            update(table)
            .where(table.c.callback_id.in_(chunk), table.c.anonymised_at.is_(None))
            .values(**PERSONAL_BLANK, anonymised_at=when, anonymised_why=why)
        )
        done += int(result.rowcount or 0)
    return done


@applier("legal_hold.set")
def _holds(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    fields = ("id", "subject_type", "subject_id", "reason", "set_by")
    rows = [{**{f: op.payload.get(f) for f in fields}, **_meta(op)} for op in ops]
    insert_ignore(ctx.conn, _table(LegalHold), rows)


@applier("legal_hold.release")
def _releases(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    fields = ("id", "hold_id", "reason", "released_by")
    rows = [{**{f: op.payload.get(f) for f in fields}, **_meta(op)} for op in ops]
    insert_ignore(ctx.conn, _table(LegalHoldRelease), rows)


@applier("kvkk_text.create")
def _texts(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    fields = ("id", "kind", "version", "lang", "body")
    for op in ops:
        row = {**{f: op.payload.get(f) for f in fields}, **_meta(op)}
        # Two admins adding the same version offline: the first one applied stays.
        exists = ctx.conn.execute(
            select(KvkkText.id).where(
                (KvkkText.id == row["id"])
                | (
                    (KvkkText.kind == row["kind"])
                    & (KvkkText.version == row["version"])
                    & (KvkkText.lang == row["lang"])
                )
            )
        ).first()
        if exists is None:
            insert_ignore(ctx.conn, _table(KvkkText), [row])


@applier("kvkk_request.create")
def _requests(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = []
    for op in ops:
        row = {f: op.payload.get(f) for f in ("id", "ticket_id", "customer_id", "created_by")}
        row["note"] = op.payload.get("note") or ""
        row["deadline"] = from_iso(op.payload.get("deadline"))
        rows.append({**row, **_meta(op)})
    insert_ignore(ctx.conn, _table(KvkkRequest), rows)


@applier("kvkk_request.close")
def _closures(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    fields = ("id", "request_id", "outcome", "closed_by")
    rows = [{**{f: op.payload.get(f) for f in fields}, **_meta(op)} for op in ops]
    insert_ignore(ctx.conn, _table(KvkkRequestClosure), rows)


@applier("kvkk.purge")
def _purge(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    for op in ops:
        p = op.payload
        meta = _meta(op)
        ids = [str(i) for i in p.get("callback_ids", [])]
        # A hold set on another replica meanwhile still wins over destruction.
        held = held_callback_ids(ctx.conn, ids)
        anonymise_callbacks(
            ctx.conn, [i for i in ids if i not in held], meta["created_at"], "retention"
        )
        # Abuse evidence past its retention: the same run blanks it (chain stays intact).
        term_ids = [str(i) for i in p.get("termination_ids", [])]
        held_terms = held_termination_ids(ctx.conn, term_ids)
        anonymise_terminations(
            ctx.conn, [i for i in term_ids if i not in held_terms], meta["created_at"]
        )
        row = {
            "id": p["id"],
            "ran_by": p.get("ran_by"),
            "examined": int(p.get("examined", 0)),
            "anonymised": int(p.get("anonymised", 0)),
            "held": int(p.get("held", 0)),
            "callback_ids": json.dumps(ids),
            "terminations_examined": int(p.get("terminations_examined", 0)),
            "terminations_anonymised": int(p.get("terminations_anonymised", 0)),
            "terminations_held": int(p.get("terminations_held", 0)),
            "termination_ids": json.dumps(term_ids),
            "keep_until": from_iso(p.get("keep_until")),
            **meta,
        }
        insert_ignore(ctx.conn, _table(KvkkPurgeRun), [row])


@applier("kvkk.erase")
def _erase(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    for op in ops:
        p = op.payload
        meta = _meta(op)
        held = [str(i) for i in p.get("held_callback_ids", [])]
        row = {
            "id": p["id"],
            "customer_id": p["customer_id"],
            "reason": p.get("reason") or "",
            "erased_by": p.get("erased_by"),
            "held_callback_ids": json.dumps(sorted(held)),
            "details": json.dumps(p.get("details") or {}, sort_keys=True),
            **meta,
        }
        insert_ignore(ctx.conn, _table(KvkkErasure), [row])
        erase_customer_data(ctx, p["customer_id"], meta["created_at"], keep=set(held))


def erase_customer_data(
    ctx: ApplyContext, customer_id: str, when: datetime, *, keep: set[str] | None = None
) -> None:
    """Blank what identifies the person: contacts, inbound message bodies, callbacks' parts."""
    conn = ctx.conn
    contacts = _table(Contact)
    conn.execute(
        update(contacts)
        .where(contacts.c.customer_id == customer_id, contacts.c.erased_at.is_(None))
        .values(name=None, email=None, phone=None, erased_at=when)
    )
    messages = _table(Message)
    ticket_ids = select(Ticket.id).where(Ticket.customer_id == customer_id).scalar_subquery()
    targets = conn.execute(
        select(messages.c.id, messages.c.ticket_id).where(
            messages.c.ticket_id.in_(ticket_ids),
            messages.c.kind == "inbound",
            messages.c.redacted_at.is_(None),
        )
    ).all()
    if targets:
        ids = [t.id for t in targets]
        for start in range(0, len(ids), 500):
            conn.execute(
                update(messages)
                .where(messages.c.id.in_(ids[start : start + 500]))
                .values(body="", redacted_at=when)
            )
        if ctx.with_search_index:
            for message_id in ids:
                fts.remove_doc(conn, message_id)
        ctx.touched_tickets.update(t.ticket_id for t in targets)
    callback_ids = [
        cid
        for cid in conn.execute(
            select(Callback.id).where(Callback.customer_id == customer_id)
        ).scalars()
        if cid not in (keep or set())
    ]
    anonymise_callbacks(conn, callback_ids, when, "erasure")


def _erasure_aware(original: ApplyFn, customers_of: str) -> ApplyFn:
    """Wrap a foundation applier: after it runs, re-blank the data of erased customers."""

    def apply(ctx: ApplyContext, ops: Sequence[Op]) -> None:
        original(ctx, ops)
        if ctx.conn.execute(select(KvkkErasure.id).limit(1)).first() is None:
            return  # no erasure anywhere (the usual case): nothing to re-blank
        if customers_of == "contact":
            customer_ids = {str(op.payload.get("customer_id")) for op in ops}
        else:
            ticket_ids = {str(op.payload.get("ticket_id")) for op in ops}
            customer_ids = set(
                ctx.conn.execute(
                    select(Ticket.customer_id).where(Ticket.id.in_(sorted(ticket_ids)))
                ).scalars()
            )
        for customer_id, when in erased_customers(ctx.conn, customer_ids).items():
            keep = _held_by_tombstones(ctx.conn, customer_id)
            erase_customer_data(ctx, customer_id, when, keep=keep)

    return apply


def _held_by_tombstones(conn: Connection, customer_id: str) -> set[str]:
    keep: set[str] = set()
    for text in conn.execute(
        select(KvkkErasure.held_callback_ids).where(KvkkErasure.customer_id == customer_id)
    ).scalars():
        keep.update(json.loads(text or "[]"))
    return keep


for _kind, _of in (("message.create", "ticket"), ("contact.upsert", "contact")):
    if _kind in APPLIERS and not getattr(APPLIERS[_kind], "erasure_aware", False):
        wrapped = _erasure_aware(APPLIERS[_kind], _of)
        wrapped.erasure_aware = True  # type: ignore[attr-defined]
        APPLIERS[_kind] = wrapped
