"""A complete, valid callback command, shared by the service and window tests."""

from __future__ import annotations

from datetime import datetime, timedelta

from websight_desk.domain.callbacks import (
    CallReason,
    LogCallback,
    NoticeGiven,
    NoticeMethod,
    Outcome,
    PhoneSource,
)
from websight_desk.domain.enums import ContactRole


def valid_callback(ticket_id: str, contact_id: str, start: datetime, notes: str) -> LogCallback:
    """A six-minute reached call to the account holder, notice read aloud first."""
    return LogCallback(
        ticket_id=ticket_id,
        contact_id=contact_id,
        contact_role=ContactRole.ACCOUNT_HOLDER,
        phone="0532 123 45 67",
        phone_source=PhoneSource.PROFILE,
        reason=CallReason.HARD_TO_UNDERSTAND,
        outcome=Outcome.REACHED,
        started_at=start,
        ended_at=start + timedelta(minutes=6),
        notice=NoticeGiven(1, "tr", NoticeMethod.READ_ALOUD, start + timedelta(minutes=1)),
        notes=notes,
    )
