"""Enumerations shared by every layer; their values are stored and synced, never rename them."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    SHIFT_LEAD = "shift_lead"
    ADMIN = "admin"
    # A web form or billing system: may only open tickets (POST /v1/intake/tickets).
    INTAKE = "intake"


class ServiceKind(StrEnum):
    SHARED_HOSTING = "shared_hosting"
    RESELLER_HOSTING = "reseller_hosting"
    VPS = "vps"
    VDS = "vds"
    CLOUD = "cloud"
    DEDICATED = "dedicated"

    @property
    def is_server(self) -> bool:
        return self in SERVER_KINDS


SERVER_KINDS = frozenset(
    {ServiceKind.VPS, ServiceKind.VDS, ServiceKind.CLOUD, ServiceKind.DEDICATED}
)


class RequesterKind(StrEnum):
    CUSTOMER = "customer"
    RESELLER_END_CUSTOMER = "reseller_end_customer"


class TicketStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"  # waiting for the customer
    RESOLVED = "resolved"
    CLOSED = "closed"
    TERMINATED = "terminated"  # ended for abuse

    @property
    def is_open(self) -> bool:
        return self in OPEN_STATUSES


OPEN_STATUSES = frozenset({TicketStatus.NEW, TicketStatus.OPEN, TicketStatus.PENDING})


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Department(StrEnum):
    TECHNICAL = "technical"
    BILLING = "billing"
    SALES = "sales"


class Channel(StrEnum):
    WEB = "web"
    EMAIL = "email"
    PHONE = "phone"


class MessageKind(StrEnum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"
    NOTE = "note"


class ContactRole(StrEnum):
    ACCOUNT_HOLDER = "account_holder"
    AUTHORISED_CONTACT = "authorised_contact"
    EMPLOYEE = "employee"


class TicketField(StrEnum):
    """Mutable ticket fields; each change is an append-only record merged by (HLC, node)."""

    STATUS = "status"
    PRIORITY = "priority"
    ASSIGNEE = "assignee"
