"""Customers for the customer view and the new-ticket dialog: search, contacts, tickets."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, func, or_, select

from websight_desk.domain.enums import ContactRole, TicketStatus
from websight_desk.domain.ticket_views import (
    ContactView,
    CustomerDetail,
    CustomerSummary,
    TicketRow,
)
from websight_desk.domain.turkish import fold
from websight_desk.storage.models import Contact, Customer, Service, Ticket
from websight_desk.storage.queries.ticket_detail import (
    customer_names,
    customer_summary,
    services_of_customer,
)

FOLD_SQL = "ws_fold"  # a per-connection SQLite function: Turkish-aware folding


def _register_fold(conn: Connection) -> None:
    # SQLite's lower()/LIKE know ASCII only; "şahin" must find "ŞAHİN" and "Sahin".
    raw = conn.connection.driver_connection
    create = getattr(raw, "create_function", None)
    if create is not None:
        create(FOLD_SQL, 1, lambda v: fold(v) if isinstance(v, str) else v, deterministic=True)


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def find_customers(conn: Connection, query: str, *, limit: int = 50) -> tuple[CustomerSummary, ...]:
    """Customers whose code or contact name contains `query` (Turkish-aware, any case)."""
    needle = fold(" ".join(query.split()))
    if not needle:
        return ()
    _register_fold(conn)
    pattern = _like(needle)
    by_name = (
        select(Contact.customer_id)
        .where(
            Contact.erased_at.is_(None),
            func.ws_fold(Contact.name).like(pattern, escape="\\"),
        )
        .scalar_subquery()
    )
    rows = conn.execute(
        select(Customer.id, Customer.code, Customer.kind)
        .where(
            or_(
                func.ws_fold(Customer.code).like(pattern, escape="\\"),
                Customer.id.in_(by_name),
            )
        )
        # Exact and prefix code hits first: agents usually read the code out.
        .order_by(
            (func.ws_fold(Customer.code) != needle),
            ~func.ws_fold(Customer.code).like(f"{needle}%"),
            Customer.code,
        )
        .limit(limit)
    ).all()
    names = customer_names(conn, [r.id for r in rows])
    return tuple(CustomerSummary(r.id, r.code, r.kind, names.get(r.id)) for r in rows)


def contacts_of(conn: Connection, customer_id: str) -> tuple[ContactView, ...]:
    rows = conn.execute(
        select(Contact)
        .where(Contact.customer_id == customer_id)
        .order_by(Contact.created_at, Contact.id)
    ).all()
    return tuple(
        ContactView(
            id=r.id,
            role=ContactRole(r.role),
            name=r.name,
            email=r.email,
            phone=r.phone,
            erased=r.erased_at is not None,
        )
        for r in rows
    )


def customer_code(conn: Connection, customer_id: str) -> str | None:
    """The customer's code ("C-1001"), or None if there is no such customer."""
    code = conn.execute(
        select(Customer.code).where(Customer.id == customer_id)
    ).scalar_one_or_none()
    return None if code is None else str(code)


def contact_phones(conn: Connection, contact_ids: Iterable[str]) -> dict[str, str]:
    """The full stored number of each of these contacts that has one (never shown unasked:
    the callback dialog records it, the screen shows it masked until revealed)."""
    ids = sorted(set(contact_ids))
    if not ids:
        return {}
    rows = conn.execute(
        select(Contact.id, Contact.phone).where(Contact.id.in_(ids), Contact.phone.is_not(None))
    ).all()
    return {r.id: str(r.phone) for r in rows}


def tickets_of(conn: Connection, customer_id: str, *, limit: int = 200) -> tuple[TicketRow, ...]:
    """The customer's most recently updated tickets."""
    rows = conn.execute(
        select(
            Ticket.id,
            Ticket.number,
            Ticket.subject,
            Ticket.status,
            Ticket.updated_at,
            Service.label,
        )
        .outerjoin(Service, Service.id == Ticket.service_id)
        .where(Ticket.customer_id == customer_id)
        .order_by(Ticket.updated_at.desc(), Ticket.id.desc())
        .limit(limit)
    ).all()
    return tuple(
        TicketRow(r.id, r.number, r.subject, TicketStatus(r.status), r.label, r.updated_at)
        for r in rows
    )


def customer_detail(conn: Connection, customer_id: str) -> CustomerDetail | None:
    """Contacts, services and tickets of one customer, or None if it does not exist."""
    summary = customer_summary(conn, customer_id)
    if summary is None:
        return None
    return CustomerDetail(
        customer=summary,
        contacts=contacts_of(conn, customer_id),
        services=services_of_customer(conn, customer_id),
        tickets=tickets_of(conn, customer_id),
    )


__all__ = [
    "contact_phones",
    "contacts_of",
    "customer_code",
    "customer_detail",
    "find_customers",
    "tickets_of",
]
