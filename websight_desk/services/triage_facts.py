"""What the policy looks at for a stored ticket, and the cached row of its decision.

`RawFacts` are plain tuples (cheap to compare and to send to other processes); `build_facts`
turns them into the policy's `Facts`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select

from websight_desk.domain.enums import MessageKind, RequesterKind, ServiceKind
from websight_desk.storage.models import Message, Service, Ticket

if TYPE_CHECKING:
    from websight_desk.policy import Decision, Facts, Ruleset

# The store's view of one ticket, before it becomes `Facts`: subject, requester kind,
# service (kind, delivered, SLA, managed) or None, inbound messages (id, body) in time order.
RawFacts = tuple[str, str, tuple[str, bool, bool, bool] | None, tuple[tuple[str, str], ...]]
Row = dict[str, Any]


def build_facts(raw: RawFacts) -> Facts:
    """The policy's `Facts` of a ticket's raw facts."""
    from websight_desk.policy import Facts, TextPart

    subject, requester, service, texts = raw
    parts = [TextPart("subject", subject)]
    parts.extend(TextPart(f"message:{mid}", body) for mid, body in texts)
    kind, delivered, sla, managed = service if service is not None else (None, False, False, False)
    return Facts(
        subject=subject,
        parts=tuple(parts),
        service=ServiceKind(kind) if kind else None,
        requester=RequesterKind(requester),
        server_delivered=delivered,
        has_sla=sla,
        managed=managed,
    )


def raw_facts(conn: Connection, ticket_ids: Sequence[str]) -> dict[str, RawFacts]:
    """What the policy looks at, per ticket, as stored (two queries)."""
    rows = conn.execute(
        select(
            Ticket.id,
            Ticket.subject,
            Ticket.requester_kind,
            Service.kind,
            Service.delivered_at.is_not(None).label("delivered"),  # no datetime parsing
            Service.has_sla,
            Service.managed,
        )
        .outerjoin(Service, Service.id == Ticket.service_id)
        .where(Ticket.id.in_(ticket_ids))
    ).all()
    texts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for msg in conn.execute(
        select(Message.ticket_id, Message.id, Message.body)
        .where(
            Message.ticket_id.in_(ticket_ids),
            Message.kind == MessageKind.INBOUND.value,
            Message.redacted_at.is_(None),
        )
        .order_by(Message.created_at, Message.id)
    ):
        texts[msg.ticket_id].append((msg.id, msg.body))
    out: dict[str, RawFacts] = {}
    for r in rows:
        service = (r.kind, bool(r.delivered), bool(r.has_sla), bool(r.managed)) if r.kind else None
        out[r.id] = (r.subject, r.requester_kind, service, tuple(texts.get(r.id, ())))
    return out


def facts_for_tickets(conn: Connection, ticket_ids: Sequence[str]) -> dict[str, Facts]:
    """Policy facts of each ticket: context from its service, text from customer messages."""
    return {tid: build_facts(raw) for tid, raw in raw_facts(conn, ticket_ids).items()}


def decision_row(ticket_id: str, d: Decision, ruleset: Ruleset) -> Row:
    """The `ticket_triage` row of a decision."""
    return {
        "ticket_id": ticket_id,
        "ruleset_version": ruleset.version,
        "verdict": d.verdict.value,
        "primary_clause": d.primary_clause,
        "abuse": d.abuse,
        "discretion": d.discretion,
    }
