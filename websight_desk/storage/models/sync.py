"""Local sync bookkeeping: the outbox of local ops, the device state, rejected ops."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from websight_desk.storage.models.base import ID, Base
from websight_desk.storage.outbox_codec import PayloadText
from websight_desk.storage.types import UTCDateTime


class SyncOutbox(Base):
    """One row per local change, written in the same transaction as the change."""

    __tablename__ = "sync_outbox"
    __table_args__ = (
        # Feature projections ask "which of my ops of kind K are not acked yet".
        Index("ix_sync_outbox_kind_state", "kind", "state"),
        {"sqlite_autoincrement": True},  # a device sequence is never reused
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    op_id: Mapped[str] = mapped_column(ID, unique=True)
    kind: Mapped[str] = mapped_column(String(48))
    # Canonical JSON; bulky kinds stored packed (`outbox_codec`), read back as the same text.
    payload: Mapped[str] = mapped_column(PayloadText)
    hlc: Mapped[int] = mapped_column(BigInteger)
    author_agent_id: Mapped[str | None] = mapped_column(String(36))
    state: Mapped[str] = mapped_column(String(16), index=True)  # pending | acked | rejected
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    acked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SyncState(Base):
    """A single row: this device's node id, its HLC and its pull cursor."""

    __tablename__ = "sync_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    node_id: Mapped[str] = mapped_column(String(64))
    hlc: Mapped[int] = mapped_column(BigInteger, default=0)
    pull_cursor: Mapped[int] = mapped_column(BigInteger, default=0)
    last_sync_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Outcome of the latest sync attempt, for the status bar (online/offline and why).
    last_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(Text)


class SyncQuarantine(Base):
    """Ops the server rejected (or pulled ops we could not apply), kept and shown to the user."""

    __tablename__ = "sync_quarantine"

    op_id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(48))
    payload: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(16))  # push | pull
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class SyncConflict(Base):
    """A ticket field change that lost to a concurrent edit from another workstation.

    Recorded when a pull proves the two edits were made without seeing each other; both
    changes stay in `ticket_field_changes`, this row only points the user at them.
    """

    __tablename__ = "sync_conflicts"

    loser_change_id: Mapped[str] = mapped_column(ID, primary_key=True)
    winner_change_id: Mapped[str] = mapped_column(ID)
    ticket_id: Mapped[str] = mapped_column(ID, index=True)
    field: Mapped[str] = mapped_column(String(16))
    detected_at: Mapped[datetime] = mapped_column(UTCDateTime())
    dismissed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
