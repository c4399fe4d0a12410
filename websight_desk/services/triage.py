"""Keep each ticket's policy decision current (the queue's verdict column and filters).

The decision itself is the pure policy engine; this module gathers the facts from the store
and caches the outcome in `ticket_triage`, inside the same transaction as the change that
made it stale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, delete, insert, select

from websight_desk.domain.enums import MessageKind, RequesterKind, ServiceKind
from websight_desk.storage.models import Message, Service, Ticket, TicketTriage

if TYPE_CHECKING:
    from websight_desk.policy import Decision, Facts, Ruleset
    from websight_desk.services.desk import Desk

CHUNK = 500


def load_ruleset_for(desk: Desk) -> Ruleset:
    from websight_desk.policy import load_ruleset

    custom = desk.settings.policy_file
    return load_ruleset(Path(custom) if custom else None)


def facts_for_tickets(conn: Connection, ticket_ids: Sequence[str]) -> dict[str, Facts]:
    """Policy facts of each ticket: context from its service, text from customer messages."""
    from websight_desk.policy import Facts, TextPart

    rows = conn.execute(
        select(
            Ticket.id,
            Ticket.subject,
            Ticket.requester_kind,
            Service.kind,
            Service.delivered_at,
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
        texts[msg.ticket_id].append((f"message:{msg.id}", msg.body))
    facts: dict[str, Facts] = {}
    for r in rows:
        parts = [TextPart("subject", r.subject)]
        parts.extend(TextPart(field, body) for field, body in texts.get(r.id, ()))
        facts[r.id] = Facts(
            subject=r.subject,
            parts=tuple(parts),
            service=ServiceKind(r.kind) if r.kind else None,
            requester=RequesterKind(r.requester_kind),
            server_delivered=r.delivered_at is not None,
            has_sla=bool(r.has_sla),
            managed=bool(r.managed),
        )
    return facts


def decide(conn: Connection, ticket_id: str, ruleset: Ruleset, now: datetime) -> Decision | None:
    """The full decision for one ticket (the side panel), or None if it does not exist."""
    from websight_desk.policy import evaluate

    facts = facts_for_tickets(conn, [ticket_id]).get(ticket_id)
    return None if facts is None else evaluate(facts, ruleset, now)


def refresh(conn: Connection, ticket_ids: Iterable[str], ruleset: Ruleset, now: datetime) -> int:
    """Recompute and store the cached decision of these tickets; returns how many."""
    from websight_desk.policy import evaluate

    ids = sorted(set(ticket_ids))
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        facts = facts_for_tickets(conn, chunk)
        rows = []
        for ticket_id, f in facts.items():
            d = evaluate(f, ruleset, now)
            rows.append(
                {
                    "ticket_id": ticket_id,
                    "ruleset_version": ruleset.version,
                    "verdict": d.verdict.value,
                    "primary_clause": d.primary_clause,
                    "abuse": d.abuse,
                    "discretion": d.discretion,
                }
            )
        conn.execute(delete(TicketTriage).where(TicketTriage.ticket_id.in_(chunk)))
        if rows:
            conn.execute(insert(TicketTriage), rows)
        done += len(rows)
    return done


def hook_for(desk: Desk) -> Callable[[Connection, set[str], datetime], None]:
    """A `Desk.ticket_hooks` entry that re-triages touched tickets with the desk's ruleset."""
    cache: list[Ruleset] = []

    def hook(conn: Connection, ticket_ids: set[str], now: datetime) -> None:
        if not cache:
            cache.append(load_ruleset_for(desk))
        refresh(conn, ticket_ids, cache[0], now)

    return hook
