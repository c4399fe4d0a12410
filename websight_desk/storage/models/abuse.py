"""Abuse terminations, the shift lead's reviews and reply overrides — all append-only.

"Refused service" is never stored: it is derived from these rows (services.abuse_refusal).
`chain_prev`/`chain_hash` are the local tamper-evidence chain (services.audit_chain); they are
derived, not synced, and recomputed in (hlc, node_id, id) order when records arrive.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from websight_desk.storage.models.base import ID, Base, SyncedMixin
from websight_desk.storage.types import UTCDateTime

HASH = String(64)  # sha256 hex


class ChainMixin:
    """Hash-chain link of a record: the previous record's hash and this record's hash."""

    chain_prev: Mapped[str | None] = mapped_column(HASH)
    chain_hash: Mapped[str | None] = mapped_column(HASH)


class AbuseTermination(ChainMixin, SyncedMixin, Base):
    """An agent ended a ticket or call for abuse (KVKK.md "An abuse termination carries")."""

    __tablename__ = "abuse_terminations"
    __table_args__ = (Index("ix_abuse_terminations_chain", "hlc", "node_id", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    channel: Mapped[str] = mapped_column(String(8))  # ticket | phone
    ticket_id: Mapped[str | None] = mapped_column(ForeignKey("tickets.id"), index=True)
    call_id: Mapped[str | None] = mapped_column(String(36))  # callback log, when from a call
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    reported_by: Mapped[str] = mapped_column(ForeignKey("agents.id"))
    detector_suggested: Mapped[bool] = mapped_column(Boolean)
    evidence_message_id: Mapped[str | None] = mapped_column(String(36))
    evidence_excerpt: Mapped[str] = mapped_column(Text)  # excerpt, or the agent's call account
    evidence_words: Mapped[str] = mapped_column(Text)  # canonical JSON list of flagged words
    # sha256 of the evidence as written; kept when KVKK destruction blanks the text.
    evidence_digest: Mapped[str] = mapped_column(HASH)
    category: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    # sha256 of the note as written (the chain covers this, so an erasure can blank the note);
    # None on records sealed before 0009 — their chain covers the note itself
    note_digest: Mapped[str | None] = mapped_column(HASH)
    legal_basis: Mapped[str] = mapped_column(String(16))
    retention_class: Mapped[str] = mapped_column(String(32))
    destroy_after: Mapped[datetime] = mapped_column(UTCDateTime())
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class AbuseReview(ChainMixin, SyncedMixin, Base):
    """A shift lead's decision on a termination: confirmed, overturned or (later) reinstated."""

    __tablename__ = "abuse_reviews"
    __table_args__ = (Index("ix_abuse_reviews_chain", "hlc", "node_id", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    termination_id: Mapped[str] = mapped_column(ForeignKey("abuse_terminations.id"), index=True)
    decision: Mapped[str] = mapped_column(String(16))
    note: Mapped[str] = mapped_column(Text)
    note_digest: Mapped[str | None] = mapped_column(HASH)  # as on the termination
    reviewer_id: Mapped[str] = mapped_column(ForeignKey("agents.id"))


class RefusalOverride(ChainMixin, SyncedMixin, Base):
    """An agent chose to reply to a refused (or pending) customer, with a reason."""

    __tablename__ = "refusal_overrides"
    __table_args__ = (Index("ix_refusal_overrides_chain", "hlc", "node_id", "id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    ticket_id: Mapped[str | None] = mapped_column(ForeignKey("tickets.id"))
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"))
    refusal_state: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    message_id: Mapped[str | None] = mapped_column(String(36))
