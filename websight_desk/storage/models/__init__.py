"""ORM models. Importing this package registers every table on `Base.metadata`."""

from websight_desk.storage.models.audit import AuditEvent
from websight_desk.storage.models.base import Base
from websight_desk.storage.models.people import Agent, Contact, Customer, Service
from websight_desk.storage.models.sync import SyncOutbox, SyncQuarantine, SyncState
from websight_desk.storage.models.tickets import Message, Ticket, TicketFieldChange, TicketTriage

__all__ = [
    "Agent",
    "AuditEvent",
    "Base",
    "Contact",
    "Customer",
    "Message",
    "Service",
    "SyncOutbox",
    "SyncQuarantine",
    "SyncState",
    "Ticket",
    "TicketFieldChange",
    "TicketTriage",
]
