"""File one inbound mail: a new ticket, a message on the ticket it answers, or noise set aside.

All in the caller's writing transaction, so the mailbox is told "seen" only after this
commits; a mail whose Message-ID is already filed is a duplicate and changes nothing.

* Thread: `In-Reply-To`/`References` naming a mail we know (ours or the customer's), then a
  `[#number]` token in the subject — believed only from the ticket's customer or from an
  address that already wrote on it (anyone could type a number).
* Sender: matched to a customer contact by address; an unknown address gets a placeholder
  customer of its own (`domain.mail_senders`: "sender not verified").
* A customer refused service after a confirmed abuse review: the mail is filed with the
  refusal (on the refused ticket, or a new ticket already `terminated`), never reopening
  anything and never counted as a new request; nothing is mailed back.
* Noise: mail from our own addresses, bounces (the refused reply is marked `bounced`),
  auto-replies and bulk mail, more than `RATE_LIMIT` requests an hour from one sender.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from websight_desk.domain.enums import (
    Channel,
    ContactRole,
    MessageKind,
    Priority,
    RequesterKind,
    TicketField,
    TicketStatus,
)
from websight_desk.domain.ids import new_id
from websight_desk.domain.mail_senders import FIRST_UNVERIFIED_CODE, is_unverified_code
from websight_desk.server.mail import ack, records
from websight_desk.server.mail.config import Mailbox
from websight_desk.server.mail.parse import MAX_BODY, ParsedMail, parse_mail
from websight_desk.server.mail.records import MailRow
from websight_desk.server.mail.server_ops import ServerOps, refusal_of
from websight_desk.server.stamps import CustomerCodes, TicketNumbers
from websight_desk.storage.models import Contact, Customer, Ticket
from websight_desk.storage.ops import to_iso

RATE_LIMIT = 20  # requests per sender per RATE_WINDOW; more are set aside, not filed
RATE_WINDOW = timedelta(hours=1)
REOPEN = frozenset({TicketStatus.PENDING, TicketStatus.RESOLVED, TicketStatus.CLOSED})
NO_SUBJECT = "(no subject)"
_TOKEN = re.compile(r"\[#([0-9]{1,9})\]")


@dataclass(frozen=True)
class Filed:
    outcome: str  # ticket | message | duplicate | ignored | bounce
    ticket_id: str | None = None
    reason: str | None = None


@dataclass(frozen=True)
class Source:
    """Where a request came from: a mailbox, or the web-form intake."""

    name: str | None
    department: str
    address: str | None  # our address it was sent to (replies come from it)
    channel: Channel = Channel.EMAIL
    direction: str = "in"
    created_by: str | None = None  # the intake account; None for mail
    ack: bool = False  # acknowledge a new ticket to its sender (`ack.py`)

    @classmethod
    def of(cls, box: Mailbox) -> Source:
        return cls(box.name, box.department, box.address, ack=box.ack)


@dataclass(frozen=True)
class Sender:
    customer_id: str
    verified: bool


def match_sender(conn: Connection, address: str) -> Sender | None:
    """The customer whose contact holds this address; verified customers first."""
    rows = conn.execute(
        select(Contact.customer_id, Customer.code)
        .join(Customer, Customer.id == Contact.customer_id)
        .where(func.lower(Contact.email) == address, Contact.erased_at.is_(None))
        .order_by(Contact.hlc.desc())
    ).all()
    verified = [r for r in rows if not is_unverified_code(r.code)]
    if verified:
        return Sender(verified[0].customer_id, True)
    return Sender(rows[0].customer_id, False) if rows else None


def _ticket(conn: Connection, **where: Any) -> Any:
    query = select(Ticket.id, Ticket.customer_id, Ticket.status, Ticket.number)
    for name, value in where.items():
        query = query.where(getattr(Ticket, name) == value)
    return conn.execute(query).first()


def _thread_ticket(conn: Connection, mail: ParsedMail, sender: Sender | None) -> Any:
    ticket_id = records.ticket_of_thread(conn, mail.thread_ids())
    if ticket_id is not None:
        return _ticket(conn, id=ticket_id)
    token = _TOKEN.search(mail.subject)
    if token is None:
        return None
    ticket = _ticket(conn, number=int(token.group(1)))
    if ticket is None:
        return None
    if sender is not None and sender.customer_id == ticket.customer_id:
        return ticket
    return ticket if records.sent_on_ticket(conn, ticket.id, mail.from_address) else None


def _noise(conn: Connection, mail: ParsedMail, own: frozenset[str], now: datetime) -> str | None:
    if mail.from_address in own:
        return "from our own address (a loop)"
    if mail.automatic:
        return f"automatic mail ({mail.automatic})"
    if not mail.from_address:
        return "no sender address"
    if records.recent_from(conn, mail.from_address, now - RATE_WINDOW) >= RATE_LIMIT:
        return f"rate limit: over {RATE_LIMIT} requests an hour from this sender"
    return None


def _row(mail: ParsedMail, box: Source, state: str, **values: Any) -> MailRow:
    return MailRow(
        message_id=mail.message_id,
        direction=box.direction,
        state=state,
        mailbox=box.name,
        in_reply_to=mail.in_reply_to,
        references=" ".join(mail.references) or None,
        from_address=mail.from_address or None,
        reply_to=mail.reply_to,
        to_address=box.address,
        **values,
    )


def _file_bounce(conn: Connection, mail: ParsedMail, raw: bytes, box: Source) -> Filed:
    assert mail.bounce is not None
    now = datetime.now(UTC)
    original = records.known(conn, mail.bounce.original_id) if mail.bounce.original_id else None
    if original is None or original.direction != "out":
        reason = "a bounce of a mail we did not send"
        records.record(conn, _row(mail, box, "ignored", reason=reason), raw, now)
        return Filed("ignored", reason=reason)
    records.set_state(conn, original.id, "bounced", mail.bounce.status, next_attempt_at=None)
    row = _row(mail, box, "bounce", ticket_id=original.ticket_id, reason=mail.bounce.status)
    records.record(conn, row, raw, now)
    return Filed("bounce", original.ticket_id, mail.bounce.status)


def file_mail(conn: Connection, raw: bytes, mailbox: Mailbox, own: frozenset[str]) -> Filed:
    """File one raw mail from `mailbox` in the caller's transaction."""
    mail = parse_mail(raw)
    box = Source.of(mailbox)
    if records.known(conn, mail.message_id) is not None:
        return Filed("duplicate")
    now = datetime.now(UTC)
    if mail.bounce is not None and mail.from_address not in own:
        return _file_bounce(conn, mail, raw, box)
    reason = _noise(conn, mail, own, now)
    if reason is not None:
        records.record(conn, _row(mail, box, "ignored", reason=reason), raw, now)
        return Filed("ignored", reason=reason)
    return file_request(conn, mail, raw, box, now)


