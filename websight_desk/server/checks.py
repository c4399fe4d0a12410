"""The server's business checks per op kind: each returns a reason to refuse, or None.

They run after the schema, the role, the authorship, the references and the append-only rule
have been checked, and see the records accepted earlier in the same push (`ctx.made`).
The KVKK rules of a callback are the desktop's own (`domain.callback_rules`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from sqlalchemy import Connection, select

from websight_desk.domain import op_schemas as s
from websight_desk.domain.abuse import ReviewDecision, TerminationStatus, next_status
from websight_desk.domain.audit_kinds import audit_refusal
from websight_desk.domain.callback_rules import check_callback
from websight_desk.domain.callbacks import TextKind
from websight_desk.domain.enums import MessageKind, Priority, TicketField, TicketStatus
from websight_desk.domain.errors import ValidationError
from websight_desk.server.accounts import Account
from websight_desk.server.purge_check import purge_check
from websight_desk.storage.callback_facts import StoredCallbackFacts
from websight_desk.storage.chain_digests import evidence_digest
from websight_desk.storage.models import (
    AbuseReview,
    AbuseTermination,
    KvkkRequestClosure,
    KvkkText,
    LegalHoldRelease,
    Ticket,
)
from websight_desk.storage.ops import Op


class CompanyRules(Protocol):
    """The company settings the checks need (held by the server, published to clients)."""

    @property
    def notes_limit(self) -> int: ...

    @property
    def allow_foreign_numbers(self) -> bool: ...

    def retention(self, record_class: str) -> timedelta: ...


@dataclass(frozen=True)
class CheckContext:
    conn: Connection
    account: Account
    now: datetime
    made: Mapping[str, Op]  # record id -> accepted op of this push that creates it
    company: CompanyRules


Check = Callable[[CheckContext, Op, s.Payload], "str | None"]

_FIELD_VALUES = {
    TicketField.STATUS: frozenset(v.value for v in TicketStatus),
    TicketField.PRIORITY: frozenset(v.value for v in Priority),
}


def field_change(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.TicketSetField)
    allowed = _FIELD_VALUES.get(p.field)
    if allowed is not None and p.value not in allowed:
        return f"{p.value!r} is not a valid {p.field.value}"
    return None


def message(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.MessageCreate)
    if p.kind is MessageKind.INBOUND and p.author_agent_id is not None:
        return "a customer's message has no agent as its author"
    if p.kind is not MessageKind.INBOUND and p.author_agent_id != ctx.account.id:
        return "message.create: author_agent_id must be the account that sends it"
    if not p.body.strip() and p.redacted is None:
        return "the message is empty"
    return None


def callback(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.CallbackCreate)
    try:
        check_callback(
            p,
            _BatchFacts(ctx),
            notes_limit=ctx.company.notes_limit,
            allow_foreign_numbers=ctx.company.allow_foreign_numbers,
            now=ctx.now,
        )
    except ValidationError as exc:
        return f"callback.create: {exc}"
    return None


def termination(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.TerminationCreate)
    if p.ticket_id is None and p.channel.value == "ticket":
        return "a termination of a ticket conversation names the ticket"
    if p.ticket_id is not None:
        owner = _ticket_customer(ctx, p.ticket_id)
        if owner is not None and owner != p.customer_id:
            return "the ticket of the termination belongs to another customer"
    if p.evidence_digest != evidence_digest(p.evidence_excerpt, p.evidence_words):
        return "the evidence digest does not match the evidence"
    return None


def review(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.ReviewCreate)
    if not p.note.strip():
        return "a review needs a note"
    current = _termination_status(ctx.conn, p.termination_id)
    if next_status(current, p.decision) is None:
        return f"a termination that is {current.value} cannot be {p.decision.value}"
    return None


def override(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.OverrideCreate)
    if not p.reason.strip():
        return "an override needs a reason"
    if p.ticket_id is not None and _ticket_customer(ctx, p.ticket_id) != p.customer_id:
        return "the ticket of the override belongs to another customer"
    return None


def hold(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.LegalHoldSet)
    return None if p.reason.strip() else "a legal hold needs a reason"


def hold_release(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.LegalHoldRelease)
    released = ctx.conn.execute(
        select(LegalHoldRelease.id).where(LegalHoldRelease.hold_id == p.hold_id)
    ).first()
    if released is not None or any(
        o.kind == op.kind and o.payload.get("hold_id") == p.hold_id for o in ctx.made.values()
    ):
        return "the legal hold was already released"
    return None


def kvkk_text(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.KvkkTextCreate)
    exists = ctx.conn.execute(
        select(KvkkText.id).where(
            KvkkText.kind == p.kind.value, KvkkText.version == p.version, KvkkText.lang == p.lang
        )
    ).first()
    if exists is not None:
        return (
            f"{p.kind.value} text version {p.version} ({p.lang}) already exists; "
            "a changed text is a new version"
        )
    return None


def request_close(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.KvkkRequestClose)
    done = ctx.conn.execute(
        select(KvkkRequestClosure.id).where(KvkkRequestClosure.request_id == p.request_id)
    ).first()
    return None if done is None else "the KVKK request is already closed"


def audit(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.AuditCreate)
    return audit_refusal(p.kind, str(ctx.account.role), p.subject_type)


def purge(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    return purge_check(ctx.conn, op, ctx.made, ctx.now)


def erase(ctx: CheckContext, op: Op, p: s.Payload) -> str | None:
    assert isinstance(p, s.KvkkErase)
    return None if p.reason.strip() else "an erasure needs a reason"


def _ticket_customer(ctx: CheckContext, ticket_id: str) -> str | None:
    made = ctx.made.get(ticket_id)
    if made is not None and made.kind == "ticket.create":
        return str(made.payload.get("customer_id"))
    found = ctx.conn.execute(select(Ticket.customer_id).where(Ticket.id == ticket_id))
    return found.scalar_one_or_none()


def _termination_status(conn: Connection, termination_id: str) -> TerminationStatus:
    """Status from the reviews stored here, in (hlc, node_id, id) order."""
    status = TerminationStatus.PENDING_REVIEW
    known = conn.execute(select(AbuseTermination.id).where(AbuseTermination.id == termination_id))
    if known.first() is None:
        return status  # made in this same push: no review yet
    for decision in conn.execute(
        select(AbuseReview.decision)
        .where(AbuseReview.termination_id == termination_id)
        .order_by(AbuseReview.hlc, AbuseReview.node_id, AbuseReview.id)
    ).scalars():
        status = next_status(status, ReviewDecision(decision)) or status
    return status


class _BatchFacts(StoredCallbackFacts):
    """The stored facts, plus the records accepted earlier in the same push."""

    def __init__(self, ctx: CheckContext) -> None:
        super().__init__(ctx.conn)
        self.made = ctx.made

    def _made(self, record_id: str, kind: str, field: str) -> str | None:
        op = self.made.get(record_id)
        return None if op is None or op.kind != kind else str(op.payload.get(field))

    def ticket_customer(self, ticket_id: str) -> str | None:
        made = self._made(ticket_id, "ticket.create", "customer_id")
        return made if made is not None else super().ticket_customer(ticket_id)

    def contact_customer(self, contact_id: str) -> str | None:
        made = self._made(contact_id, "contact.upsert", "customer_id")
        return made if made is not None else super().contact_customer(contact_id)

    def callback_ticket(self, callback_id: str) -> str | None:
        made = self._made(callback_id, "callback.create", "ticket_id")
        return made if made is not None else super().callback_ticket(callback_id)

    def text_exists(self, kind: TextKind, version: int, lang: str) -> bool:
        wanted = (kind.value, version, lang)
        for op in self.made.values():
            p = op.payload
            if op.kind == "kvkk_text.create" and (p["kind"], p["version"], p["lang"]) == wanted:
                return True
        return super().text_exists(kind, version, lang)
