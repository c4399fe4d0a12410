"""Ticket use cases: open a ticket, post a reply or note, change status/priority/assignee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from websight_desk.domain.enums import (
    Channel,
    Department,
    MessageKind,
    Priority,
    RequesterKind,
    TicketField,
    TicketStatus,
)
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.domain.turkish import normalize
from websight_desk.storage.models import Agent, Customer, Service, Ticket
from websight_desk.storage.ops import to_iso
from websight_desk.storage.outbox import OpWriter

MAX_SUBJECT = 500
MAX_BODY = 100_000


@dataclass(frozen=True)
class OpenTicket:
    customer_id: str
    subject: str
    body: str
    service_id: str | None = None
    requester_kind: RequesterKind = RequesterKind.CUSTOMER
    channel: Channel = Channel.WEB
    department: Department = Department.TECHNICAL
    priority: Priority = Priority.NORMAL
    first_message_kind: MessageKind = MessageKind.INBOUND


@dataclass(frozen=True)
class PostMessage:
    ticket_id: str
    kind: MessageKind
    body: str


@dataclass(frozen=True)
class ChangeField:
    ticket_id: str
    field: TicketField
    value: str | None


@dataclass(frozen=True)
class OpenedTicket:
    ticket_id: str
    number: int
    message_id: str


def _clean_subject(subject: str) -> str:
    subject = normalize(" ".join(subject.split()))
    if not subject:
        raise ValidationError("The subject is empty.")
    if len(subject) > MAX_SUBJECT:
        raise ValidationError(f"The subject is longer than {MAX_SUBJECT} characters.")
    return subject


def _clean_body(body: str) -> str:
    body = normalize(body.replace("\r\n", "\n")).strip("\n")
    if not body.strip():
        raise ValidationError("The message is empty.")
    if len(body) > MAX_BODY:
        raise ValidationError(f"The message is longer than {MAX_BODY} characters.")
    return body


def next_number(w: OpWriter) -> int:
    """Next public ticket number on this workstation (the write lock is already held)."""
    current = w.conn.execute(select(func.max(Ticket.number))).scalar_one_or_none()
    return (current or 10000) + 1


def open_ticket(w: OpWriter, cmd: OpenTicket, *, number: int | None = None) -> OpenedTicket:
    subject = _clean_subject(cmd.subject)
    body = _clean_body(cmd.body)
    if w.conn.execute(select(Customer.id).where(Customer.id == cmd.customer_id)).first() is None:
        raise NotFound("The customer does not exist.")
    if cmd.service_id is not None:
        owner = w.conn.execute(
            select(Service.customer_id).where(Service.id == cmd.service_id)
        ).scalar_one_or_none()
        if owner is None:
            raise NotFound("The service does not exist.")
    ticket_id = new_id()
    number = number if number is not None else next_number(w)
    w.emit(
        "ticket.create",
        ticket_payload(ticket_id, number, cmd, created_by=w.author_id, at=w.now, subject=subject),
    )
    message_id = _emit_message(w, ticket_id, cmd.first_message_kind, body)
    return OpenedTicket(ticket_id, number, message_id)


def ticket_payload(
    ticket_id: str,
    number: int,
    cmd: OpenTicket,
    *,
    created_by: str | None,
    at: datetime,
    subject: str | None = None,
) -> dict[str, object]:
    """The `ticket.create` payload (batch writers emit it with `OpWriter.emit_many`)."""
    return {
        "id": ticket_id,
        "number": number,
        "subject": subject if subject is not None else _clean_subject(cmd.subject),
        "department": Department(cmd.department).value,
        "channel": Channel(cmd.channel).value,
        "customer_id": cmd.customer_id,
        "service_id": cmd.service_id,
        "requester_kind": RequesterKind(cmd.requester_kind).value,
        "created_by": created_by,
        "status": TicketStatus.NEW.value,
        "priority": Priority(cmd.priority).value,
        "assignee_id": None,
        "created_at": to_iso(at),
    }


def message_payload(
    message_id: str,
    ticket_id: str,
    kind: MessageKind,
    body: str,
    *,
    author: str | None,
    at: datetime,
) -> dict[str, object]:
    """The `message.create` payload; the body is cleaned and checked like `post_message`."""
    return {
        "id": message_id,
        "ticket_id": ticket_id,
        "kind": MessageKind(kind).value,
        "author_agent_id": None if kind is MessageKind.INBOUND else author,
        "body": _clean_body(body),
        "created_at": to_iso(at),
    }


def _emit_message(w: OpWriter, ticket_id: str, kind: MessageKind, body: str) -> str:
    message_id = new_id()
    w.emit(
        "message.create",
        message_payload(message_id, ticket_id, kind, body, author=w.author_id, at=w.now),
    )
    return message_id


def _require_ticket(w: OpWriter, ticket_id: str) -> None:
    if w.conn.execute(select(Ticket.id).where(Ticket.id == ticket_id)).first() is None:
        raise NotFound("The ticket does not exist.")


def post_message(w: OpWriter, cmd: PostMessage) -> str:
    """Add a reply, an internal note or a customer message to a ticket."""
    body = _clean_body(cmd.body)
    _require_ticket(w, cmd.ticket_id)
    if cmd.kind is not MessageKind.INBOUND and w.author_id is None:
        raise ValidationError("Choose who you are (an agent) before replying.")
    return _emit_message(w, cmd.ticket_id, cmd.kind, body)


_FIELD_VALUES: dict[TicketField, frozenset[str]] = {
    TicketField.STATUS: frozenset(s.value for s in TicketStatus),
    TicketField.PRIORITY: frozenset(p.value for p in Priority),
}


def change_field(w: OpWriter, cmd: ChangeField) -> str:
    _require_ticket(w, cmd.ticket_id)
    allowed = _FIELD_VALUES.get(cmd.field)
    if allowed is not None and cmd.value not in allowed:
        raise ValidationError(f"{cmd.value!r} is not a valid {cmd.field.value}.")
    if cmd.field is TicketField.ASSIGNEE and cmd.value is not None:
        known = w.conn.execute(select(Agent.id).where(Agent.id == cmd.value)).first()
        if known is None:
            raise NotFound("The agent does not exist.")
    change_id = new_id()
    w.emit("ticket.set_field", field_change_payload(change_id, cmd, w.author_id, w.now))
    return change_id


def field_change_payload(
    change_id: str, cmd: ChangeField, author: str | None, at: datetime
) -> dict[str, object]:
    """The `ticket.set_field` payload; status and priority values are checked here too."""
    allowed = _FIELD_VALUES.get(cmd.field)
    if allowed is not None and cmd.value not in allowed:
        raise ValidationError(f"{cmd.value!r} is not a valid {cmd.field.value}.")
    return {
        "id": change_id,
        "ticket_id": cmd.ticket_id,
        "field": TicketField(cmd.field).value,
        "value": cmd.value,
        "author_agent_id": author,
        "created_at": to_iso(at),
    }