def set_aside(conn: Connection, raw: bytes, box: Mailbox) -> str:
    """Keep a mail the filing could not handle (a bug): its source stays for a person to see."""
    try:
        message_id = parse_mail(raw).message_id
    except Exception:
        message_id = f"<{hashlib.sha256(raw).hexdigest()}@unreadable.invalid>"
    if records.known(conn, message_id) is None:
        reason = "could not be filed (see the server log)"
        row = MailRow(message_id, "in", "failed", mailbox=box.name, reason=reason)
        records.record(conn, row, raw, datetime.now(UTC))
    return "failed"


def _placeholder(ops: ServerOps, conn: Connection, mail: ParsedMail, at: str) -> str:
    customer_id = new_id()
    code = CustomerCodes(conn).free(FIRST_UNVERIFIED_CODE)
    ops.add(
        "customer.create", {"id": customer_id, "code": code, "kind": "individual", "created_at": at}
    )
    ops.add(
        "contact.upsert",
        {
            "id": new_id(),
            "customer_id": customer_id,
            "role": ContactRole.ACCOUNT_HOLDER.value,
            "name": mail.from_name or None,
            "email": mail.from_address,
            "phone": None,
            "created_at": at,
        },
    )
    return customer_id


def file_request(
    conn: Connection, mail: ParsedMail, raw: bytes | None, box: Source, now: datetime
) -> Filed:
    """A customer's request: a new ticket or a message on the ticket it continues."""
    ops = ServerOps(conn)
    at = str(to_iso(now))
    sender = match_sender(conn, mail.from_address)
    ticket = _thread_ticket(conn, mail, sender)
    customer_id = ticket.customer_id if ticket else (sender.customer_id if sender else None)
    refusal = refusal_of(conn, customer_id) if customer_id else None
    if ticket is None and refusal is not None and refusal.ticket_id:
        ticket = _ticket(conn, id=refusal.ticket_id)
    outcome = "message"
    if ticket is not None:
        ticket_id = str(ticket.id)
        if refusal is None and TicketStatus(ticket.status) in REOPEN:
            ops.add(
                "ticket.set_field",
                {
                    "id": new_id(),
                    "ticket_id": ticket_id,
                    "field": TicketField.STATUS.value,
                    "value": TicketStatus.OPEN.value,
                    "author_agent_id": None,
                    "created_at": at,
                },
            )
    else:
        outcome = "ticket"
        customer_id = customer_id or _placeholder(ops, conn, mail, at)
        ticket_id = new_id()
        status = TicketStatus.TERMINATED if refusal is not None else TicketStatus.NEW
        number = TicketNumbers(conn).take()
        ops.add(
            "ticket.create",
            {
                "id": ticket_id,
                "number": number,
                "subject": mail.subject or NO_SUBJECT,
                "department": box.department,
                "channel": box.channel.value,
                "customer_id": customer_id,
                "service_id": None,
                "requester_kind": RequesterKind.CUSTOMER.value,
                "created_by": box.created_by,
                "status": status.value,
                "priority": Priority.NORMAL.value,
                "assignee_id": None,
                "created_at": at,
            },
        )
    message_id = new_id()
    note = "filed with the refusal of service" if refusal is not None else None
    row = _row(mail, box, "filed", ticket_id=ticket_id, desk_message_id=message_id, reason=note)
    mail_id = records.record(conn, row, raw, now)
    lines = records.store_attachments(conn, mail_id, mail.attachments, now)
    body = "\n\n".join(p for p in (mail.text, "\n".join(lines)) if p) or "(empty message)"
    ops.add(
        "message.create",
        {
            "id": message_id,
            "ticket_id": ticket_id,
            "kind": MessageKind.INBOUND.value,
            "author_agent_id": None,
            "body": body[:MAX_BODY],
            "created_at": at,
        },
    )
    ops.commit()
    if outcome == "ticket" and box.ack and refusal is None:
        subject = mail.subject or NO_SUBJECT
        ack.acknowledge(
            conn,
            mail,
            ticket_id=ticket_id,
            number=number,
            subject=subject,
            support_address=box.address,
            now=now,
        )
    return Filed(outcome, ticket_id, note)
