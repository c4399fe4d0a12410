"""Log a phone callback under KVKK's rules; reveal a masked number on purpose (audited).

Every rule is enforced here, not only in the dialog: notice before notes, recording only with
granted consent, a ticket for every call, a validated number from the profile or a verified
new one, short notes, sane times, the legal basis, shift and retention.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from websight_desk.domain import audit_kinds
from websight_desk.domain.callback_rules import check_callback, check_times
from websight_desk.domain.callbacks import (
    RETENTION_CALLBACK_NOTES,
    LogCallback,
    PhoneSource,
    legal_basis_for,
)
from websight_desk.domain.enums import ContactRole
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.domain.op_kinds import validate_payload
from websight_desk.domain.phone import check_phone
from websight_desk.domain.shift import shift_for
from websight_desk.domain.turkish import normalize
from websight_desk.i18n import _
from websight_desk.services.kvkk_settings import KvkkSettings
from websight_desk.storage.callback_facts import StoredCallbackFacts
from websight_desk.storage.models import Callback, CallbackPersonal, Contact, Ticket
from websight_desk.storage.ops import canonical_json, to_iso
from websight_desk.storage.outbox import OpWriter

REVEAL_KIND = audit_kinds.PHONE_REVEAL


def _aware(value: datetime | None, what: str) -> None:
    if value is not None and value.tzinfo is None:
        raise ValueError(f"{what} must be timezone-aware")


def _require_profile_number(w: OpWriter, phone: str, customer_id: str) -> None:
    stored = w.conn.execute(
        select(Contact.phone).where(Contact.customer_id == customer_id, Contact.erased_at.is_(None))
    ).scalars()
    if phone not in {_e164_or_none(p) for p in stored if p}:
        raise ValidationError(
            _("This number is not in the customer's profile; verify it as a new number.")
        )


def _e164_or_none(raw: str) -> str | None:
    try:
        return check_phone(raw, allow_foreign=True).e164
    except ValidationError:
        return None


def log_callback(w: OpWriter, cmd: LogCallback, cfg: KvkkSettings) -> str:
    """Validate and record a callback (`callback.create`); returns its id. Nothing half-way.

    The KVKK rules themselves are `domain.callback_rules`, which the server runs again on push.
    """
    if w.author_id is None:
        raise ValidationError(_("Choose who you are (an agent) before logging a call."))
    for value, what in (
        (cmd.started_at, "started_at"),
        (cmd.ended_at, "ended_at"),
        (cmd.scheduled_at, "scheduled_at"),
        (cmd.notice.given_at if cmd.notice else None, "notice.given_at"),
        (cmd.recording.asked_at, "recording.asked_at"),
    ):
        _aware(value, what)
    ticket = w.conn.execute(
        select(Ticket.id, Ticket.customer_id).where(Ticket.id == cmd.ticket_id)
    ).first()
    if ticket is None:
        raise NotFound(_("A callback belongs to a ticket, and this ticket does not exist."))
    check_times(cmd.started_at, cmd.ended_at, w.now)
    if (
        cmd.phone_source is PhoneSource.VERIFIED_NEW
        and cmd.contact_name is None
        and (cmd.contact_id is None)
    ):
        raise ValidationError(_("Say who is called on a new number."))
    payload = callback_payload(w, cmd, ticket.customer_id, cfg)
    check_callback(
        validate_payload("callback.create", payload),  # type: ignore[arg-type]
        StoredCallbackFacts(w.conn),
        notes_limit=cfg.notes_limit,
        allow_foreign_numbers=cfg.allow_foreign_numbers,
        now=w.now,
    )
    if cmd.phone_source is PhoneSource.PROFILE:
        _require_profile_number(w, str(payload["phone"]), ticket.customer_id)
    w.emit("callback.create", payload)
    return str(payload["id"])


def callback_payload(
    w: OpWriter, cmd: LogCallback, customer_id: str, cfg: KvkkSettings
) -> dict[str, object]:
    """The `callback.create` payload of a command (checked by `check_callback` before use)."""
    notes = normalize(cmd.notes.replace("\r\n", "\n")).strip()
    role = ContactRole(cmd.contact_role)
    basis = cmd.legal_basis or legal_basis_for(role)
    phone = check_phone(cmd.phone, allow_foreign=cfg.allow_foreign_numbers).e164
    notice, rec = cmd.notice, cmd.recording
    return {
        "id": new_id(),
        "ticket_id": cmd.ticket_id,
        "customer_id": customer_id,
        "agent_id": w.author_id,
        "contact_id": cmd.contact_id,
        "contact_name": normalize(cmd.contact_name.strip()) if cmd.contact_name else None,
        "contact_role": role.value,
        "phone": phone,
        "reason": cmd.reason.value,
        "shift": shift_for(cmd.started_at).value,
        "scheduled_at": to_iso(cmd.scheduled_at),
        "started_at": to_iso(cmd.started_at),
        "ended_at": to_iso(cmd.ended_at),
        "outcome": cmd.outcome.value,
        "identity_verified": cmd.identity_verified,
        "identity_method": cmd.identity_method.value if cmd.identity_method else None,
        "notice_version": notice.version if notice else None,
        "notice_lang": notice.lang if notice else None,
        "notice_method": notice.method.value if notice else None,
        "notice_given_at": to_iso(notice.given_at) if notice else None,
        "legal_basis": basis.value,
        "recording_state": rec.state.value,
        "consent_at": to_iso(rec.asked_at),
        "consent_method": rec.method,
        "consent_version": rec.version,
        "consent_lang": rec.lang,
        "recording_ref": rec.recording_ref or None,
        "notes": notes or None,
        "retention_class": RETENTION_CALLBACK_NOTES,
        "destroy_after": to_iso(cmd.ended_at + cfg.retention(RETENTION_CALLBACK_NOTES)),
        "corrects_id": cmd.corrects_id,
        "created_at": to_iso(w.now),
    }


def reveal_phone(
    w: OpWriter, *, reason: str, callback_id: str | None = None, contact_id: str | None = None
) -> str:
    """The full number of a callback or a contact; writes a `phone.reveal` audit event."""
    why = " ".join(reason.split())
    if not why:
        raise ValidationError(_("Say why you need to see the full number."))
    if (callback_id is None) == (contact_id is None):
        raise ValueError("reveal exactly one of callback_id or contact_id")
    if callback_id is not None:
        row = w.conn.execute(
            select(CallbackPersonal.phone, Callback.customer_id)
            .join(Callback, Callback.id == CallbackPersonal.callback_id)
            .where(CallbackPersonal.callback_id == callback_id)
        ).first()
        subject_type, subject_id = "callback", callback_id
    else:
        row = w.conn.execute(
            select(Contact.phone, Contact.customer_id).where(Contact.id == contact_id)
        ).first()
        subject_type, subject_id = "contact", str(contact_id)
    if row is None:
        raise NotFound(_("There is no such number."))
    if not row.phone:
        raise NotFound(_("The number was erased or anonymised."))
    w.emit(
        "audit.create",
        {
            "id": new_id(),
            "kind": REVEAL_KIND,
            "actor_agent_id": w.author_id,
            "subject_type": subject_type,
            "subject_id": subject_id,
            "reason": why[:500],
            "details": canonical_json({"customer_id": row.customer_id}),
            "created_at": to_iso(w.now),
        },
    )
    return str(row.phone)
