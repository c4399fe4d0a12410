"""Prefill a termination's evidence from the policy decision (the detector only suggests)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import Connection, select

from websight_desk.storage.models import Message, Ticket

if TYPE_CHECKING:
    from websight_desk.policy import Decision

ABUSE_CLAUSE = "other.abuse_termination"
CONTEXT = 80  # characters of context either side of the first flagged word


@dataclass(frozen=True)
class EvidencePrefill:
    """What the terminate dialog starts with; the agent may edit all of it."""

    message_id: str | None
    excerpt: str
    words: tuple[str, ...]
    detector_suggested: bool


EMPTY = EvidencePrefill(None, "", (), False)


def _window(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    excerpt = " ".join(text[lo:hi].split())
    return ("…" if lo else "") + excerpt + ("…" if hi < len(text) else "")


def prefill_from_decision(
    conn: Connection, ticket_id: str, decision: Decision | None
) -> EvidencePrefill:
    """The flagged message and words of clause `other.abuse_termination`, if any."""
    if decision is None:
        return EMPTY
    found = decision.evidence_for(ABUSE_CLAUSE)
    if not found:
        return EMPTY
    first = found[0]
    words = tuple(dict.fromkeys(e.text for e in found if e.field == first.field))
    message_id: str | None = None
    if first.field.startswith("message:"):
        message_id = first.field.partition(":")[2]
        text = conn.execute(select(Message.body).where(Message.id == message_id)).scalar()
    else:
        text = conn.execute(select(Ticket.subject).where(Ticket.id == ticket_id)).scalar()
    excerpt = _window(text, first.start, first.end) if text else first.text
    return EvidencePrefill(message_id, excerpt, words, decision.abuse or bool(found))
