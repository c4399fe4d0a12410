"""Ticket search: the matches of a query in number order, walked inside FTS5 and capped.

A search looks at every ticket, closed ones too, whatever view is picked. It unites:
* the ticket number (`#123456` only that; a bare `503` also as a word),
* tickets whose subject or messages hold every word (`storage/fts.py`),
* tickets of customers found by e-mail, phone, code, domain or hostname (`people_search`).

Results are ordered by their search key — the ticket's document rowid, number × 1024 + slot —
so newest-first is FTS5's own `ORDER BY rowid DESC` and a `LIMIT` stops the walk. At most
`CAP` matches are walked; past that the count is shown as "10,000+".
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from sqlalchemy import Connection, or_, select

from websight_desk.storage import fts
from websight_desk.storage.models import ProvisionalNumber, Ticket
from websight_desk.storage.queries.people_search import customers_matching

CAP = 10_000
PEOPLE_TICKETS = 2_000  # tickets of the customers a search names
_NUMBER = re.compile(r"#?\s*(\d{1,15})")
_CHUNK = 500


@dataclass(frozen=True)
class Hits:
    """Search keys in result order (pinned number matches first) and what is known of them."""

    keys: list[int]
    more: bool = False  # the walk stopped at CAP: more tickets match
    ids: dict[int, str] = field(default_factory=dict)  # key -> ticket id, where known

    @property
    def total(self) -> int:
        return len(self.keys)


def _walk(conn: Connection, expr: str, descending: bool, limit: int) -> list[int]:
    order = "DESC" if descending else "ASC"
    sql = f"SELECT rowid FROM {fts.TABLE} WHERE {fts.TABLE} MATCH ? ORDER BY rowid {order} LIMIT ?"
    return [r[0] for r in conn.exec_driver_sql(sql, (expr, limit))]


def _keyed(conn: Connection, tickets: Sequence[tuple[str, int]]) -> dict[int, str]:
    """Search keys of these (id, number) tickets: their document, else number × SLOTS."""
    keyed: dict[int, str] = {}
    for ticket_id, number in tickets:
        key = fts.doc_of(conn, ticket_id, number)
        keyed[key if key is not None else number * fts.SLOTS] = ticket_id
    return keyed


def _by_number(conn: Connection, number: int) -> dict[int, str]:
    """Tickets with this number, and those that had it here before the team's number."""
    renumbered = select(ProvisionalNumber.ticket_id).where(ProvisionalNumber.number == number)
    rows = conn.execute(
        select(Ticket.id, Ticket.number).where(
            or_(Ticket.number == number, Ticket.id.in_(renumbered))
        )
    ).all()
    return _keyed(conn, [(r.id, r.number) for r in rows])


def _of_customers(conn: Connection, customer_ids: set[str], descending: bool) -> dict[int, str]:
    if not customer_ids:
        return {}
    order = Ticket.number.desc() if descending else Ticket.number.asc()
    rows = conn.execute(
        select(Ticket.id, Ticket.number)
        .where(Ticket.customer_id.in_(sorted(customer_ids)))
        .order_by(order)
        .limit(PEOPLE_TICKETS)
    ).all()
    return _keyed(conn, [(r.id, r.number) for r in rows])


def find(conn: Connection, search: str, *, descending: bool = True, cap: int = CAP) -> Hits:
    """Every ticket the search names (at most `cap`), newest first unless `descending=False`."""
    typed, search = search, search.strip()
    if not search:
        return Hits([])
    number = _NUMBER.fullmatch(search)
    pinned = _by_number(conn, int(number.group(1))) if number else {}
    if search.startswith("#") and number:
        return Hits(list(pinned), ids=pinned)
    # A trailing space: the last word is whole; else the words it may begin are ORed.
    expr = fts.match_expression(typed.lstrip(), partial(fts.expand_prefix, conn))
    walked = _walk(conn, expr, descending, cap + 1) if expr else []
    more = len(walked) > cap
    walked = walked[:cap]
    people = _of_customers(conn, customers_matching(conn, search), descending)
    extra = [k for k in people if k not in pinned]
    if more:  # past the last walked key other matches are unknown: keep the order honest
        edge = walked[-1]
        extra = [k for k in extra if (k >= edge if descending else k <= edge)]
    merged = sorted({*walked, *extra} - set(pinned), reverse=descending)
    keys = [*pinned, *merged]
    if len(keys) > cap:
        keys, more = keys[:cap], True
    return Hits(keys, more, {**people, **pinned})


def ticket_ids(conn: Connection, hits: Hits, keys: Sequence[int]) -> list[str]:
    """The ticket ids of these keys of `hits`, in the same order (keys without a ticket left
    out: a document erased since the walk)."""
    known = {k: hits.ids[k] for k in keys if k in hits.ids}
    wanted = [k for k in keys if k not in known]
    for start in range(0, len(wanted), _CHUNK):
        chunk = wanted[start : start + _CHUNK]
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT rowid, ticket_id FROM {fts.TABLE} WHERE rowid IN ({marks})"
        known.update({int(r[0]): r[1] for r in conn.exec_driver_sql(sql, tuple(chunk))})
    return [known[k] for k in keys if k in known]


__all__ = ["CAP", "Hits", "find", "ticket_ids"]
