"""Agents, customers, their erasable contact details and their services."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column

from websight_desk.storage.models.base import ID, Base, SyncedMixin
from websight_desk.storage.types import UTCDateTime


class Agent(SyncedMixin, Base):
    __tablename__ = "agents"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(16))


class Customer(SyncedMixin, Base):
    """A pseudonymous customer: nothing here identifies a person; contacts hold that."""

    __tablename__ = "customers"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    kind: Mapped[str] = mapped_column(String(16))  # individual | company


class Contact(SyncedMixin, Base):
    """Personal data of a customer's person; blanked in place by KVKK erasure."""

    __tablename__ = "contacts"
    # Search finds people by e-mail and phone (prefix ranges on these indexes).
    __table_args__ = (
        Index("ix_contacts_email", "email"),
        Index("ix_contacts_phone", "phone"),
        Index("ix_contacts_role_name", "role", "name"),  # the queue sorted by customer
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    role: Mapped[str] = mapped_column(String(24))
    name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    phone: Mapped[str | None] = mapped_column(String(20))  # E.164
    erased_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Service(SyncedMixin, Base):
    __tablename__ = "services"
    __table_args__ = (
        Index("ix_services_label", "label"),  # search by domain / hostname
        Index("ix_services_kind", "kind"),  # the queue sorted by service
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    customer_id: Mapped[str] = mapped_column(ForeignKey("customers.id"), index=True)
    kind: Mapped[str] = mapped_column(String(24))
    label: Mapped[str] = mapped_column(String(200))
    reseller_id: Mapped[str | None] = mapped_column(ForeignKey("customers.id"))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    has_sla: Mapped[bool] = mapped_column(Boolean, default=False)
    managed: Mapped[bool] = mapped_column(Boolean, default=False)
