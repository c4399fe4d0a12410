"""The facts the shared callback rules read, from a client's or the server's database."""

from __future__ import annotations

from sqlalchemy import Connection, select

from websight_desk.domain.callbacks import TextKind
from websight_desk.storage.models import Callback, Contact, KvkkText, Ticket


class StoredCallbackFacts:
    """`domain.callback_rules.CallbackFacts` over the tables every replica shares."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn

    def ticket_customer(self, ticket_id: str) -> str | None:
        found = self.conn.execute(select(Ticket.customer_id).where(Ticket.id == ticket_id))
        return found.scalar_one_or_none()

    def contact_customer(self, contact_id: str) -> str | None:
        found = self.conn.execute(select(Contact.customer_id).where(Contact.id == contact_id))
        return found.scalar_one_or_none()

    def callback_ticket(self, callback_id: str) -> str | None:
        found = self.conn.execute(select(Callback.ticket_id).where(Callback.id == callback_id))
        return found.scalar_one_or_none()

    def text_exists(self, kind: TextKind, version: int, lang: str) -> bool:
        found = self.conn.execute(
            select(KvkkText.id).where(
                KvkkText.kind == kind.value, KvkkText.version == version, KvkkText.lang == lang
            )
        )
        return found.first() is not None
