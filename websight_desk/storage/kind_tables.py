"""The table each op kind creates a row in (its payload `id` is that row's key).

Declared once for the server's checks (references, append-only) and for the workstation's
bookkeeping of its own ops (adoption of earlier work, roll-backs).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table

from websight_desk.storage.models import (
    AbuseReview,
    AbuseTermination,
    Agent,
    AuditEvent,
    Callback,
    Contact,
    Customer,
    KvkkErasure,
    KvkkPurgeRun,
    KvkkRequest,
    KvkkRequestClosure,
    KvkkText,
    LegalHold,
    LegalHoldRelease,
    Message,
    RefusalOverride,
    Service,
    Ticket,
    TicketFieldChange,
)


def _t(model: Any) -> Table:
    table: Table = model.__table__
    return table


# The table whose row an op of the kind creates (its payload `id` is that row's key).
TABLES: dict[str, Table] = {
    "agent.upsert": _t(Agent),
    "customer.create": _t(Customer),
    "contact.upsert": _t(Contact),
    "service.upsert": _t(Service),
    "ticket.create": _t(Ticket),
    "message.create": _t(Message),
    "ticket.set_field": _t(TicketFieldChange),
    "audit.create": _t(AuditEvent),
    "callback.create": _t(Callback),
    "legal_hold.set": _t(LegalHold),
    "legal_hold.release": _t(LegalHoldRelease),
    "kvkk_text.create": _t(KvkkText),
    "kvkk_request.create": _t(KvkkRequest),
    "kvkk_request.close": _t(KvkkRequestClosure),
    "kvkk.purge": _t(KvkkPurgeRun),
    "kvkk.erase": _t(KvkkErasure),
    "termination.create": _t(AbuseTermination),
    "review.create": _t(AbuseReview),
    "override.create": _t(RefusalOverride),
}
