"""Data-subject requests (KVKK Art. 11/13) and legal holds: append-only records via ops."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.i18n import _
from websight_desk.services.kvkk_settings import KvkkSettings
from websight_desk.storage.models import (
    Callback,
    Customer,
    KvkkRequest,
    KvkkRequestClosure,
    LegalHold,
    LegalHoldRelease,
    Ticket,
)
from websight_desk.storage.ops import to_iso
from websight_desk.storage.outbox import OpWriter

HOLD_SUBJECTS: dict[str, Any] = {"customer": Customer, "ticket": Ticket, "callback": Callback}
CLOSE_OUTCOMES = frozenset({"exported", "erased", "refused", "answered"})


def _reason(text: str, what: str) -> str:
    clean = " ".join((text or "").split())
    if not clean:
        raise ValidationError(what)
    return clean[:1000]


def mark_request(w: OpWriter, ticket_id: str, cfg: KvkkSettings, note: str = "") -> str:
    """Mark a ticket as a KVKK request; the deadline is `request_days` (30) from now."""
    customer_id = w.conn.execute(
        select(Ticket.customer_id).where(Ticket.id == ticket_id)
    ).scalar_one_or_none()
    if customer_id is None:
        raise NotFound(_("The ticket does not exist."))
    if open_request_of(w.conn, ticket_id) is not None:
        raise ValidationError(_("This ticket is already marked as a KVKK request."))
    request_id = new_id()
    w.emit(
        "kvkk_request.create",
        {
            "id": request_id,
            "ticket_id": ticket_id,
            "customer_id": customer_id,
            "deadline": to_iso(w.now + timedelta(days=cfg.request_days)),
            "note": " ".join(note.split())[:1000],
            "created_by": w.author_id,
            "created_at": to_iso(w.now),
        },
    )
    return request_id


def close_request(w: OpWriter, request_id: str, outcome: str) -> str:
    if outcome not in CLOSE_OUTCOMES:
        raise ValidationError(_("Unknown outcome of a KVKK request."))
    known = w.conn.execute(select(KvkkRequest.id).where(KvkkRequest.id == request_id)).first()
    if known is None:
        raise NotFound(_("The KVKK request does not exist."))
    closure_id = new_id()
    w.emit(
        "kvkk_request.close",
        {
            "id": closure_id,
            "request_id": request_id,
            "outcome": outcome,
            "closed_by": w.author_id,
            "created_at": to_iso(w.now),
        },
    )
    return closure_id


def open_request_of(conn: Connection, ticket_id: str) -> str | None:
    closed = select(KvkkRequestClosure.request_id)
    return conn.execute(
        select(KvkkRequest.id)
        .where(KvkkRequest.ticket_id == ticket_id, KvkkRequest.id.not_in(closed))
        .limit(1)
    ).scalar_one_or_none()


def kvkk_deadlines(conn: Connection, ticket_ids: Sequence[str]) -> dict[str, datetime]:
    """Open KVKK requests among these tickets → the earliest deadline (the queue's ⧗ flag)."""
    out: dict[str, datetime] = {}
    closed = select(KvkkRequestClosure.request_id)
    ids = list(ticket_ids)
    for start in range(0, len(ids), 500):
        rows = conn.execute(
            select(KvkkRequest.ticket_id, KvkkRequest.deadline).where(
                KvkkRequest.ticket_id.in_(ids[start : start + 500]),
                KvkkRequest.id.not_in(closed),
            )
        )
        for ticket_id, deadline in rows:
            if ticket_id not in out or deadline < out[ticket_id]:
                out[ticket_id] = deadline
    return out


def set_legal_hold(w: OpWriter, subject_type: str, subject_id: str, reason: str) -> str:
    """Put a customer, ticket or callback under legal hold (nothing under it is destroyed)."""
    model = HOLD_SUBJECTS.get(subject_type)
    if model is None:
        raise ValidationError(_("A legal hold names a customer, a ticket or a callback."))
    why = _reason(reason, _("Say why the legal hold is needed."))
    if w.conn.execute(select(model.id).where(model.id == subject_id)).first() is None:
        raise NotFound(_("The record to hold does not exist."))
    hold_id = new_id()
    w.emit(
        "legal_hold.set",
        {
            "id": hold_id,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "reason": why,
            "set_by": w.author_id,
            "created_at": to_iso(w.now),
        },
    )
    return hold_id


def release_legal_hold(w: OpWriter, hold_id: str, reason: str) -> str:
    why = _reason(reason, _("Say why the legal hold is released."))
    if w.conn.execute(select(LegalHold.id).where(LegalHold.id == hold_id)).first() is None:
        raise NotFound(_("The legal hold does not exist."))
    done = w.conn.execute(
        select(LegalHoldRelease.id).where(LegalHoldRelease.hold_id == hold_id)
    ).first()
    if done is not None:
        raise ValidationError(_("The legal hold was already released."))
    release_id = new_id()
    w.emit(
        "legal_hold.release",
        {
            "id": release_id,
            "hold_id": hold_id,
            "reason": why,
            "released_by": w.author_id,
            "created_at": to_iso(w.now),
        },
    )
    return release_id
