"""Full-text search over ticket subjects and message bodies (SQLite FTS5).

Both the indexed text and the query are folded with Turkish rules (`domain.turkish.fold`), so
"sifre" finds "Şifre" and "ISTANBUL" finds "İstanbul". The index stores folded text only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import Connection, text

from websight_desk.domain.turkish import fold

TABLE = "search_index"
CREATE_SQL = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5("
    "ticket_id UNINDEXED, doc_id UNINDEXED, body, "
    "tokenize = \"unicode61 remove_diacritics 2 tokenchars '_'\")"
)
DROP_SQL = f"DROP TABLE IF EXISTS {TABLE}"

_TOKEN = re.compile(r"\w+", re.UNICODE)


def index_rows(conn: Connection, rows: Iterable[tuple[str, str, str]]) -> None:
    """Add (ticket_id, doc_id, original text) rows to the index."""
    # `fold` translates through a table that fills itself: one C loop per text.
    params = [(t, d, fold(b)) for t, d, b in rows]
    if params:
        conn.exec_driver_sql(
            f"INSERT INTO {TABLE}(ticket_id, doc_id, body) VALUES (?, ?, ?)", params
        )


def remove_doc(conn: Connection, doc_id: str) -> None:
    conn.execute(text(f"DELETE FROM {TABLE} WHERE doc_id = :d"), {"d": doc_id})


def match_expression(query: str) -> str | None:
    """FTS5 MATCH text for a user query: every word must appear, as a word prefix.

    User input never reaches FTS5 syntax: words are extracted and quoted, so `"`, `*`, `-`,
    `NEAR` and friends are plain text.
    """
    words = _TOKEN.findall(fold(query))
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words)
