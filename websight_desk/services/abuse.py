"""Abuse use cases: end a conversation, review a termination, override a refusal to reply.

Dialogs build the frozen commands; these functions check them, enforce roles from the
`agents` table and emit `termination.create` / `review.create` / `override.create` ops.
The refusal projection lives in `services.abuse_refusal` (re-exported here).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from sqlalchemy import Connection, select

from websight_desk.domain.abuse import (
    DEFAULT_RETENTION_DAYS,
    LEGAL_BASIS,
    RETENTION_CLASS,
    AbuseCategory,
    AbuseChannel,
    RefusalStatus,
    ReviewDecision,
    TerminationStatus,
    next_status,
)
from websight_desk.domain.enums import MessageKind, Role, TicketField, TicketStatus
from websight_desk.domain.errors import NotFound, PermissionDenied, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.domain.turkish import normalize
from websight_desk.i18n import _
from websight_desk.services import tickets
from websight_desk.services.abuse_refusal import (
    BannerView,
    RefusalState,
    TerminationView,
    refusal_banner,
    refusal_flags,
    refusal_state,
    termination_views,
)
from websight_desk.storage.chain_digests import evidence_digest, words_json
from websight_desk.storage.models import AbuseTermination, Agent, Customer, Ticket
from websight_desk.storage.ops import to_iso
from websight_desk.storage.outbox import OpWriter

MAX_EXCERPT = 1000  # "a short excerpt" (KVKK: minimise)
MAX_NOTE = 2000


@dataclass(frozen=True)
class TerminateConversation:
    """End a ticket (channel ticket) or a phone call (channel phone) for abuse."""

    channel: AbuseChannel
    category: AbuseCategory
    note: str
    evidence_excerpt: str  # the flagged words in context, or the agent's account of the call
    ticket_id: str | None = None
    customer_id: str | None = None  # needed when a call has no ticket
    call_id: str | None = None
    evidence_message_id: str | None = None
    evidence_words: tuple[str, ...] = field(default_factory=tuple)
    detector_suggested: bool = False


@dataclass(frozen=True)
class ReviewTermination:
    termination_id: str
    decision: ReviewDecision
    note: str


@dataclass(frozen=True)
class OverrideRefusal:
    customer_id: str
    reason: str
    ticket_id: str | None = None
    message_id: str | None = None


def _text(value: str, what: str, limit: int) -> str:
    value = normalize(value.replace("\r\n", "\n")).strip()
    if not value:
        raise ValidationError(_("{what} is required.").format(what=what))
    if len(value) > limit:
        raise ValidationError(_("{what} is longer than {n} characters.").format(what=what, n=limit))
    return value


def _role(conn: Connection, agent_id: str | None) -> str:
    if agent_id is None:
        raise ValidationError(_("Choose who you are (an agent) first."))
    role = conn.execute(select(Agent.role).where(Agent.id == agent_id)).scalar_one_or_none()
    if role is None:
        raise NotFound(_("The agent does not exist."))
    return str(role)


def terminate(
    w: OpWriter, cmd: TerminateConversation, *, retention_days: int = DEFAULT_RETENTION_DAYS
) -> str:
    """Record the termination, close its ticket as terminated; returns the termination id."""
    _role(w.conn, w.author_id)
    channel, category = AbuseChannel(cmd.channel), AbuseCategory(cmd.category)
    note = _text(cmd.note, _("A note"), MAX_NOTE)
    excerpt = _text(cmd.evidence_excerpt, _("Evidence"), MAX_EXCERPT)
    customer_id = cmd.customer_id
    if cmd.ticket_id is not None:
        owner = w.conn.execute(
            select(Ticket.customer_id).where(Ticket.id == cmd.ticket_id)
        ).scalar_one_or_none()
        if owner is None:
            raise NotFound(_("The ticket does not exist."))
        if customer_id not in (None, owner):
            raise ValidationError(_("The ticket belongs to another customer."))
        customer_id = owner
    elif channel is AbuseChannel.TICKET:
        raise ValidationError(_("Choose the ticket to end."))
    if customer_id is None:
        raise ValidationError(_("Choose the customer of the call."))
    if w.conn.execute(select(Customer.id).where(Customer.id == customer_id)).first() is None:
        raise NotFound(_("The customer does not exist."))
    if cmd.ticket_id is not None and open_termination_of(w.conn, customer_id, cmd.ticket_id):
        raise ValidationError(
            _("This conversation was already ended for abuse; the decision is the shift lead's.")
        )
    words = words_json(cmd.evidence_words)
    termination_id = new_id()
    w.emit(
        "termination.create",
        {
            "id": termination_id,
            "channel": channel.value,
            "ticket_id": cmd.ticket_id,
            "call_id": cmd.call_id,
            "customer_id": customer_id,
            "reported_by": w.author_id,
            "detector_suggested": cmd.detector_suggested,
            "evidence_message_id": cmd.evidence_message_id,
            "evidence_excerpt": excerpt,
            "evidence_words": words,
            "evidence_digest": evidence_digest(excerpt, words),
            "category": category.value,
            "note": note,
            "legal_basis": LEGAL_BASIS,
            "retention_class": RETENTION_CLASS,
            "destroy_after": to_iso(w.now + timedelta(days=retention_days)),
            "created_at": to_iso(w.now),
        },
    )
    if cmd.ticket_id is not None:
        tickets.change_field(
            w, tickets.ChangeField(cmd.ticket_id, TicketField.STATUS, TicketStatus.TERMINATED)
        )
    return termination_id


def open_termination_of(conn: Connection, customer_id: str, ticket_id: str) -> str | None:
    """A termination of this ticket that is pending review or confirmed (not lifted), if any."""
    for term in termination_views(conn, [customer_id]):
        if term.ticket_id == ticket_id and term.status in (
            TerminationStatus.PENDING_REVIEW,
            TerminationStatus.CONFIRMED,
        ):
            return term.id
    return None


def review(w: OpWriter, cmd: ReviewTermination) -> str:
    """A shift lead's decision; agents get PermissionDenied. Returns the review id."""
    if _role(w.conn, w.author_id) != Role.SHIFT_LEAD.value:
        raise PermissionDenied(_("Only a shift lead may review a termination."))
    decision = ReviewDecision(cmd.decision)
    note = _text(cmd.note, _("A note"), MAX_NOTE)
    term = termination(w.conn, cmd.termination_id)
    if term.awaiting_server:
        raise ValidationError(_("A decision on this termination is awaiting the server."))
    if next_status(term.status, decision) is None:
        raise ValidationError(_("This decision is not possible for this termination now."))
    review_id = new_id()
    w.emit(
        "review.create",
        {
            "id": review_id,
            "termination_id": term.id,
            "decision": decision.value,
            "note": note,
            "reviewer_id": w.author_id,
            "created_at": to_iso(w.now),
        },
    )
    return review_id


