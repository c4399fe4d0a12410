"""The KVKK rules of a callback log, once, for the service and for the sync server.

`check_callback` takes the typed payload (`op_schemas.CallbackCreate`) and the few facts it
needs from a database (`CallbackFacts`), and raises `ValidationError` with a message for
people. The desktop service runs it before emitting; the server runs it on every push, so a
modified client cannot store a call that breaks the rules.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from websight_desk.domain.callbacks import ConsentState, LegalBasis, TextKind
from websight_desk.domain.errors import ValidationError
from websight_desk.domain.op_schemas import CallbackCreate
from websight_desk.domain.phone import check_phone
from websight_desk.domain.shift import shift_for
from websight_desk.i18n import _

MAX_CALL = timedelta(hours=6)
FUTURE_SKEW = timedelta(minutes=5)
ALLOWED_BASES = frozenset({LegalBasis.CONTRACT, LegalBasis.LEGITIMATE_INTEREST})


class CallbackFacts(Protocol):
    """What the rules read from the store they run against (the client's or the server's)."""

    def ticket_customer(self, ticket_id: str) -> str | None: ...

    def contact_customer(self, contact_id: str) -> str | None: ...

    def callback_ticket(self, callback_id: str) -> str | None: ...

    def text_exists(self, kind: TextKind, version: int, lang: str) -> bool: ...


def _at(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def check_times(started: datetime, ended: datetime, now: datetime) -> None:
    if ended < started:
        raise ValidationError(_("The call cannot end before it started."))
    if ended - started > MAX_CALL:
        raise ValidationError(_("A call longer than six hours is not plausible; check times."))
    if started > now + FUTURE_SKEW:
        raise ValidationError(_("The call cannot start in the future."))


def check_callback(
    p: CallbackCreate,
    facts: CallbackFacts,
    *,
    notes_limit: int,
    allow_foreign_numbers: bool,
    now: datetime,
) -> None:
    """Every KVKK rule a callback log must meet; raises ValidationError (or a PhoneRefused)."""
    started, ended = datetime.fromisoformat(p.started_at), datetime.fromisoformat(p.ended_at)
    check_times(started, ended, now)
    notes = p.notes or ""
    if len(notes) > notes_limit:
        raise ValidationError(
            _("Notes are limited to {n} characters; keep them short.").format(n=notes_limit)
        )
    _check_notice(p, facts, ended, needs=bool(notes) or p.recording_state != ConsentState.NOT_ASKED)
    _check_recording(p, facts)
    if p.identity_verified and p.identity_method is None:
        raise ValidationError(_("Say how the identity was verified."))
    if p.legal_basis not in ALLOWED_BASES:
        raise ValidationError(_("A support callback rests on the contract or legitimate interest."))
    customer = facts.ticket_customer(p.ticket_id)
    if customer is None:
        raise ValidationError(_("A callback belongs to a ticket, and this ticket does not exist."))
    if customer != p.customer_id:
        raise ValidationError(_("The ticket belongs to another customer."))
    if p.contact_id is not None and facts.contact_customer(p.contact_id) != customer:
        raise ValidationError(_("The person called is not a contact of this customer."))
    if p.phone is not None and check_phone(p.phone, allow_foreign=allow_foreign_numbers).e164 != (
        p.phone
    ):
        raise ValidationError(_("The number must be stored in international (E.164) form."))
    if p.shift != shift_for(started):
        raise ValidationError(_("The shift does not match the time of the call."))
    if p.corrects_id is not None and facts.callback_ticket(p.corrects_id) != p.ticket_id:
        raise ValidationError(_("A correction must point at a callback of the same ticket."))


def _check_notice(p: CallbackCreate, facts: CallbackFacts, ended: datetime, *, needs: bool) -> None:
    parts = (p.notice_version, p.notice_lang, p.notice_method, p.notice_given_at)
    if all(part is None for part in parts):
        if needs:
            raise ValidationError(
                _("Give the KVKK notice (and confirm it) before taking notes or asking consent.")
            )
        return
    if p.notice_version is None or p.notice_lang is None or p.notice_method is None:
        raise ValidationError(_("Record which KVKK notice was given, how and when."))
    given = _at(p.notice_given_at)
    if given is None:
        raise ValidationError(_("Record which KVKK notice was given, how and when."))
    if not facts.text_exists(TextKind.NOTICE, p.notice_version, p.notice_lang):
        raise ValidationError(
            _("KVKK notice version {v} ({lang}) does not exist.").format(
                v=p.notice_version, lang=p.notice_lang
            )
        )
    if given > ended + timedelta(minutes=1):
        raise ValidationError(_("The notice must be given during the call."))


def _check_recording(p: CallbackCreate, facts: CallbackFacts) -> None:
    if p.recording_state != ConsentState.GRANTED:
        if p.recording_ref:
            raise ValidationError(_("A recording needs the customer's granted consent."))
        if p.recording_state == ConsentState.REFUSED and p.consent_at is None:
            raise ValidationError(_("Record when the consent question was asked."))
        return
    if (
        p.consent_at is None
        or not p.consent_method
        or p.consent_version is None
        or not p.consent_lang
    ):
        raise ValidationError(_("Record the time, method and text version of the consent."))
    if not facts.text_exists(TextKind.RECORDING_CONSENT, p.consent_version, p.consent_lang):
        raise ValidationError(
            _("Recording consent text version {v} ({lang}) does not exist.").format(
                v=p.consent_version, lang=p.consent_lang
            )
        )
