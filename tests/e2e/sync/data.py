"""Create support data on a workstation through the real services."""

from __future__ import annotations

from websight_desk.domain.enums import MessageKind, TicketField
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk


def make_tickets(desk: Desk, n: int, *, prefix: str = "C") -> list[str]:
    """n customers with a ticket and a reply each; returns the ticket ids."""
    ids: list[str] = []
    with desk.writer() as w:
        for i in range(n):
            cust = people.add_customer(
                w, people.NewCustomer(code=f"{prefix}{i}-{w.now.timestamp()}", kind="individual")
            )
            t = tickets.open_ticket(
                w,
                tickets.OpenTicket(customer_id=cust, subject=f"Sorun {i}", body="Şifre çalışmıyor"),
            )
            tickets.post_message(w, tickets.PostMessage(t.ticket_id, MessageKind.NOTE, f"not {i}"))
            ids.append(t.ticket_id)
    return ids


def set_status(desk: Desk, ticket_id: str, value: str) -> str:
    with desk.writer() as w:
        return tickets.change_field(w, tickets.ChangeField(ticket_id, TicketField.STATUS, value))
