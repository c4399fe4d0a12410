"""Revealing a masked contact is an audited act (KVKK: mask by default, audit reveals)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from websight_desk.domain import audit_kinds
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.storage.models import Contact
from websight_desk.storage.ops import canonical_json, to_iso
from websight_desk.storage.outbox import OpWriter

REVEAL_KIND = audit_kinds.CONTACT_REVEAL
MAX_REASON = 500


@dataclass(frozen=True)
class RevealContact:
    contact_id: str
    reason: str
    ticket_id: str | None = None  # the ticket the agent was working on, if any


def record_reveal(w: OpWriter, cmd: RevealContact) -> str:
    """Write the audit event for showing a contact's details unmasked; returns its id."""
    reason = " ".join(cmd.reason.split())
    if not reason:
        raise ValidationError("Say why you need to see the contact details.")
    if len(reason) > MAX_REASON:
        raise ValidationError(f"The reason is longer than {MAX_REASON} characters.")
    customer_id = w.conn.execute(
        select(Contact.customer_id).where(Contact.id == cmd.contact_id)
    ).scalar_one_or_none()
    if customer_id is None:
        raise NotFound("The contact does not exist.")
    event_id = new_id()
    details = {"customer_id": customer_id, "ticket_id": cmd.ticket_id}
    w.emit(
        "audit.create",
        {
            "id": event_id,
            "kind": REVEAL_KIND,
            "actor_agent_id": w.author_id,
            "subject_type": "contact",
            "subject_id": cmd.contact_id,
            "reason": reason,
            "details": canonical_json(details),
            "created_at": to_iso(w.now),
        },
    )
    return event_id
