"""Tickets, their append-only messages and field changes, and the derived triage cache."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from websight_desk.storage.models.base import ID, Base, SyncedMixin
from websight_desk.storage.types import UTCDateTime


class Ticket(SyncedMixin, Base):
    """Immutable ticket facts plus a projection of the mutable fields.

    `status`, `priority` and `assignee_id` are never written directly: they are the winning
    `TicketFieldChange` by (hlc, node_id), recomputed whenever a change is applied.
    """

    __tablename__ = "tickets"
    __table_args__ = (
        Index("ix_tickets_status_updated", "status", "updated_at"),
        Index("ix_tickets_assignee_status", "assignee_id", "status"),
        # The queue sorts by a column, then number, then id (ties): one index per sort walks
        # the first page in order, either direction, with no sort of the whole view.
        Index("ix_tickets_number_id", "number", "id"),
        Index("ix_tickets_created_order", "created_at", "number", "id"),
        Index("ix_tickets_updated_order", "updated_at", "number", "id"),
        Index("ix_tickets_subject_order", "subject", "number", "id"),
        Index("ix_tickets_priority_order", "priority", "number", "id"),
        Index("ix_tickets_status_order", "status", "number", "id"),
        Index("ix_tickets_assignee_order", "assignee_id", "number", "id"),
        Index("ix_tickets_service_order", "service_id", "number", "id"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(500))
    department: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    service_id: Mapped[str | None] = mapped_column(ForeignKey("services.id"))
    requester_kind: Mapped[str] = mapped_column(String(32))
    created_by: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    status: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16))
    assignee_id: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class Message(SyncedMixin, Base):
    """Append-only: inbound, outbound or internal note. Only KVKK erasure blanks `body`."""

    __tablename__ = "messages"
    __table_args__ = (Index("ix_messages_ticket_created", "ticket_id", "created_at"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"))
    kind: Mapped[str] = mapped_column(String(16))
    author_agent_id: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))
    body: Mapped[str] = mapped_column(Text)
    redacted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class TicketFieldChange(SyncedMixin, Base):
    """Append-only edit of a mutable ticket field; the max (hlc, node_id) wins."""

    __tablename__ = "ticket_field_changes"
    __table_args__ = (Index("ix_field_changes_winner", "ticket_id", "field", "hlc", "node_id"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"))
    field: Mapped[str] = mapped_column(String(16))
    value: Mapped[str | None] = mapped_column(String(64))
    author_agent_id: Mapped[str | None] = mapped_column(ForeignKey("agents.id"))


class TicketTriage(Base):
    """Derived, local only: the policy decision cached for the queue's verdict column."""

    __tablename__ = "ticket_triage"
    __table_args__ = (Index("ix_ticket_triage_verdict", "verdict"),)

    ticket_id: Mapped[str] = mapped_column(ForeignKey("tickets.id"), primary_key=True)
    ruleset_version: Mapped[str] = mapped_column(String(32))
    verdict: Mapped[str] = mapped_column(String(16))
    primary_clause: Mapped[str] = mapped_column(String(64))
    abuse: Mapped[bool] = mapped_column(Boolean, index=True)
    discretion: Mapped[bool] = mapped_column(Boolean)
