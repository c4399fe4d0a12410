"""Sending what the agent wrote on a ticket: a reply to the customer or an internal note.

One call per user action: the ticket pane builds a `SendReply` and hands it to `send_reply`,
which checks, under the write lock, that nothing arrived meanwhile and that the customer may
be answered, and then writes — or writes nothing and says why.
"""

from __future__ import annotations

from dataclasses import dataclass

from websight_desk.domain.enums import MessageKind
from websight_desk.domain.errors import NotFound
from websight_desk.i18n import _
from websight_desk.services import abuse, tickets
from websight_desk.services.abuse import RefusalState
from websight_desk.services.desk import Desk
from websight_desk.storage.queries.ticket_detail import message_ids
from websight_desk.storage.queries.ticket_owner import customer_of_ticket


@dataclass(frozen=True)
class SendReply:
    """Post `body` on a ticket. `seen`: the messages the agent had read when they started
    writing; `override_reason`: why a refused or pending-review customer is answered anyway."""

    ticket_id: str
    kind: MessageKind
    body: str
    seen: frozenset[str]
    override_reason: str | None = None


@dataclass(frozen=True)
class SendOutcome:
    """The posted message's id; or why nothing was sent: messages that arrived meanwhile, or
    a refused / pending-review customer whose reply needs an override reason (`refusal`)."""

    message_id: str | None
    unseen: frozenset[str]
    refusal: RefusalState | None = None


def send_reply(desk: Desk, cmd: SendReply) -> SendOutcome:
    """Post the reply or note unless the ticket has messages the agent has not seen (checked
    under the write lock, so a message pulled by sync a moment earlier is never talked over).

    A reply to a refused or pending-review customer is only sent with an override reason
    (recorded with it); without one nothing is written and the outcome carries the state.
    Internal notes never reach the customer, so they need no reason."""
    with desk.writer() as w:
        unseen = message_ids(w.conn, cmd.ticket_id) - cmd.seen
        if unseen:
            return SendOutcome(None, frozenset(unseen))
        if cmd.kind is not MessageKind.OUTBOUND:
            message_id = tickets.post_message(
                w, tickets.PostMessage(cmd.ticket_id, cmd.kind, cmd.body)
            )
            return SendOutcome(message_id, frozenset())
        customer_id = customer_of_ticket(w.conn, cmd.ticket_id)
        if customer_id is None:
            raise NotFound(_("The ticket does not exist."))
        state = abuse.require_override(w.conn, customer_id)
        if state.needs_override and not (cmd.override_reason or "").strip():
            return SendOutcome(None, frozenset(), refusal=state)
        message_id = abuse.reply_with_override(w, cmd.ticket_id, cmd.body, cmd.override_reason)
    return SendOutcome(message_id, frozenset())


__all__ = ["SendOutcome", "SendReply", "send_reply"]
