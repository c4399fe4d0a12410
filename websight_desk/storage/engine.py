"""The SQLite engine every database of the program uses: settings, transactions, checkpoint.

WAL, `synchronous=FULL`, foreign keys, `secure_delete` (erased text is overwritten, not only
freed); SQLAlchemy emits `BEGIN` itself so a writer can ask for `BEGIN IMMEDIATE`; parameters
are hidden from error messages (they may hold personal data).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event

BUSY_TIMEOUT_MS = 5000


def sqlite_pragmas(dbapi_conn: sqlite3.Connection, busy_timeout_ms: int) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see on_begin)
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA secure_delete = ON")
    cur.close()


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    sqlite_pragmas(dbapi_conn, BUSY_TIMEOUT_MS)


def on_begin(conn: Connection) -> None:
    immediate = conn.get_execution_options().get("immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def checkpoint(engine: Engine) -> None:
    """Move the WAL into the database file and empty it: after an erasure or a purge, the old
    page images holding the erased text must not stay in `-wal`."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
    finally:
        raw.close()


def make_engine(path: Path) -> Engine:
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,  # an error message never carries personal data into a log
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", on_begin)
    return engine
