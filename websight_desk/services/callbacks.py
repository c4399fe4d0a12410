"""Log a phone callback under KVKK's rules; reveal a masked number on purpose (audited).

Every rule is enforced here, not only in the dialog: notice before notes, recording only with
granted consent, a ticket for every call, a validated number from the profile or a verified
new one, short notes, sane times, the legal basis, shift and retention.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from websight_desk.domain.callbacks import (
    RETENTION_CALLBACK_NOTES,
    ConsentState,
    LegalBasis,
    LogCallback,
    PhoneSource,
    Shift,
    TextKind,
    legal_basis_for,
)
from websight_desk.domain.enums import ContactRole
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.domain.phone import check_phone
from websight_desk.domain.turkish import normalize
from websight_desk.i18n import _
from websight_desk.services.kvkk_settings import KvkkSettings
from websight_desk.services.kvkk_texts import get_text
from websight_desk.storage.models import Callback, CallbackPersonal, Contact, Ticket
from websight_desk.storage.ops import canonical_json, to_iso
from websight_desk.storage.outbox import OpWriter

ISTANBUL = ZoneInfo("Europe/Istanbul")
REGULAR_HOURS = (time(9, 0), time(18, 0))
MAX_CALL = timedelta(hours=6)
REVEAL_KIND = "phone.reveal"
ALLOWED_BASES = frozenset({LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTEREST})


def shift_for(when: datetime) -> Shift:
    """Regular between 09:00 and 18:00 Istanbul time; on-call otherwise."""
    local = when.astimezone(ISTANBUL).time()
    start, end = REGULAR_HOURS
    return Shift.REGULAR if start <= local < end else Shift.ON_CALL


def _aware(value: datetime | None, what: str) -> None:
    if value is not None and value.tzinfo is None:
        raise ValueError(f"{what} must be timezone-aware")


def _check_times(cmd: LogCallback, now: datetime) -> None:
    for value, what in ((cmd.started_at, "started_at"), (cmd.ended_at, "ended_at")):
        _aware(value, what)
    _aware(cmd.scheduled_at, "scheduled_at")
    if cmd.ended_at < cmd.started_at:
        raise ValidationError(_("The call cannot end before it started."))
    if cmd.ended_at - cmd.started_at > MAX_CALL:
        raise ValidationError(_("A call longer than six hours is not plausible; check times."))
    if cmd.started_at > now + timedelta(minutes=5):
        raise ValidationError(_("The call cannot start in the future."))


def _check_notice(w: OpWriter, cmd: LogCallback, notes: str) -> None:
    notice = cmd.notice
    needs_notice = bool(notes) or cmd.recording.state is not ConsentState.NOT_ASKED
    if notice is None:
        if needs_notice:
            raise ValidationError(
                _("Give the KVKK notice (and confirm it) before taking notes or asking consent.")
            )
        return
    _aware(notice.given_at, "notice.given_at")
    if get_text(w.conn, TextKind.NOTICE, notice.version, notice.lang) is None:
        raise ValidationError(
            _("KVKK notice version {v} ({lang}) does not exist.").format(
                v=notice.version, lang=notice.lang
            )
        )
    if notice.given_at > cmd.ended_at + timedelta(minutes=1):
        raise ValidationError(_("The notice must be given during the call."))


def _check_recording(w: OpWriter, cmd: LogCallback) -> None:
    rec = cmd.recording
    if rec.state is not ConsentState.GRANTED:
        if rec.recording_ref:
            raise ValidationError(_("A recording needs the customer's granted consent."))
        if rec.state is ConsentState.REFUSED and rec.asked_at is None:
            raise ValidationError(_("Record when the consent question was asked."))
        return
    if rec.asked_at is None or not rec.method or rec.version is None or not rec.lang:
        raise ValidationError(_("Record the time, method and text version of the consent."))
    _aware(rec.asked_at, "recording.asked_at")
    if get_text(w.conn, TextKind.RECORDING_CONSENT, rec.version, rec.lang) is None:
        raise ValidationError(
            _("Recording consent text version {v} ({lang}) does not exist.").format(
                v=rec.version, lang=rec.lang
            )
        )


def _resolve_phone(w: OpWriter, cmd: LogCallback, customer_id: str, cfg: KvkkSettings) -> str:
    phone = check_phone(cmd.phone, allow_foreign=cfg.allow_foreign_numbers).e164
    if cmd.phone_source is PhoneSource.PROFILE:
        stored = w.conn.execute(
            select(Contact.phone).where(
                Contact.customer_id == customer_id, Contact.erased_at.is_(None)
            )
        ).scalars()
        known = {_e164_or_none(p) for p in stored if p}
        if phone not in known:
            raise ValidationError(
                _("This number is not in the customer's profile; verify it as a new number.")
            )
    return phone


def _e164_or_none(raw: str) -> str | None:
    try:
        return check_phone(raw, allow_foreign=True).e164
    except ValidationError:
        return None


def log_callback(w: OpWriter, cmd: LogCallback, cfg: KvkkSettings) -> str:
    """Validate and record a callback (`callback.create`); returns its id. Nothing half-way."""
    if w.author_id is None:
        raise ValidationError(_("Choose who you are (an agent) before logging a call."))
    ticket = w.conn.execute(
        select(Ticket.id, Ticket.customer_id).where(Ticket.id == cmd.ticket_id)
    ).first()
    if ticket is None:
        raise NotFound(_("A callback belongs to a ticket, and this ticket does not exist."))
    _check_times(cmd, w.now)
    notes = normalize(cmd.notes.replace("\r\n", "\n")).strip()
    if len(notes) > cfg.notes_limit:
        raise ValidationError(
            _("Notes are limited to {n} characters; keep them short.").format(n=cfg.notes_limit)
        )
    _check_notice(w, cmd, notes)
    _check_recording(w, cmd)
    if cmd.identity_verified and cmd.identity_method is None:
        raise ValidationError(_("Say how the identity was verified."))
    role = ContactRole(cmd.contact_role)
    basis = cmd.legal_basis or legal_basis_for(role)
    if basis not in ALLOWED_BASES:
        raise ValidationError(_("A support callback rests on the contract or legitimate interest."))
    if cmd.contact_id is not None:
        owner = w.conn.execute(
            select(Contact.customer_id).where(Contact.id == cmd.contact_id)
        ).scalar_one_or_none()
        if owner != ticket.customer_id:
            raise ValidationError(_("The person called is not a contact of this customer."))
    if (
        cmd.phone_source is PhoneSource.VERIFIED_NEW
        and cmd.contact_name is None
        and (cmd.contact_id is None)
    ):
        raise ValidationError(_("Say who is called on a new number."))
    phone = _resolve_phone(w, cmd, ticket.customer_id, cfg)
    if cmd.corrects_id is not None:
        old = w.conn.execute(
            select(Callback.ticket_id).where(Callback.id == cmd.corrects_id)
        ).scalar_one_or_none()
        if old != cmd.ticket_id:
            raise ValidationError(_("A correction must point at a callback of the same ticket."))
    callback_id = new_id()
    notice, rec = cmd.notice, cmd.recording
    granted = rec.state is ConsentState.GRANTED
    w.emit(
        "callback.create",
        {
            "id": callback_id,
            "ticket_id": cmd.ticket_id,
            "customer_id": ticket.customer_id,
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
            "recording_ref": rec.recording_ref if granted else None,
            "notes": notes or None,
            "retention_class": RETENTION_CALLBACK_NOTES,
            "destroy_after": to_iso(cmd.ended_at + cfg.retention(RETENTION_CALLBACK_NOTES)),
            "corrects_id": cmd.corrects_id,
            "created_at": to_iso(w.now),
        },
    )
    return callback_id


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
