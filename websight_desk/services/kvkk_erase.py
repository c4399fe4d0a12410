"""Erase a data subject (KVKK Art. 7/11): a replicated tombstone every workstation applies.

What is under a legal hold is refused with its reason: a hold on the customer refuses the
whole erasure; a hold on a ticket or a callback keeps those callbacks and erases the rest.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, Select, func, select

from websight_desk.domain import audit_kinds
from websight_desk.domain.enums import Role
from websight_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.i18n import _
from websight_desk.storage.kvkk_holds import customer_hold, held_callback_ids
from websight_desk.storage.models import Agent, Callback, Contact, Customer, Message, Ticket
from websight_desk.storage.ops import canonical_json, to_iso
from websight_desk.storage.outbox import OpWriter

ERASE_KIND = audit_kinds.KVKK_ERASE


@dataclass(frozen=True, slots=True)
class EraseCustomer:
    customer_id: str
    reason: str


@dataclass(frozen=True, slots=True)
class ErasureResult:
    erasure_id: str
    contacts: int
    messages: int
    callbacks: int
    refused: dict[str, str]  # callback id → the legal hold's reason


def require_admin(w: OpWriter, refusal: str | None = None) -> None:
    """Erasure and export are the data-protection admin's acts, done by the signed-in account
    (the server checks the role of erasures again)."""
    role = w.conn.execute(select(Agent.role).where(Agent.id == w.author_id)).scalar_one_or_none()
    if role != Role.ADMIN.value:
        raise PermissionDenied(
            refusal or _("Only a data-protection admin may erase a customer's data.")
        )


def erase_customer(w: OpWriter, cmd: EraseCustomer) -> ErasureResult:
    """Blank everything personal about a customer, except what a legal hold keeps."""
    require_admin(w)
    reason = " ".join(cmd.reason.split())
    if not reason:
        raise ValidationError(_("Record the reason for the erasure."))
    conn = w.conn
    if conn.execute(select(Customer.id).where(Customer.id == cmd.customer_id)).first() is None:
        raise NotFound(_("The customer does not exist."))
    hold = customer_hold(conn, cmd.customer_id)
    if hold is not None:
        raise ValidationError(
            _("Refused: the customer is under a legal hold ({reason}).").format(reason=hold.reason)
        )
    callback_ids = list(
        conn.execute(select(Callback.id).where(Callback.customer_id == cmd.customer_id)).scalars()
    )
    refused = held_callback_ids(conn, callback_ids)
    contacts = _count(
        conn,
        select(func.count())
        .select_from(Contact)
        .where(Contact.customer_id == cmd.customer_id, Contact.erased_at.is_(None)),
    )
    tickets = select(Ticket.id).where(Ticket.customer_id == cmd.customer_id)
    messages = _count(
        conn,
        select(func.count())
        .select_from(Message)
        .where(
            Message.ticket_id.in_(tickets), Message.kind == "inbound", Message.redacted_at.is_(None)
        ),
    )
    details = {
        "contacts": contacts,
        "messages": messages,
        "callbacks": len(callback_ids) - len(refused),
        "refused": refused,
    }
    erasure_id = new_id()
    w.emit(
        ERASE_KIND,
        {
            "id": erasure_id,
            "customer_id": cmd.customer_id,
            "reason": reason,
            "erased_by": w.author_id,
            "held_callback_ids": sorted(refused),
            "details": details,
            "created_at": to_iso(w.now),
        },
    )
    w.emit(
        "audit.create",
        {
            "id": new_id(),
            "kind": ERASE_KIND,
            "actor_agent_id": w.author_id,
            "subject_type": "customer",
            "subject_id": cmd.customer_id,
            "reason": reason,
            "details": canonical_json({"erasure_id": erasure_id, **details}),
            "created_at": to_iso(w.now),
        },
    )
    return ErasureResult(erasure_id, contacts, messages, len(callback_ids) - len(refused), refused)


def _count(conn: Connection, stmt: Select[int]) -> int:
    return int(conn.execute(stmt).scalar_one())
