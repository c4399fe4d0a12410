"""What the callback dialog needs about its ticket besides the profile: when it began."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, func, select

from websight_desk.storage.models import Message, Ticket


def first_message_at(conn: Connection, ticket_id: str) -> datetime | None:
    """When the ticket's first message was written (else the ticket itself; None: no ticket)."""
    first = conn.execute(
        select(func.min(Message.created_at)).where(Message.ticket_id == ticket_id)
    ).scalar_one_or_none()
    if first is not None:
        return first if isinstance(first, datetime) else None
    return conn.execute(
        select(Ticket.created_at).where(Ticket.id == ticket_id)
    ).scalar_one_or_none()


__all__ = ["first_message_at"]
