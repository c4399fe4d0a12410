"""Bulk changes from the queue: one status or one assignee for many tickets at once.

`change_many(desk, BulkChange(...))` is one use case and one local transaction: one
`ticket.set_field` op per ticket that changes, or nothing at all. Tickets the agent may not
change are left alone and reported with the reason, so the queue can say what happened;
tickets that already have the value are not written again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sqlalchemy import Connection, select

from websight_desk.domain.enums import Role, TicketField, TicketStatus
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.i18n import _
from websight_desk.services import tickets
from websight_desk.services.desk import Desk
from websight_desk.storage.models import Agent, Ticket

MAX_TICKETS = 5_000  # one transaction; more is a mistake (a whole archive), not a day's work
_CHUNK = 500  # ids per IN (...) list: well under SQLite's parameter limit
# Statuses a bulk change may set: "ended for abuse" needs its own dialog (evidence, review).
BULK_STATUSES = frozenset(
    {
        TicketStatus.NEW,
        TicketStatus.OPEN,
        TicketStatus.PENDING,
        TicketStatus.RESOLVED,
        TicketStatus.CLOSED,
    }
)
ASSIGNABLE = frozenset({Role.AGENT.value, Role.SHIFT_LEAD.value})


class Refusal(StrEnum):
    """Why a ticket of the selection was not changed."""

    GONE = "gone"  # no longer in the store (erased meanwhile)
    ENDED = "ended"  # ended for abuse: its status follows the shift lead's review


@dataclass(frozen=True)
class BulkChange:
    """Set `field` (status or assignee) to `value` on every ticket of `ticket_ids`."""

    ticket_ids: tuple[str, ...]
    field: TicketField
    value: str | None


@dataclass(frozen=True)
class Refused:
    ticket_id: str
    number: int | None  # None: the ticket is gone
    reason: Refusal


@dataclass(frozen=True)
class BulkResult:
    changed: tuple[str, ...]  # ticket ids written
    unchanged: tuple[str, ...] = ()  # already had the value
    refused: tuple[Refused, ...] = field(default_factory=tuple)


def _check(conn: Connection, cmd: BulkChange, author: str | None) -> None:
    if author is None:
        raise ValidationError(_("Choose who you are (an agent) first."))
    if not cmd.ticket_ids:
        raise ValidationError(_("No ticket is selected."))
    if len(cmd.ticket_ids) > MAX_TICKETS:
        raise ValidationError(
            _("At most {n} tickets can be changed at once.").format(n=MAX_TICKETS)
        )
    if cmd.field is TicketField.STATUS:
        if cmd.value not in {s.value for s in BULK_STATUSES}:
            raise ValidationError(
                _("A conversation is ended for abuse one ticket at a time, with its evidence.")
            )
    elif cmd.field is TicketField.ASSIGNEE:
        if cmd.value is not None:
            role = conn.execute(
                select(Agent.role).where(Agent.id == cmd.value)
            ).scalar_one_or_none()
            if role is None:
                raise NotFound(_("The agent does not exist."))
            if role not in ASSIGNABLE:
                raise ValidationError(_("Tickets are assigned to agents and shift leads only."))
    else:
        raise ValidationError(_("Only the status and the assignee can be changed in bulk."))


def _current(conn: Connection, ids: list[str]) -> dict[str, tuple[int, str, str | None]]:
    """(number, status, assignee) of each ticket that exists."""
    found: dict[str, tuple[int, str, str | None]] = {}
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start : start + _CHUNK]
        rows = conn.execute(
            select(Ticket.id, Ticket.number, Ticket.status, Ticket.assignee_id).where(
                Ticket.id.in_(chunk)
            )
        )
        for r in rows:
            found[r.id] = (r.number, r.status, r.assignee_id)
    return found


def change_many(desk: Desk, cmd: BulkChange) -> BulkResult:
    """Write the change on every ticket it may be made on, in one transaction."""
    ids = list(dict.fromkeys(cmd.ticket_ids))
    with desk.writer() as w:
        _check(w.conn, cmd, w.author_id)
        current = _current(w.conn, ids)
        changed: list[str] = []
        unchanged: list[str] = []
        refused: list[Refused] = []
        for ticket_id in ids:
            row = current.get(ticket_id)
            if row is None:
                refused.append(Refused(ticket_id, None, Refusal.GONE))
                continue
            number, status, assignee = row
            if cmd.field is TicketField.STATUS and status == TicketStatus.TERMINATED.value:
                refused.append(Refused(ticket_id, number, Refusal.ENDED))
                continue
            now_value = status if cmd.field is TicketField.STATUS else assignee
            if now_value == cmd.value:
                unchanged.append(ticket_id)
                continue
            changed.append(ticket_id)
        w.emit_many(
            "ticket.set_field",
            [
                tickets.field_change_payload(
                    new_id(), tickets.ChangeField(t, cmd.field, cmd.value), w.author_id, w.now
                )
                for t in changed
            ],
        )
    return BulkResult(tuple(changed), tuple(unchanged), tuple(refused))


__all__ = [
    "BULK_STATUSES",
    "MAX_TICKETS",
    "BulkChange",
    "BulkResult",
    "Refusal",
    "Refused",
    "change_many",
]
