"""Callback logs and the KVKK records around them.

A callback is append-only. Its personal parts (number, person link, name, notes, recording
reference) live in `callback_personal`, the one place the KVKK path blanks, so anonymising a
call never rewrites the history row. Legal holds, requests, erasure tombstones and purge runs
are append-only records of their own.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from websight_desk.storage.models.base import ID, Base, SyncedMixin
from websight_desk.storage.types import UTCDateTime


class Callback(SyncedMixin, Base):
    __tablename__ = "callbacks"
    __table_args__ = (
        Index("ix_callbacks_ticket_started", "ticket_id", "started_at"),
        Index("ix_callbacks_destroy_after", "destroy_after"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    agent_id: Mapped[str] = mapped_column(ForeignKey("agents.id"), index=True)
    contact_role: Mapped[str] = mapped_column(String(24))
    reason: Mapped[str] = mapped_column(String(32))
    shift: Mapped[str] = mapped_column(String(16))
    scheduled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime] = mapped_column(UTCDateTime())
    outcome: Mapped[str] = mapped_column(String(16), index=True)
    identity_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    identity_method: Mapped[str | None] = mapped_column(String(32))
    notice_version: Mapped[int | None] = mapped_column(Integer)
    notice_lang: Mapped[str | None] = mapped_column(String(8))
    notice_method: Mapped[str | None] = mapped_column(String(24))
    notice_given_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    legal_basis: Mapped[str] = mapped_column(String(40))
    recording_state: Mapped[str] = mapped_column(String(16))
    consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    consent_method: Mapped[str | None] = mapped_column(String(24))
    consent_version: Mapped[int | None] = mapped_column(Integer)
    consent_lang: Mapped[str | None] = mapped_column(String(8))
    retention_class: Mapped[str] = mapped_column(String(32))
    destroy_after: Mapped[datetime] = mapped_column(UTCDateTime())
    corrects_id: Mapped[str | None] = mapped_column(String(36))


class CallbackPersonal(Base):
    """The erasable part of a callback; blanked (not hashed) by purge and erasure."""

    __tablename__ = "callback_personal"

    callback_id: Mapped[str] = mapped_column(ForeignKey("callbacks.id"), primary_key=True)
    contact_id: Mapped[str | None] = mapped_column(ForeignKey("contacts.id"))
    contact_name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    notes: Mapped[str | None] = mapped_column(Text)
    recording_ref: Mapped[str | None] = mapped_column(String(200))
    anonymised_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    anonymised_why: Mapped[str | None] = mapped_column(String(16))  # retention | erasure


class LegalHold(SyncedMixin, Base):
    """A hold on a customer, ticket or callback: nothing under it is destroyed or erased."""

    __tablename__ = "legal_holds"
    __table_args__ = (Index("ix_legal_holds_subject", "subject_type", "subject_id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    subject_type: Mapped[str] = mapped_column(String(16))  # customer | ticket | callback
    subject_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(Text)
    set_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))


class LegalHoldRelease(SyncedMixin, Base):
    __tablename__ = "legal_hold_releases"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    hold_id: Mapped[str] = mapped_column(ForeignKey("legal_holds.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    released_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))


class KvkkText(SyncedMixin, Base):
    """A versioned notice or recording-consent script; a new text is a new version."""

    __tablename__ = "kvkk_texts"
    __table_args__ = (UniqueConstraint("kind", "version", "lang"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(24))  # notice | recording_consent
    version: Mapped[int] = mapped_column(Integer)
    lang: Mapped[str] = mapped_column(String(8))
    body: Mapped[str] = mapped_column(Text)


class KvkkRequest(SyncedMixin, Base):
    """A ticket marked as a data-subject request (Art. 11/13), answered within a deadline."""

    __tablename__ = "kvkk_requests"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), index=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime())
    note: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))


class KvkkRequestClosure(SyncedMixin, Base):
    __tablename__ = "kvkk_request_closures"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    request_id: Mapped[str] = mapped_column(ForeignKey("kvkk_requests.id"), index=True)
    outcome: Mapped[str] = mapped_column(String(24))  # exported | erased | refused | answered
    closed_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))


class KvkkErasure(SyncedMixin, Base):
    """The replicated erasure tombstone of a customer; personal data arriving later is blanked."""

    __tablename__ = "kvkk_erasures"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
    erased_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    held_callback_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list, kept
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON


class KvkkPurgeRun(SyncedMixin, Base):
    """The log of one destruction run (kept at least three years)."""

    __tablename__ = "kvkk_purge_runs"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ran_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    examined: Mapped[int] = mapped_column(Integer)
    anonymised: Mapped[int] = mapped_column(Integer)
    held: Mapped[int] = mapped_column(Integer)
    callback_ids: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    keep_until: Mapped[datetime] = mapped_column(UTCDateTime())
    # The same for abuse terminations' evidence (0005; runs logged before count none).
    terminations_examined: Mapped[int] = mapped_column(Integer, server_default="0")
    terminations_anonymised: Mapped[int] = mapped_column(Integer, server_default="0")
    terminations_held: Mapped[int] = mapped_column(Integer, server_default="0")
    termination_ids: Mapped[str] = mapped_column(Text, server_default="[]")  # JSON list
