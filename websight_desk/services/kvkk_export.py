"""Export everything held about a customer as JSON (KVKK Art. 11 access request), audited."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, or_, select

from websight_desk.domain import audit_kinds
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.i18n import _
from websight_desk.storage.models import (
    AbuseReview,
    AbuseTermination,
    AuditEvent,
    Callback,
    CallbackPersonal,
    Contact,
    Customer,
    KvkkErasure,
    KvkkRequest,
    KvkkRequestClosure,
    LegalHold,
    LegalHoldRelease,
    Message,
    RefusalOverride,
    Service,
    Ticket,
    TicketFieldChange,
)
from websight_desk.storage.ops import canonical_json, to_iso

if TYPE_CHECKING:
    from websight_desk.services.desk import Desk
from websight_desk.services.kvkk_erase import require_admin

EXPORT_KIND = audit_kinds.KVKK_EXPORT
FORMAT = "websight-desk/kvkk-export/2"  # documented in docs/KVKK_EXPORT.md
_SKIP = frozenset({"hlc", "node_id", "chain_prev", "chain_hash"})


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return to_iso(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def _rows(conn: Connection, model: Any, *where: Any) -> list[dict[str, Any]]:
    table: Table = model.__table__
    result = conn.execute(select(table).where(*where).order_by(*table.primary_key.columns))
    return [{k: _plain(v) for k, v in row._mapping.items() if k not in _SKIP} for row in result]


def collect(conn: Connection, customer_id: str) -> dict[str, Any]:
    """Everything about one customer, as plain JSON-ready data."""
    customer = _rows(conn, Customer, Customer.id == customer_id)
    if not customer:
        raise NotFound(_("The customer does not exist."))
    tickets = select(Ticket.id).where(Ticket.customer_id == customer_id)
    contacts = select(Contact.id).where(Contact.customer_id == customer_id)
    callbacks = select(Callback.id).where(Callback.customer_id == customer_id)
    audit = _rows(
        conn,
        AuditEvent,
        or_(
            (AuditEvent.subject_type == "customer") & (AuditEvent.subject_id == customer_id),
            (AuditEvent.subject_type == "contact") & AuditEvent.subject_id.in_(contacts),
            (AuditEvent.subject_type == "callback") & AuditEvent.subject_id.in_(callbacks),
            (AuditEvent.subject_type == "ticket") & AuditEvent.subject_id.in_(tickets),
        ),
    )
    terminations = select(AbuseTermination.id).where(AbuseTermination.customer_id == customer_id)
    requests = select(KvkkRequest.id).where(KvkkRequest.customer_id == customer_id)
    holds = _rows(
        conn,
        LegalHold,
        or_(
            (LegalHold.subject_type == "customer") & (LegalHold.subject_id == customer_id),
            (LegalHold.subject_type == "ticket") & LegalHold.subject_id.in_(tickets),
            (LegalHold.subject_type == "callback") & LegalHold.subject_id.in_(callbacks),
        ),
    )
    hold_ids = [h["id"] for h in holds]
    return {
        "format": FORMAT,
        "customer": customer[0],
        "contacts": _rows(conn, Contact, Contact.customer_id == customer_id),
        "services": _rows(conn, Service, Service.customer_id == customer_id),
        "tickets": _rows(conn, Ticket, Ticket.customer_id == customer_id),
        "messages": _rows(conn, Message, Message.ticket_id.in_(tickets)),
        "ticket_field_changes": _rows(
            conn, TicketFieldChange, TicketFieldChange.ticket_id.in_(tickets)
        ),
        "callbacks": _rows(conn, Callback, Callback.customer_id == customer_id),
        "callback_personal": _rows(
            conn, CallbackPersonal, CallbackPersonal.callback_id.in_(callbacks)
        ),
        "abuse_terminations": _rows(
            conn, AbuseTermination, AbuseTermination.customer_id == customer_id
        ),
        "abuse_reviews": _rows(conn, AbuseReview, AbuseReview.termination_id.in_(terminations)),
        "refusal_overrides": _rows(
            conn, RefusalOverride, RefusalOverride.customer_id == customer_id
        ),
        "legal_holds": holds,
        "legal_hold_releases": _rows(
            conn, LegalHoldRelease, LegalHoldRelease.hold_id.in_(hold_ids)
        ),
        "kvkk_requests": _rows(conn, KvkkRequest, KvkkRequest.customer_id == customer_id),
        "kvkk_request_closures": _rows(
            conn, KvkkRequestClosure, KvkkRequestClosure.request_id.in_(requests)
        ),
        "erasures": _rows(conn, KvkkErasure, KvkkErasure.customer_id == customer_id),
        "access_audit": audit,
        # Nothing about the person is left out of an export; what an erasure or the retention
        # job blanked is gone everywhere and shows as null or "" with `erased_at` /
        # `anonymised_at` saying when.
        "withheld": [],
    }


def export_customer(desk: Desk, customer_id: str, reason: str) -> dict[str, Any]:
    """Collect a customer's data and record the export in the audit, in one transaction."""
    why = " ".join(reason.split())
    if not why:
        raise ValidationError(_("Record why the data is exported (e.g. the request ticket)."))
    with desk.writer() as w:
        require_admin(w, _("Only a data-protection admin may export a customer's data."))
        data = collect(w.conn, customer_id)
        counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
        w.emit(
            "audit.create",
            {
                "id": new_id(),
                "kind": EXPORT_KIND,
                "actor_agent_id": w.author_id,
                "subject_type": "customer",
                "subject_id": customer_id,
                "reason": why[:500],
                "details": canonical_json({"counts": counts}),
                "created_at": to_iso(w.now),
            },
        )
        data["exported_at"] = to_iso(w.now)
        data["exported_by"] = w.author_id
    return data


def to_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True)
