"""ORM models. Importing this package registers every table on `Base.metadata`."""

from websight_desk.storage.models.abuse import AbuseReview, AbuseTermination, RefusalOverride
from websight_desk.storage.models.audit import AuditEvent
from websight_desk.storage.models.base import Base
from websight_desk.storage.models.callbacks import (
    Callback,
    CallbackPersonal,
    KvkkErasure,
    KvkkPurgeRun,
    KvkkRequest,
    KvkkRequestClosure,
    KvkkText,
    LegalHold,
    LegalHoldRelease,
)
from websight_desk.storage.models.company import CompanySettingsCopy
from websight_desk.storage.models.local import ProvisionalNumber
from websight_desk.storage.models.people import Agent, Contact, Customer, Service
from websight_desk.storage.models.sync import SyncConflict, SyncOutbox, SyncQuarantine, SyncState
from websight_desk.storage.models.tickets import Message, Ticket, TicketFieldChange, TicketTriage

__all__ = [
    "AbuseReview",
    "AbuseTermination",
    "Agent",
    "AuditEvent",
    "Base",
    "Callback",
    "CallbackPersonal",
    "CompanySettingsCopy",
    "Contact",
    "Customer",
    "KvkkErasure",
    "KvkkPurgeRun",
    "KvkkRequest",
    "KvkkRequestClosure",
    "KvkkText",
    "LegalHold",
    "LegalHoldRelease",
    "Message",
    "ProvisionalNumber",
    "RefusalOverride",
    "Service",
    "SyncConflict",
    "SyncOutbox",
    "SyncQuarantine",
    "SyncState",
    "Ticket",
    "TicketFieldChange",
    "TicketTriage",
]
