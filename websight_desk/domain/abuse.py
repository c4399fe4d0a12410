"""Vocabulary of abuse terminations and the shift lead's review; values are stored and synced.

`next_status` is the one state machine shared by the service, the projection and the server:
pending → confirmed | overturned; confirmed → reinstated. Anything else is not a legal review.
"""

from __future__ import annotations

from enum import StrEnum

LEGAL_BASIS = "5/2-e"  # KVKK Art. 5/2-e: establishing, exercising or protecting a right
RETENTION_CLASS = "abuse_evidence"
DEFAULT_RETENTION_DAYS = 730


class AbuseChannel(StrEnum):
    TICKET = "ticket"
    PHONE = "phone"


class AbuseCategory(StrEnum):
    INSULT = "insult"
    PROFANITY = "profanity"
    THREAT = "threat"
    HARASSMENT = "harassment"


class ReviewDecision(StrEnum):
    CONFIRMED = "confirmed"  # permanent refusal of service
    OVERTURNED = "overturned"
    REINSTATED = "reinstated"  # a later decision lifting a confirmed refusal


class TerminationStatus(StrEnum):
    PENDING_REVIEW = "pending_review"
    CONFIRMED = "confirmed"
    OVERTURNED = "overturned"
    REINSTATED = "reinstated"


class RefusalStatus(StrEnum):
    """A customer's derived standing; never stored."""

    NONE = "none"
    PENDING_REVIEW = "pending_review"
    REFUSED = "refused"
    OVERTURNED = "overturned"
    REINSTATED = "reinstated"

    @property
    def needs_override(self) -> bool:
        """Replying needs an explicit, audited override."""
        return self in (RefusalStatus.PENDING_REVIEW, RefusalStatus.REFUSED)


_TRANSITIONS: dict[tuple[TerminationStatus, ReviewDecision], TerminationStatus] = {
    (TerminationStatus.PENDING_REVIEW, ReviewDecision.CONFIRMED): TerminationStatus.CONFIRMED,
    (TerminationStatus.PENDING_REVIEW, ReviewDecision.OVERTURNED): TerminationStatus.OVERTURNED,
    (TerminationStatus.CONFIRMED, ReviewDecision.REINSTATED): TerminationStatus.REINSTATED,
}


def next_status(current: TerminationStatus, decision: ReviewDecision) -> TerminationStatus | None:
    """The status after a review, or None if that review is not legal now."""
    return _TRANSITIONS.get((current, decision))


def allowed_decisions(current: TerminationStatus) -> tuple[ReviewDecision, ...]:
    return tuple(d for (s, d) in _TRANSITIONS if s is current)
