"""The ticket queue read side: count and page through a view, sorted and searched in SQL.

The UI never holds all rows: it asks `first_page()` once (rows and count) and then
`page(offset, limit)` as the agent scrolls. Counts stop at `CAP` ("10,000+"). A search
(`search.py`) looks at every ticket whatever the view, and is ordered by ticket number without
sorting its matches; another sort orders its first `CAP` matches.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    func,
    select,
)
from sqlalchemy.sql.elements import KeyedColumnElement
from sqlalchemy.sql.util import find_tables

from websight_desk.domain.queue_views import QueueQuery, QueueRow, SortKey
from websight_desk.storage.models import Agent, Service, Ticket, TicketTriage
from websight_desk.storage.queries import queue_customer, queue_groups, search
from websight_desk.storage.queries import queue_registry as registry
from websight_desk.storage.queries.join_order import cross_join

MAX_LIMIT = 1000
CAP = search.CAP  # counts stop here: "10,000+"


@dataclass(frozen=True)
class QueuePage:
    """The first rows of a query and how many there are (`exact=False`: more than `total`)."""

    rows: list[QueueRow]
    total: int
    exact: bool = True


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


def _where(query: QueueQuery) -> ColumnElement[bool]:
    return registry.view(query.view).where(query)


def _desc(column: Any) -> Any:
    return column.desc()


def _asc(column: Any) -> Any:
    return column.asc()


def _needs_triage(where: ColumnElement[bool]) -> bool:
    return TicketTriage.__table__ in find_tables(where, check_columns=True)


def _from(query: QueueQuery, where: ColumnElement[bool], *, triage_first: bool) -> Any:
    """`tickets`, joined to `ticket_triage` when the view needs it.

    Views that only hold triaged tickets ("Out of scope", "Abuse") join inner, in the order
    chosen here (`join_order.cross_join`): from the triage index when the view is small or
    being counted, from the tickets in sort order when a page of a big view is walked. The
    planner's own choice, with a LEFT JOIN, walked every open ticket (0.5 s at 100k)."""
    tickets: Any = Ticket.__table__
    triage: Any = TicketTriage.__table__
    on = TicketTriage.ticket_id == Ticket.id
    if not _needs_triage(where):
        return tickets
    if query.view not in _TRIAGED_VIEWS:
        return tickets.outerjoin(triage, on)
    return cross_join(triage, tickets, on) if triage_first else cross_join(tickets, triage, on)


def _searching(query: QueueQuery) -> bool:
    return bool(query.search.strip())


def counted(conn: Connection, query: QueueQuery, cap: int | None = None) -> tuple[int, bool]:
    """(how many tickets the view or search holds, exact?) — counting stops past `cap`."""
    cap = CAP if cap is None else cap
    if _searching(query):
        hits = search.find(conn, query.search, descending=query.descending, cap=cap)
        return hits.total, not hits.more
    where = _where(query)
    inner = select(Ticket.id).select_from(_from(query, where, triage_first=True))
    limited = inner.where(where).limit(cap + 1).subquery()
    n = int(conn.execute(select(func.count()).select_from(limited)).scalar_one())
    return min(n, cap), n <= cap


def count(conn: Connection, query: QueueQuery) -> int:
    """How many tickets the view (and search) holds, at most `CAP`."""
    return counted(conn, query)[0]


def _order_ids(
    query: QueueQuery,
    offset: int,
    limit: int,
    among: list[str] | None = None,
    *,
    walk: bool = False,
) -> Select[Any]:
    """Step 1: only the ids of one page, sorted — no per-row subqueries before the LIMIT.

    `among`: the search's matches, sorted instead of the view. `walk`: read the sort's index
    in order and filter as it goes (for a view holding many tickets, where the first page
    is near the start of the index) instead of letting the planner pick the filter's index
    and sort every match."""
    where = _where(query) if among is None else Ticket.id.in_(among)
    direction = _desc if query.descending else _asc
    walk = walk and query.sort in _SORT_INDEX
    source = _from(query, where, triage_first=not walk)
    if query.sort is SortKey.VERDICT and not _needs_triage(where):
        source = source.outerjoin(TicketTriage, TicketTriage.ticket_id == Ticket.id)
    if query.sort is SortKey.SERVICE:
        source = source.outerjoin(Service, Service.id == Ticket.service_id)
    if query.sort is SortKey.ASSIGNEE:
        source = source.outerjoin(Agent, Agent.id == Ticket.assignee_id)
    stmt = select(Ticket.id).select_from(source)
    if walk:
        # SQLite's `likely()`: the planner expects most tickets to pass the view, so it walks
        # the sort's index and stops at the LIMIT rather than sorting the whole view.
        where = func.likely(where)
    # Number then id break ties so that pages never overlap or skip rows; one direction for
    # all three lets an index (column, number, id) walk the page in order.
    order = [direction(Ticket.number), direction(Ticket.id)]
    if query.sort is SortKey.CUSTOMER:
        order = queue_customer.sort_terms(query.descending)
    elif query.sort is not SortKey.NUMBER:
        order.insert(0, direction(_SORT[query.sort]))
    return stmt.where(where).order_by(*order).offset(max(0, offset)).limit(limit)


