"""Callback and KVKK vocabulary: enums (stored and synced — never rename) and frozen commands.

(`Shift` is `domain.shift.Shift`, imported here for the callback record.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from websight_desk.domain.enums import ContactRole
from websight_desk.domain.shift import Shift


class CallReason(StrEnum):
    HARD_TO_UNDERSTAND = "hard_to_understand"  # written correspondence hard to understand
    CUSTOMER_ASKED = "customer_asked"
    URGENT_OUTAGE = "urgent_outage"


class Outcome(StrEnum):
    REACHED = "reached"
    NO_ANSWER = "no_answer"
    WRONG_PERSON = "wrong_person"
    DECLINED = "declined"
    DROPPED = "dropped"


class LegalBasis(StrEnum):
    CONTRACT = "contract_5_2_c"  # performance of the contract
    LEGITIMATE_INTEREST = "legitimate_interest_5_2_f"  # a customer company's employee
    ESTABLISH_RIGHT = "establish_right_5_2_e"  # abuse evidence


class ConsentState(StrEnum):
    NOT_ASKED = "not_asked"
    GRANTED = "granted"
    REFUSED = "refused"


class NoticeMethod(StrEnum):
    READ_ALOUD = "read_aloud"
    SENT_IN_WRITING = "sent_in_writing"


class IdentityMethod(StrEnum):
    CUSTOMER_CODE = "customer_code"
    SECURITY_QUESTION = "security_question"
    KNOWN_NUMBER = "known_number"


class TextKind(StrEnum):
    NOTICE = "notice"
    RECORDING_CONSENT = "recording_consent"


class PhoneSource(StrEnum):
    PROFILE = "profile"  # the contact's stored number
    VERIFIED_NEW = "verified_new"  # a new number the agent confirmed with the customer


RETENTION_CALLBACK_NOTES = "callback_notes"


def legal_basis_for(role: ContactRole) -> LegalBasis:
    """Calling a customer company's employee rests on legitimate interest; else the contract."""
    if role is ContactRole.EMPLOYEE:
        return LegalBasis.LEGITIMATE_INTEREST
    return LegalBasis.CONTRACT


@dataclass(frozen=True, slots=True)
class NoticeGiven:
    """Proof of the KVKK notice: which text version (and language), how and when."""

    version: int
    lang: str
    method: NoticeMethod
    given_at: datetime


@dataclass(frozen=True, slots=True)
class RecordingConsent:
    """The separate consent step; NOT_ASKED by default, never pre-ticked."""

    state: ConsentState = ConsentState.NOT_ASKED
    asked_at: datetime | None = None
    method: str | None = None
    version: int | None = None
    lang: str | None = None
    recording_ref: str | None = None


@dataclass(frozen=True, slots=True)
class LogCallback:
    """What the callback dialog hands to `services.callbacks.log_callback`."""

    ticket_id: str
    contact_role: ContactRole
    phone: str
    phone_source: PhoneSource
    reason: CallReason
    outcome: Outcome
    started_at: datetime
    ended_at: datetime
    contact_id: str | None = None
    contact_name: str | None = None  # a person not in the profile (e.g. an employee)
    scheduled_at: datetime | None = None
    identity_verified: bool = False
    identity_method: IdentityMethod | None = None
    notice: NoticeGiven | None = None
    legal_basis: LegalBasis | None = None  # None: derived from the contact role
    recording: RecordingConsent = RecordingConsent()
    notes: str = ""
    corrects_id: str | None = None  # a correction is a new record pointing at the old one


@dataclass(frozen=True, slots=True)
class CallbackView:
    """A callback as lists and the ticket thread show it: the number is masked."""

    id: str
    ticket_id: str
    ticket_number: int
    customer_id: str
    agent_id: str
    agent_name: str
    contact_role: ContactRole
    contact_label: str  # masked name, or "" after anonymisation
    masked_phone: str
    reason: CallReason
    outcome: Outcome
    shift: Shift
    legal_basis: LegalBasis
    started_at: datetime
    ended_at: datetime
    notice_version: int | None
    recording: ConsentState
    notes: str
    destroy_after: datetime
    anonymised_at: datetime | None
    on_hold: bool
    corrects_id: str | None
