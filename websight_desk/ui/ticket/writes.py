"""Background jobs of the ticket pane (run by `ctx.runner`): load, send, change a field.

Plain functions over the services; no widgets here, so they are easy to test and to reuse.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, TypeAlias

from sqlalchemy import select

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.enums import MessageKind, TicketField
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.services import abuse, tickets
from websight_desk.services.abuse import RefusalState
from websight_desk.services.desk import Desk
from websight_desk.storage.models import Ticket
from websight_desk.storage.queries.ticket_detail import message_ids, ticket_detail

if TYPE_CHECKING:
    from websight_desk.policy import Decision, Ruleset


@dataclass(frozen=True)
class SendOutcome:
    """The posted message's id; or why nothing was sent: messages that arrived meanwhile, or
    a refused / pending-review customer whose reply needs an override reason (`refusal`)."""

    message_id: str | None
    unseen: frozenset[str]
    refusal: RefusalState | None = None


# (detail, decision, callbacks) of one ticket
Loaded: TypeAlias = tuple["TicketDetail | None", "Decision | None", tuple[CallbackView, ...]]


def load_job(desk: Desk, ticket_id: str, ruleset: Ruleset, now: datetime) -> Callable[[], Loaded]:
    """The ticket, its full policy decision and its phone callbacks, read in one snapshot."""

    def job() -> Loaded:
        from websight_desk.services.callback_views import callback_entries
        from websight_desk.services.triage import decide

        with desk.db.read() as conn:
            detail = ticket_detail(conn, ticket_id)
            decision = decide(conn, ticket_id, ruleset, now) if detail else None
            calls = tuple(callback_entries(conn, ticket_id)) if detail else ()
        return detail, decision, calls

    return job


def send_job(
    desk: Desk,
    ticket_id: str,
    kind: MessageKind,
    body: str,
    seen: frozenset[str],
    *,
    override_reason: str | None = None,
) -> Callable[[], SendOutcome]:
    """Post `body` unless the ticket has messages the agent has not seen (checked under the
    write lock, so a message pulled by sync a moment earlier is never talked over).

    A reply to a refused or pending-review customer is only sent with `override_reason`
    (recorded with it); without one nothing is written and the outcome carries the state."""

    def job() -> SendOutcome:
        with desk.writer() as w:
            unseen = message_ids(w.conn, ticket_id) - seen
            if unseen:
                return SendOutcome(None, frozenset(unseen))
            if kind is not MessageKind.OUTBOUND:  # internal notes never reach the customer
                message_id = tickets.post_message(w, tickets.PostMessage(ticket_id, kind, body))
                return SendOutcome(message_id, frozenset())
            customer_id = w.conn.execute(
                select(Ticket.customer_id).where(Ticket.id == ticket_id)
            ).scalar_one()
            state = abuse.require_override(w.conn, customer_id)
            if state.needs_override and not (override_reason or "").strip():
                return SendOutcome(None, frozenset(), refusal=state)
            message_id = abuse.reply_with_override(w, ticket_id, body, override_reason)
        return SendOutcome(message_id, frozenset())

    return job


def change_field_job(
    desk: Desk, ticket_id: str, field: TicketField, value: str | None
) -> Callable[[], str]:
    def job() -> str:
        with desk.writer() as w:
            return tickets.change_field(w, tickets.ChangeField(ticket_id, field, value))

    return job
