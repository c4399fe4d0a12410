"""Whose ticket it is: the customer behind a ticket (refusal banner, customer view, KVKK)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, select

from websight_desk.storage.models import AbuseTermination, Customer, Ticket


@dataclass(frozen=True)
class TicketOwner:
    ticket_id: str
    number: int
    customer_id: str
    customer_code: str


def customer_of_ticket(conn: Connection, ticket_id: str) -> str | None:
    """The id of the ticket's customer, or None if the ticket does not exist (here yet)."""
    customer = conn.execute(
        select(Ticket.customer_id).where(Ticket.id == ticket_id)
    ).scalar_one_or_none()
    return None if customer is None else str(customer)


def customer_has_terminations(conn: Connection, customer_id: str) -> bool:
    """Was a conversation of this customer ever ended for abuse? (Most never were: the refusal
    banner and the ticket pane's abuse action read no further.)"""
    found = conn.execute(
        select(AbuseTermination.id).where(AbuseTermination.customer_id == customer_id).limit(1)
    ).first()
    return found is not None


def ticket_owner(conn: Connection, ticket_id: str) -> TicketOwner | None:
    """The ticket's number with its customer's id and code, or None if there is no ticket."""
    row = conn.execute(
        select(Ticket.number, Customer.id, Customer.code)
        .join(Customer, Customer.id == Ticket.customer_id)
        .where(Ticket.id == ticket_id)
    ).first()
    return None if row is None else TicketOwner(ticket_id, row.number, row.id, row.code)


__all__ = ["TicketOwner", "customer_has_terminations", "customer_of_ticket", "ticket_owner"]
