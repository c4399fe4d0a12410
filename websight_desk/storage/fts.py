"""Full-text search over tickets (SQLite FTS5): one document per ticket, keyed by its number.

Both the indexed text and the query are folded with Turkish rules (`domain.turkish.fold`), so
"sifre" finds "Şifre" and "ISTANBUL" finds "İstanbul". The index stores folded text only.

A ticket's document holds its subject and every message, and its FTS rowid is
`number * SLOTS + slot` (`slot` tells apart tickets that share a number after offline work).
So `ORDER BY rowid DESC` walks matches newest ticket first, inside FTS5, and a `LIMIT` stops
the walk: no match is materialised, joined or sorted. `detail=none` keeps no positions (the
queue only asks "does the ticket contain these words"); `prefix='2 3'` makes the word being
typed cheap to match as a prefix.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from sqlalchemy import Connection, select, text

from websight_desk.domain.turkish import fold
from websight_desk.storage.models import Message, Ticket

TABLE = "search_index"
SLOTS = 1024  # documents per ticket number
CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "ticket_id UNINDEXED, body, prefix = '2 3', detail = none, "
    "tokenize = \"unicode61 remove_diacritics 2 tokenchars '_'\")"
)
DROP_SQL = f"DROP TABLE IF EXISTS {TABLE}"
CHUNK = 500

_TOKEN = re.compile(r"\w+", re.UNICODE)
_EXISTING = text(f"SELECT rowid, ticket_id FROM {TABLE} WHERE rowid BETWEEN :lo AND :hi")


def doc_range(number: int) -> tuple[int, int]:
    """The rowids the documents of tickets numbered `number` may take (inclusive)."""
    return number * SLOTS, number * SLOTS + SLOTS - 1


def doc_of(conn: Connection, ticket_id: str, number: int) -> int | None:
    """The rowid of this ticket's document, if it has one."""
    lo, hi = doc_range(number)
    for rowid, tid in conn.execute(_EXISTING, {"lo": lo, "hi": hi}):
        if tid == ticket_id:
            return int(rowid)
    return None


def _documents(conn: Connection, numbers: list[int]) -> dict[int, list[tuple[int, str]]]:
    """number -> [(rowid, ticket_id)] of the documents of tickets with these numbers."""
    found: dict[int, list[tuple[int, str]]] = {n: [] for n in numbers}
    if not numbers:
        return found
    sql = f"SELECT rowid, ticket_id FROM {TABLE} WHERE rowid BETWEEN ? AND ?"
    lo, hi = min(numbers), max(numbers)
    # A bulk load numbers its tickets in a row: one range read finds all their documents.
    spans = [(lo, hi)] if hi - lo < 4 * len(numbers) + 64 else [(n, n) for n in sorted(found)]
    for first, last in spans:
        for rowid, tid in conn.exec_driver_sql(sql, (doc_range(first)[0], doc_range(last)[1])):
            number = int(rowid) // SLOTS
            if number in found:
                found[number].append((int(rowid), tid))
    return found


def _slot_for(
    conn: Connection, ticket_id: str, number: int, docs: list[tuple[int, str]]
) -> tuple[int, bool]:
    """(rowid, exists) for this ticket: its document's rowid, else the first free slot."""
    for rowid, tid in docs:
        if tid == ticket_id:
            return rowid, True
    lo, hi = doc_range(number)
    taken = {rowid for rowid, _tid in docs}
    free = next((r for r in range(lo, hi + 1) if r not in taken), None)
    if free is None:  # over 1,024 tickets with one number: past every document, still unique
        top = conn.exec_driver_sql(f"SELECT max(rowid) FROM {TABLE}").scalar_one()
        free = int(top or 0) + 1
    docs.append((free, ticket_id))
    return free, False


def reindex_tickets(conn: Connection, ticket_ids: Iterable[str]) -> None:
    """Write the document of each ticket again from the tables (subject + messages)."""
    ids = sorted(set(ticket_ids))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        heads = conn.execute(
            select(Ticket.id, Ticket.number, Ticket.subject).where(Ticket.id.in_(chunk))
        ).all()
        texts: dict[str, list[str]] = {t.id: [t.subject] for t in heads}
        bodies = conn.execute(
            select(Message.ticket_id, Message.body)
            .where(Message.ticket_id.in_(chunk), Message.body != "")
            .order_by(Message.ticket_id, Message.created_at)
        )
        for ticket_id, body in bodies:
            texts[ticket_id].append(body)
        stale: list[tuple[int]] = []
        fresh: list[tuple[int, str, str]] = []
        docs = _documents(conn, sorted({t.number for t in heads}))
        for t in heads:
            rowid, exists = _slot_for(conn, t.id, t.number, docs[t.number])
            if exists:
                stale.append((rowid,))
            # `fold` translates through a table that fills itself: one C loop per text.
            fresh.append((rowid, t.id, fold("\n".join(texts[t.id]))))
        if stale:
            conn.exec_driver_sql(f"DELETE FROM {TABLE} WHERE rowid = ?", stale)
        if fresh:
            conn.exec_driver_sql(
                f"INSERT INTO {TABLE}(rowid, ticket_id, body) VALUES (?, ?, ?)", fresh
            )