def termination(conn: Connection, termination_id: str) -> TerminationView:
    """One termination with its derived status; NotFound if unknown."""
    customer = conn.execute(
        select(AbuseTermination.customer_id).where(AbuseTermination.id == termination_id)
    ).scalar_one_or_none()
    found = [
        t for t in termination_views(conn, [customer] if customer else []) if t.id == termination_id
    ]
    if not found:
        raise NotFound(_("The termination does not exist."))
    return found[0]


def require_override(conn: Connection, customer_id: str) -> RefusalState:
    """The customer's standing; if `.needs_override`, ask for a reason before replying."""
    return refusal_state(conn, customer_id)


def override(w: OpWriter, cmd: OverrideRefusal) -> str:
    """Record an agent's reasoned decision to reply to a refused or pending customer."""
    _role(w.conn, w.author_id)
    reason = _text(cmd.reason, _("A reason"), MAX_NOTE)
    state = refusal_state(w.conn, cmd.customer_id)
    if not state.needs_override:
        raise ValidationError(_("This customer is served normally; no override is needed."))
    override_id = new_id()
    w.emit(
        "override.create",
        {
            "id": override_id,
            "customer_id": cmd.customer_id,
            "ticket_id": cmd.ticket_id,
            "agent_id": w.author_id,
            "refusal_state": state.status.value,
            "reason": reason,
            "message_id": cmd.message_id,
            "created_at": to_iso(w.now),
        },
    )
    return override_id


def reply_with_override(w: OpWriter, ticket_id: str, body: str, reason: str | None) -> str:
    """Post a reply; a refused or pending customer needs `reason` (recorded with the reply).

    Returns the message id. Raises PermissionDenied if an override is needed and no reason
    was given, so the ticket pane can ask for one and retry.
    """
    customer_id = w.conn.execute(
        select(Ticket.customer_id).where(Ticket.id == ticket_id)
    ).scalar_one_or_none()
    if customer_id is None:
        raise NotFound(_("The ticket does not exist."))
    state = refusal_state(w.conn, customer_id)
    if state.needs_override and not (reason or "").strip():
        raise PermissionDenied(_("This customer's service is refused; give a reason to reply."))
    message_id = tickets.post_message(w, tickets.PostMessage(ticket_id, MessageKind.OUTBOUND, body))
    if state.needs_override:
        override(w, OverrideRefusal(customer_id, reason or "", ticket_id, message_id))
    return message_id


__all__ = [
    "AbuseCategory",
    "AbuseChannel",
    "BannerView",
    "OverrideRefusal",
    "RefusalState",
    "RefusalStatus",
    "ReviewDecision",
    "ReviewTermination",
    "TerminateConversation",
    "TerminationView",
    "override",
    "refusal_banner",
    "refusal_flags",
    "refusal_state",
    "reply_with_override",
    "require_override",
    "review",
    "terminate",
    "termination",
]
