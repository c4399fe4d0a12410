"""Appliers of the callback and KVKK op kinds.

What erasure blanks, and keeping it blank when personal data arrives later, is
`storage/erasure.py`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table, select

from websight_desk.domain.op_schemas import CallbackCreate
from websight_desk.storage.abuse_destruction import anonymise_terminations
from websight_desk.storage.applier_registry import ApplyContext, applier
from websight_desk.storage.apply_rows import insert_ignore
from websight_desk.storage.erasure import (
    PERSONAL_BLANK,
    anonymise_callbacks,
    erase_customer_data,
    erased_customers,
    held_by_tombstones,
)
from websight_desk.storage.kvkk_holds import held_callback_ids, held_termination_ids
from websight_desk.storage.models import (
    Callback,
    CallbackPersonal,
    KvkkErasure,
    KvkkPurgeRun,
    KvkkRequest,
    KvkkRequestClosure,
    KvkkText,
    LegalHold,
    LegalHoldRelease,
)
from websight_desk.storage.ops import Op, from_iso

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
    if name not in PERSONAL_BLANK
    and name not in _CALLBACK_TIMES
    and name not in ("created_at", "redacted")
)


def _table(model: Any) -> Table:
    table: Table = model.__table__
    return table


def _meta(op: Op) -> dict[str, Any]:
    created = from_iso(op.payload.get("created_at"))
    if created is None:
        raise ValueError(f"{op.kind} {op.op_id}: payload has no created_at")
    return {"hlc": op.hlc, "node_id": op.node_id, "created_at": created}


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
        if when is not None and r["id"] not in held_by_tombstones(ctx.conn, r["customer_id"]):
            anonymise_callbacks(ctx.conn, [r["id"]], when, "erasure")


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