def index_rows(conn: Connection, rows: Iterable[tuple[str, str, str]]) -> None:
    """(ticket_id, doc_id, text) rows were stored: index their tickets' documents again."""
    reindex_tickets(conn, (ticket_id for ticket_id, _doc, _text in rows))


def remove_doc(conn: Connection, doc_id: str) -> None:
    """Forget the document of the ticket `doc_id` (a message id: its ticket is removed too)."""
    row = (
        conn.execute(select(Ticket.id, Ticket.number).where(Ticket.id == doc_id)).first()
        or conn.execute(
            select(Ticket.id, Ticket.number)
            .join(Message, Message.ticket_id == Ticket.id)
            .where(Message.id == doc_id)
        ).first()
    )
    if row is None:
        return
    rowid = doc_of(conn, row.id, row.number)
    if rowid is not None:
        conn.execute(text(f"DELETE FROM {TABLE} WHERE rowid = :r"), {"r": rowid})


def rebuild(conn: Connection) -> None:
    """Index every ticket again (after a change of the index's layout)."""
    conn.exec_driver_sql(f"DELETE FROM {TABLE}")
    after = -1
    while True:  # a page of tickets at a time: memory stays flat at a million
        page = conn.exec_driver_sql(
            "SELECT rowid, id FROM tickets WHERE rowid > ? ORDER BY rowid LIMIT ?",
            (after, CHUNK * 10),
        ).all()
        if not page:
            break
        reindex_tickets(conn, [ticket_id for _rowid, ticket_id in page])
        after = page[-1][0]
    conn.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")


def words(query: str) -> list[str]:
    """The folded words of a user query, as the index's tokenizer cuts them."""
    return _TOKEN.findall(fold(query))


VOCAB = "temp.search_index_vocab"
MAX_EXPANSION = 64  # words a typed prefix may stand for before FTS5's own prefix query is used
_PREFIX_INDEXED = 3  # `prefix = '2 3'`: up to this length FTS5 has the prefix's own doclist


def expand_prefix(conn: Connection, prefix: str) -> list[str] | None:
    """The indexed words starting with `prefix`, if few enough.

    FTS5 answers `"sunucu"*` by merging the doclists of every such word into one list before
    the first row (125 ms at 1M tickets); an OR of the words themselves is walked lazily in
    rowid order, so `ORDER BY rowid DESC LIMIT` stops early (the word list costs 2–25 ms).
    """
    if len(prefix) <= _PREFIX_INDEXED:
        return None
    conn.exec_driver_sql(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {VOCAB} USING fts5vocab(main, {TABLE}, 'row')"
    )
    terms = conn.exec_driver_sql(
        f"SELECT term FROM {VOCAB} WHERE term >= ? AND term < ? LIMIT ?",
        (prefix, prefix + "\U0010ffff", MAX_EXPANSION + 1),
    ).all()
    if len(terms) > MAX_EXPANSION:
        return None
    return [str(t[0]) for t in terms]


def match_expression(
    query: str, expand: Callable[[str], list[str] | None] | None = None
) -> str | None:
    """FTS5 MATCH text for a user query: every word must appear in the ticket.

    Whole words match exactly; only the last one — still being typed unless the query ends
    with a space — matches as a prefix, and only from two letters (a one-letter prefix would
    walk most of the index; it is left out while other words are there). `expand` may list
    the words the prefix stands for (`expand_prefix`): they are ORed instead. User input never
    reaches FTS5 syntax: words are extracted and quoted, so `"`, `*`, `-`, `NEAR` and friends
    are plain text.
    """
    found = words(query)
    if not found:
        return None
    typing = not query[-1:].isspace()
    last = found[-1]
    if typing and len(last) == 1 and len(found) > 1:
        found = found[:-1]
        typing = False
    parts = [f'"{w}"' for w in found]
    if typing and len(last) >= 2:
        expanded = expand(last) if expand is not None else None
        if expanded is None:
            parts[-1] += "*"
        elif expanded:
            parts[-1] = "(" + " OR ".join(f'"{w}"' for w in expanded) + ")"
        else:
            return None  # no indexed word starts so: nothing matches
    return " AND ".join(parts)


__all__ = [
    "CREATE_SQL",
    "DROP_SQL",
    "SLOTS",
    "TABLE",
    "doc_of",
    "doc_range",
    "expand_prefix",
    "index_rows",
    "match_expression",
    "rebuild",
    "reindex_tickets",
    "remove_doc",
    "words",
]
