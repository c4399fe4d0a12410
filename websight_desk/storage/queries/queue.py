"""The ticket queue read side: count and page through a view, sorted and searched in SQL.

The UI never holds all rows: it asks `count()` once and then `page(offset, limit)` as the
agent scrolls. Search goes through the FTS5 index over folded (Turkish-aware) text, plus the
ticket number when the query is a number.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    and_,
    false,
    func,
    or_,
    select,
    text,
)
from sqlalchemy.sql.elements import KeyedColumnElement
from sqlalchemy.sql.util import find_tables

from websight_desk.domain.enums import ContactRole
from websight_desk.domain.masking import mask_name
from websight_desk.domain.queue_views import QueueQuery, QueueRow, SortKey
from websight_desk.storage.fts import TABLE as FTS_TABLE
from websight_desk.storage.fts import match_expression
from websight_desk.storage.models import Agent, Contact, Service, Ticket, TicketTriage
from websight_desk.storage.queries import queue_registry as registry

MAX_LIMIT = 1000


def _holder_name() -> Any:
    """The account holder's (not erased) name, as a correlated scalar subquery."""
    return (
        select(Contact.name)
        .where(
            Contact.customer_id == Ticket.customer_id,
            Contact.role == ContactRole.ACCOUNT_HOLDER.value,
            Contact.erased_at.is_(None),
        )
        .order_by(Contact.created_at)
        .limit(1)
        .correlate(Ticket)
        .scalar_subquery()
    )


_SORT: dict[SortKey, Any] = {
    SortKey.NUMBER: Ticket.number,
    SortKey.SUBJECT: Ticket.subject,
    SortKey.SERVICE: Service.kind,
    SortKey.STATUS: Ticket.status,
    SortKey.PRIORITY: Ticket.priority,
    SortKey.AGE: Ticket.created_at,
    SortKey.UPDATED: Ticket.updated_at,
    SortKey.ASSIGNEE: Agent.display_name,
    SortKey.VERDICT: TicketTriage.verdict,
}


def search_condition(search: str) -> ColumnElement[bool] | None:
    """Tickets whose subject or messages contain every word (Turkish-folded, as prefixes)."""
    search = search.strip()
    if not search:
        return None
    conditions: list[ColumnElement[bool]] = []
    expr = match_expression(search)
    if expr is not None:
        matches = text(f"SELECT ticket_id FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :fts_q")
        conditions.append(Ticket.id.in_(matches.bindparams(fts_q=expr).columns(Ticket.id)))
    number = search.lstrip("#")
    if number.isdigit():
        conditions.append(Ticket.number == int(number))
    return or_(*conditions) if conditions else false()


def _where(query: QueueQuery) -> ColumnElement[bool]:
    parts = [registry.view(query.view).where(query)]
    found = search_condition(query.search)
    if found is not None:
        parts.append(found)
    return and_(*parts)


def _desc(column: Any) -> Any:
    return column.desc()


def _asc(column: Any) -> Any:
    return column.asc()


def _needs_triage(where: ColumnElement[bool]) -> bool:
    return TicketTriage.__table__ in find_tables(where, check_columns=True)


def count(conn: Connection, query: QueueQuery) -> int:
    """How many tickets the view (and search) holds."""
    where = _where(query)
    stmt = select(func.count()).select_from(Ticket)
    if _needs_triage(where):
        stmt = stmt.join(TicketTriage, TicketTriage.ticket_id == Ticket.id, isouter=True)
    return int(conn.execute(stmt.where(where)).scalar_one())


def _order_ids(query: QueueQuery, offset: int, limit: int) -> Select[Any]:
    """Step 1: only the ids of one page, sorted — no per-row subqueries before the LIMIT."""
    where = _where(query)
    direction = _desc if query.descending else _asc
    sort_expr = _holder_name() if query.sort is SortKey.CUSTOMER else _SORT[query.sort]
    stmt = select(Ticket.id).select_from(Ticket)
    if query.sort is SortKey.SERVICE:
        stmt = stmt.outerjoin(Service, Service.id == Ticket.service_id)
    if query.sort is SortKey.ASSIGNEE:
        stmt = stmt.outerjoin(Agent, Agent.id == Ticket.assignee_id)
    if query.sort is SortKey.VERDICT or _needs_triage(where):
        stmt = stmt.outerjoin(TicketTriage, TicketTriage.ticket_id == Ticket.id)
    # The ticket number breaks ties so that pages never overlap or skip rows.
    return (
        stmt.where(where)
        .order_by(direction(sort_expr), direction(Ticket.number), Ticket.id)
        .offset(max(0, offset))
        .limit(limit)
    )


def _details(ids: list[str]) -> Any:
    """Step 2: everything shown for these (at most one page of) tickets."""
    flag_cols: list[KeyedColumnElement[Any]] = [
        d.expr().label(f"flag_{i}") for i, d in enumerate(registry.flags())
    ]
    return (
        select(
            Ticket.id,
            Ticket.number,
            Ticket.subject,
            Ticket.status,
            Ticket.priority,
            Ticket.created_at,
            Ticket.updated_at,
            Service.kind.label("service_kind"),
            Agent.display_name.label("assignee"),
            TicketTriage.verdict,
            _holder_name().label("customer_name"),
            *flag_cols,
        )
        .select_from(Ticket)
        .outerjoin(Service, Service.id == Ticket.service_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .outerjoin(TicketTriage, TicketTriage.ticket_id == Ticket.id)
        .where(Ticket.id.in_(ids))
    )


def page(conn: Connection, query: QueueQuery, offset: int, limit: int) -> list[QueueRow]:
    """Rows `offset .. offset+limit` of the view in its sort order."""
    limit = max(0, min(limit, MAX_LIMIT))
    ids: list[str] = list(conn.execute(_order_ids(query, offset, limit)).scalars())
    if not ids:
        return []
    flag_keys = [d.info.key for d in registry.flags()]
    by_id: dict[str, QueueRow] = {}
    for r in conn.execute(_details(ids)):
        flags = frozenset(key for i, key in enumerate(flag_keys) if getattr(r, f"flag_{i}"))
        by_id[r.id] = QueueRow(
            ticket_id=r.id,
            number=r.number,
            subject=r.subject,
            customer=mask_name(r.customer_name) or "—",
            service_kind=r.service_kind,
            status=r.status,
            priority=r.priority,
            created_at=r.created_at,
            updated_at=r.updated_at,
            assignee=r.assignee,
            verdict=r.verdict,
            flags=flags,
        )
    return [by_id[i] for i in ids if i in by_id]


def ticket_id_by_number(conn: Connection, number: int) -> str | None:
    """The ticket with this public number (the newest, if a sync brought duplicates)."""
    return conn.execute(
        select(Ticket.id).where(Ticket.number == number).order_by(Ticket.created_at.desc()).limit(1)
    ).scalar_one_or_none()