# The index each sort walks (models/tickets.py: column, number, id).
_SORT_INDEX: dict[SortKey, str] = {
    SortKey.NUMBER: "ix_tickets_number_id",
    SortKey.AGE: "ix_tickets_created_order",
    SortKey.UPDATED: "ix_tickets_updated_order",
    SortKey.SUBJECT: "ix_tickets_subject_order",
    SortKey.PRIORITY: "ix_tickets_priority_order",
    SortKey.STATUS: "ix_tickets_status_order",
}
# Views whose condition is false without a triage row (so an inner join is the same).
_TRIAGED_VIEWS = frozenset({"out_of_scope", "abuse"})


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
            queue_customer.holder_name().label("customer_name"),
            *flag_cols,
        )
        .select_from(Ticket)
        .outerjoin(Service, Service.id == Ticket.service_id)
        .outerjoin(Agent, Agent.id == Ticket.assignee_id)
        .outerjoin(TicketTriage, TicketTriage.ticket_id == Ticket.id)
        .where(Ticket.id.in_(ids))
    )


def _rows(conn: Connection, ids: list[str]) -> list[QueueRow]:
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
            customer=r.customer_name or "—",  # names in full: agents work with them (#18)
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


def _search_ids(
    conn: Connection, query: QueueQuery, hits: search.Hits, offset: int, limit: int
) -> list[str]:
    if query.sort is SortKey.NUMBER:  # the search's own order: no sort at all
        return search.ticket_ids(conn, hits, hits.keys[offset : offset + limit])
    among = search.ticket_ids(conn, hits, hits.keys)
    return list(conn.execute(_order_ids(query, offset, limit, among)).scalars())


def page(conn: Connection, query: QueueQuery, offset: int, limit: int) -> list[QueueRow]:
    """Rows `offset .. offset+limit` of the view (or search) in its sort order."""
    limit = max(0, min(limit, MAX_LIMIT))
    offset = max(0, offset)
    if _searching(query):
        hits = search.find(conn, query.search, descending=query.descending)
        return _rows(conn, _search_ids(conn, query, hits, offset, limit))
    return _rows(conn, _view_ids(conn, query, offset, limit, counted(conn, query)[1]))


def _view_ids(
    conn: Connection, query: QueueQuery, offset: int, limit: int, exact: bool
) -> list[str]:
    """One page of a view: a big view (its count stopped at `CAP`) walks the sort's index,
    or reads group by group for a sort by assignee, verdict or service (`queue_groups`), or
    walks the customers' names (`queue_customer`)."""
    if not exact and query.sort in queue_groups.GROUPED:
        return queue_groups.page_ids(conn, query, offset, limit)
    if not exact and query.sort is SortKey.CUSTOMER:
        return queue_customer.page_ids(conn, query, offset, limit)
    stmt = _order_ids(query, offset, limit, walk=not exact)
    return list(conn.execute(stmt).scalars())


def first_page(conn: Connection, query: QueueQuery, limit: int) -> QueuePage:
    """The count and first rows of a query; a search walks its matches once for both."""
    limit = max(0, min(limit, MAX_LIMIT))
    if _searching(query):
        hits = search.find(conn, query.search, descending=query.descending)
        rows = _rows(conn, _search_ids(conn, query, hits, 0, limit))
        return QueuePage(rows, hits.total, not hits.more)
    total, exact = counted(conn, query)
    return QueuePage(_rows(conn, _view_ids(conn, query, 0, limit, exact)), total, exact)


def ticket_id_by_number(conn: Connection, number: int) -> str | None:
    """The ticket with this public number (the newest, if a sync brought duplicates)."""
    return conn.execute(
        select(Ticket.id).where(Ticket.number == number).order_by(Ticket.created_at.desc()).limit(1)
    ).scalar_one_or_none()
