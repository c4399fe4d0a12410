"""Keep each ticket's policy decision current (the queue's verdict column and filters).

The decision itself is the pure policy engine; this module gathers the facts from the store
and caches the outcome in `ticket_triage`, inside the same transaction as the change that
made it stale.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Table, delete, insert, select

from websight_desk.domain.enums import MessageKind, RequesterKind, ServiceKind
from websight_desk.services.triage_ahead import Ahead, decision_row
from websight_desk.storage import bulk
from websight_desk.storage.models import Message, Service, Ticket, TicketTriage

if TYPE_CHECKING:
    from websight_desk.policy import Decision, Facts, Ruleset
    from websight_desk.services.desk import Desk

CHUNK = 500
Row = dict[str, Any]


def load_ruleset_for(desk: Desk) -> Ruleset:
    from websight_desk.policy import load_ruleset

    custom = desk.settings.policy_file
    return load_ruleset(Path(custom) if custom else None)


# The store's view of one ticket, before it becomes `Facts`: subject, requester kind,
# service (kind, delivered, SLA, managed) or None, inbound messages (id, body) in time order.
# Plain tuples: cheap to compare and to send to worker processes.
RawFacts = tuple[str, str, tuple[str, bool, bool, bool] | None, tuple[tuple[str, str], ...]]


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


def decide(conn: Connection, ticket_id: str, ruleset: Ruleset, now: datetime) -> Decision | None:
    """The full decision for one ticket (the side panel), or None if it does not exist."""
    from websight_desk.policy import evaluate

    facts = facts_for_tickets(conn, [ticket_id]).get(ticket_id)
    return None if facts is None else evaluate(facts, ruleset, now)


def refresh(
    conn: Connection,
    ticket_ids: Iterable[str],
    ruleset: Ruleset,
    now: datetime,
    *,
    ahead: Ahead | None = None,
) -> int:
    """Recompute and store the cached decision of these tickets; returns how many.

    Decisions `ahead` evaluated for exactly the facts the store now holds (and the same
    ruleset and time) are taken as they are; everything else is evaluated here.
    """
    from websight_desk.policy import evaluate

    ids = sorted(set(ticket_ids))
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = []
        for ticket_id, raw in raw_facts(conn, chunk).items():
            row = ahead.take(ticket_id, raw, ruleset, now) if ahead is not None else None
            if row is None:
                row = decision_row(ticket_id, evaluate(build_facts(raw), ruleset, now), ruleset)
            rows.append(row)
        _store(conn, chunk, rows)
        done += len(rows)
    return done


def _store(conn: Connection, chunk: Sequence[str], rows: list[Row]) -> None:
    table: Table = TicketTriage.__table__  # type: ignore[assignment]
    if conn.dialect.name == "sqlite":  # one upsert executemany instead of delete + insert
        bulk.sqlite_upsert(conn, table, rows)
        return
    conn.execute(delete(table).where(table.c.ticket_id.in_(chunk)))
    if rows:
        conn.execute(insert(table), rows)


class TriageHook:
    """The `Desk.ticket_hooks` entry that re-triages touched tickets with the desk's ruleset.

    Every touched ticket is triaged once per transaction: the desk hands over the set of
    tickets all its ops touched, after the last op.
    """

    def __init__(self, desk: Desk) -> None:
        self.desk = desk
        self.ahead: Ahead | None = None
        self._ruleset: Ruleset | None = None

    @property
    def ruleset(self) -> Ruleset:
        if self._ruleset is None:
            self._ruleset = load_ruleset_for(self.desk)
        return self._ruleset

    def __call__(self, conn: Connection, ticket_ids: set[str], now: datetime) -> None:
        refresh(conn, ticket_ids, self.ruleset, now, ahead=self.ahead)


def hook_for(desk: Desk) -> TriageHook:
    """A `Desk.ticket_hooks` entry that re-triages touched tickets with the desk's ruleset."""
    return TriageHook(desk)


def hook_of(desk: Desk) -> TriageHook | None:
    """The desk's triage hook, if it triages."""
    return next((h for h in desk.ticket_hooks if isinstance(h, TriageHook)), None)
