"""Append-only audit trail: who did what to which record, when and why.

`chain_prev`/`chain_hash` link each event into the tamper-evidence chain shared with abuse
terminations, reviews and overrides (services.audit_chain); they are derived locally.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from websight_desk.storage.models.base import ID, Base, SyncedMixin

HASH = String(64)  # sha256 hex


class AuditEvent(SyncedMixin, Base):
    __tablename__ = "audit_events"
    __table_args__ = (
        Index("ix_audit_subject", "subject_type", "subject_id"),
        Index("ix_audit_events_chain", "hlc", "node_id", "id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    kind: Mapped[str] = mapped_column(String(48), index=True)
    actor_agent_id: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64))
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[str] = mapped_column(Text, default="{}")  # canonical JSON
    chain_prev: Mapped[str | None] = mapped_column(HASH)
    chain_hash: Mapped[str | None] = mapped_column(HASH)
