"""Translated labels of the callback vocabulary (defined once, translated when shown)."""

from __future__ import annotations

from enum import Enum

from websight_desk.domain.callbacks import (
    CallReason,
    ConsentState,
    IdentityMethod,
    LegalBasis,
    NoticeMethod,
    Outcome,
)
from websight_desk.domain.enums import ContactRole
from websight_desk.domain.shift import Shift
from websight_desk.i18n import N_, _

LABELS: dict[Enum, str] = {
    CallReason.HARD_TO_UNDERSTAND: N_("Written correspondence hard to understand"),
    CallReason.CUSTOMER_ASKED: N_("Customer asked for a call"),
    CallReason.URGENT_OUTAGE: N_("Urgent outage"),
    Outcome.REACHED: N_("Reached"),
    Outcome.NO_ANSWER: N_("No answer"),
    Outcome.WRONG_PERSON: N_("Wrong person"),
    Outcome.DECLINED: N_("Declined to talk"),
    Outcome.DROPPED: N_("Call dropped"),
    Shift.REGULAR: N_("Regular shift"),
    Shift.ON_CALL: N_("On call"),
    LegalBasis.CONTRACT: N_("Performance of the contract (KVKK 5/2-c)"),
    LegalBasis.LEGITIMATE_INTEREST: N_("Legitimate interest (KVKK 5/2-f)"),
    LegalBasis.ESTABLISH_RIGHT: N_("Establishing a right (KVKK 5/2-e)"),
    ConsentState.NOT_ASKED: N_("Not recorded"),
    ConsentState.GRANTED: N_("Recorded with consent"),
    ConsentState.REFUSED: N_("Recording refused"),
    NoticeMethod.READ_ALOUD: N_("Read aloud on the phone"),
    NoticeMethod.SENT_IN_WRITING: N_("Sent in writing before the call"),
    IdentityMethod.CUSTOMER_CODE: N_("Customer code"),
    IdentityMethod.SECURITY_QUESTION: N_("Security question"),
    IdentityMethod.KNOWN_NUMBER: N_("Called the number on file"),
    ContactRole.ACCOUNT_HOLDER: N_("Account holder"),
    ContactRole.AUTHORISED_CONTACT: N_("Authorised contact"),
    ContactRole.EMPLOYEE: N_("Employee of the customer"),
}


def label(value: Enum) -> str:
    """The translated label of an enum value (its raw value if none is defined)."""
    text = LABELS.get(value)
    return _(text) if text is not None else str(value.value)
