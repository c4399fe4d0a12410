"""What the ticket queue shows: frozen rows, sort keys and the query a view asks for."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum


class SortKey(StrEnum):
    """Queue columns the database can sort by."""

    NUMBER = "number"
    SUBJECT = "subject"
    CUSTOMER = "customer"
    SERVICE = "service"
    STATUS = "status"
    PRIORITY = "priority"
    AGE = "age"
    UPDATED = "updated"
    ASSIGNEE = "assignee"
    VERDICT = "verdict"


@dataclass(frozen=True)
class QueueQuery:
    """One view of the queue: which view, an optional search text, the sort order."""

    view: str = "all_open"
    search: str = ""
    sort: SortKey = SortKey.NUMBER
    descending: bool = True
    agent_id: str | None = None


@dataclass(frozen=True)
class QueueRow:
    """One ticket as a queue line; the customer's name in full (agents work with it, #18)."""

    ticket_id: str
    number: int
    subject: str
    customer: str
    service_kind: str | None
    status: str
    priority: str
    created_at: datetime
    updated_at: datetime
    assignee: str | None
    verdict: str | None
    flags: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class ViewInfo:
    """A queue view as listed in the view picker (`label` is an untranslated msgid)."""

    key: str
    label: str
    roles: frozenset[str] | None = None  # None = every role


@dataclass(frozen=True)
class FlagInfo:
    """A queue flag: a symbol shown in the flags column plus its untranslated description."""

    key: str
    symbol: str
    label: str


@dataclass(frozen=True)
class AgentSummary:
    """Who works at this workstation, for the status bar."""

    agent_id: str
    display_name: str
    role: str
