"""One ticket as the ticket pane shows it: facts, customer and service context, the thread."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, Row, Table, select

from websight_desk.domain.enums import (
    Channel,
    ContactRole,
    MessageKind,
    Priority,
    RequesterKind,
    ServiceKind,
    TicketStatus,
)
from websight_desk.domain.ticket_views import (
    CustomerSummary,
    MessageView,
    ResellerRef,
    ServiceView,
    TicketDetail,
)
from websight_desk.storage.models import (
    Agent,
    Contact,
    Customer,
    Message,
    ProvisionalNumber,
    Service,
    Ticket,
)

_SERVICES: Table = Service.__table__  # type: ignore[assignment]


def customer_names(conn: Connection, customer_ids: Iterable[str]) -> dict[str, str]:
    """Display name per customer: its account holder's name, else any named contact."""
    ids = sorted(set(customer_ids))
    if not ids:
        return {}
    rows = conn.execute(
        select(Contact.customer_id, Contact.role, Contact.name)
        .where(
            Contact.customer_id.in_(ids),
            Contact.erased_at.is_(None),
            Contact.name.is_not(None),
        )
        .order_by(Contact.created_at, Contact.id)
    ).all()
    names: dict[str, str] = {}
    for r in rows:
        holder = r.role == ContactRole.ACCOUNT_HOLDER.value
        if r.name and (r.customer_id not in names or holder):
            names[r.customer_id] = r.name
    return names


def service_views(conn: Connection, service_ids: Iterable[str]) -> dict[str, ServiceView]:
    """Services by id, with the reseller each came through."""
    ids = sorted(set(service_ids))
    if not ids:
        return {}
    rows = conn.execute(select(_SERVICES).where(_SERVICES.c.id.in_(ids))).all()
    return _service_views(conn, rows)


def services_of_customer(conn: Connection, customer_id: str) -> tuple[ServiceView, ...]:
    rows = conn.execute(
        select(_SERVICES)
        .where(_SERVICES.c.customer_id == customer_id)
        .order_by(_SERVICES.c.created_at, _SERVICES.c.id)
    ).all()
    return tuple(_service_views(conn, rows).values())


def _service_views(conn: Connection, rows: Sequence[Row[Any]]) -> dict[str, ServiceView]:
    reseller_ids = {r.reseller_id for r in rows if r.reseller_id}
    resellers: dict[str, ResellerRef] = {}
    if reseller_ids:
        names = customer_names(conn, reseller_ids)
        for rid, code in conn.execute(
            select(Customer.id, Customer.code).where(Customer.id.in_(sorted(reseller_ids)))
        ):
            resellers[rid] = ResellerRef(rid, code, names.get(rid))
    return {
        r.id: ServiceView(
            id=r.id,
            customer_id=r.customer_id,
            kind=ServiceKind(r.kind),
            label=r.label,
            delivered_at=r.delivered_at,
            has_sla=bool(r.has_sla),
            managed=bool(r.managed),
            reseller=resellers.get(r.reseller_id) if r.reseller_id else None,
        )
        for r in rows
    }


def customer_summary(conn: Connection, customer_id: str) -> CustomerSummary | None:
    row = conn.execute(
        select(Customer.id, Customer.code, Customer.kind).where(Customer.id == customer_id)
    ).first()
    if row is None:
        return None
    name = customer_names(conn, [customer_id]).get(customer_id)
    return CustomerSummary(row.id, row.code, row.kind, name)


def thread(conn: Connection, ticket_id: str) -> tuple[MessageView, ...]:
    """The ticket's messages, oldest first (ids are time-ordered UUIDv7: a stable tie-break)."""
    rows = conn.execute(
        select(
            Message.id,
            Message.kind,
            Message.body,
            Message.created_at,
            Message.redacted_at,
            Agent.display_name,
        )
        .outerjoin(Agent, Agent.id == Message.author_agent_id)
        .where(Message.ticket_id == ticket_id)
        .order_by(Message.created_at, Message.id)
    ).all()
    return tuple(
        MessageView(
            id=r.id,
            kind=MessageKind(r.kind),
            body=r.body,
            author_name=r.display_name,
            created_at=r.created_at,
            redacted=r.redacted_at is not None,
        )
        for r in rows
    )


def message_ids(conn: Connection, ticket_id: str) -> frozenset[str]:
    """Cheap check for "did a message arrive since I looked?"."""
    return frozenset(
        conn.execute(select(Message.id).where(Message.ticket_id == ticket_id)).scalars()
    )


def ticket_detail(conn: Connection, ticket_id: str) -> TicketDetail | None:
    """Everything the ticket pane shows, or None if the ticket does not exist (here, yet)."""
    tickets: Table = Ticket.__table__  # type: ignore[assignment]
    t = conn.execute(select(tickets).where(tickets.c.id == ticket_id)).first()
    if t is None:
        return None
    customer = customer_summary(conn, t.customer_id)
    if customer is None:  # a ticket whose customer has not synced yet
        customer = CustomerSummary(t.customer_id, "?", "individual", None)
    service = service_views(conn, [t.service_id]).get(t.service_id) if t.service_id else None
    assignee_name = None
    if t.assignee_id:
        assignee_name = conn.execute(
            select(Agent.display_name).where(Agent.id == t.assignee_id)
        ).scalar_one_or_none()
    return TicketDetail(
        id=t.id,
        number=t.number,
        subject=t.subject,
        status=TicketStatus(t.status),
        priority=Priority(t.priority),
        channel=Channel(t.channel),
        requester_kind=RequesterKind(t.requester_kind),
        assignee_id=t.assignee_id,
        assignee_name=assignee_name,
        created_at=t.created_at,
        updated_at=t.updated_at,
        customer=customer,
        service=service,
        messages=thread(conn, t.id),
        provisional_number=conn.execute(
            select(ProvisionalNumber.number).where(ProvisionalNumber.ticket_id == t.id)
        ).scalar_one_or_none(),
    )


__all__ = [
    "customer_names",
    "customer_summary",
    "message_ids",
    "service_views",
    "services_of_customer",
    "thread",
    "ticket_detail",
]
