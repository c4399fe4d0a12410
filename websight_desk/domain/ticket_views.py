"""Read models for the ticket pane, the customer view and the new-ticket dialog.

Frozen snapshots built by `storage/queries/`; the UI renders them and never sees ORM rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from websight_desk.domain.enums import (
    Channel,
    ContactRole,
    MessageKind,
    Priority,
    RequesterKind,
    ServiceKind,
    TicketStatus,
)


@dataclass(frozen=True, slots=True)
class ResellerRef:
    """The reseller a service was sold through: its customer code and display name."""

    id: str
    code: str
    name: str | None


@dataclass(frozen=True, slots=True)
class ServiceView:
    id: str
    customer_id: str
    kind: ServiceKind
    label: str
    delivered_at: datetime | None
    has_sla: bool
    managed: bool
    reseller: ResellerRef | None

    @property
    def delivered(self) -> bool:
        return self.delivered_at is not None


@dataclass(frozen=True, slots=True)
class ContactView:
    """A person of the customer; personal fields are None once erased (KVKK)."""

    id: str
    role: ContactRole
    name: str | None
    email: str | None
    phone: str | None  # E.164
    erased: bool


@dataclass(frozen=True, slots=True)
class CustomerSummary:
    """A customer with the name of its account holder (None if unknown or erased)."""

    id: str
    code: str
    kind: str  # individual | company
    name: str | None


@dataclass(frozen=True, slots=True)
class MessageView:
    id: str
    kind: MessageKind
    body: str
    author_name: str | None  # the agent for replies and notes; None for the customer
    created_at: datetime
    redacted: bool

    @property
    def field(self) -> str:
        """The policy evidence field naming this message ("message:<uuid>")."""
        return f"message:{self.id}"


@dataclass(frozen=True, slots=True)
class TicketDetail:
    id: str
    number: int
    subject: str
    status: TicketStatus
    priority: Priority
    channel: Channel
    requester_kind: RequesterKind
    assignee_id: str | None
    assignee_name: str | None
    created_at: datetime
    updated_at: datetime
    customer: CustomerSummary
    service: ServiceView | None
    messages: tuple[MessageView, ...]
    # the number this workstation gave it offline, before the server's (None: the same)
    provisional_number: int | None = None

    @property
    def message_ids(self) -> frozenset[str]:
        return frozenset(m.id for m in self.messages)


@dataclass(frozen=True, slots=True)
class TicketRow:
    """One line of a customer's ticket list."""

    id: str
    number: int
    subject: str
    status: TicketStatus
    service_label: str | None
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class CustomerDetail:
    customer: CustomerSummary
    contacts: tuple[ContactView, ...]
    services: tuple[ServiceView, ...]
    tickets: tuple[TicketRow, ...]


__all__ = [
    "ContactView",
    "CustomerDetail",
    "CustomerSummary",
    "MessageView",
    "ResellerRef",
    "ServiceView",
    "TicketDetail",
    "TicketRow",
]
