"""A server that keeps its erasure ledger (PostgreSQL too), its backups, and its text.

`LedgeredServer` gives `--data DIR` on both engines (the ledger lives there); `take_backup`
and `restore_backup` are what an operator does (SQLite: the online backup API and a file
copy; PostgreSQL: a copy of the database, as `pg_dump`/`pg_restore` would make);
`server_text` is every text and JSON value of every table of the server database, and on
PostgreSQL also `pg_dump`'s output — what the byte grep reads.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import JSON, Connection, MetaData, String, Text, select

from tests.e2e.sync.serverproc import ServerProc, create_pg_database, drop_pg_database
from websight_desk.server.store import SERVER_DB_FILE

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/"


@dataclass
class LedgeredServer(ServerProc):
    def args(self) -> list[str]:
        extra = ["--data", str(self.data_dir)] if self.db_url else []
        return [*super().args(), *extra]

    @property
    def db_name(self) -> str | None:
        return self.db_url.rsplit("/", 1)[1] if self.db_url else None


@contextmanager
def server_read(server: ServerProc) -> Iterator[Connection]:
    """A read connection to the running server's database, closed afterwards."""
    store = server.store()
    try:
        with store.read() as conn:
            yield conn
    finally:
        store.close()


def take_backup(server: LedgeredServer, into: Path) -> str:
    """A backup of the server database: a file path (SQLite) or a database name."""
    if server.db_name is None:
        into.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(server.data_dir / SERVER_DB_FILE)
        dst = sqlite3.connect(into)
        try:
            src.backup(dst)
        finally:
            dst.close()
            src.close()
        return str(into)
    server.kill(15)  # a template copy needs the source database without connections
    copy = create_pg_database(server.db_name)
    server.start()
    return copy


def restore_backup(server: LedgeredServer, backup: str) -> None:
    """Stop the server, put the backup in place of its database, start it again."""
    server.kill(15)
    if server.db_name is None:
        db = server.data_dir / SERVER_DB_FILE
        for suffix in ("", "-wal", "-shm"):
            db.with_name(db.name + suffix).unlink(missing_ok=True)
        shutil.copyfile(backup, db)
    else:
        old = server.db_name
        server.db_url = PG + backup
        drop_pg_database(old)
    server.start()


def server_text(server: ServerProc) -> str:
    """Every text/JSON value of the server database (and pg_dump's output on PostgreSQL)."""
    store = server.store()
    parts: list[str] = []
    try:
        meta = MetaData()
        meta.reflect(store.engine)
        with store.read() as conn:
            for table in meta.sorted_tables:
                cols = [c for c in table.c if isinstance(c.type, (String, Text, JSON))]
                if not cols:
                    continue
                for row in conn.execute(select(*cols)):
                    parts.extend(str(v) for v in row if v is not None)
    finally:
        store.close()
    if server.db_url:
        name = server.db_url.rsplit("/", 1)[1]
        dump = subprocess.run(
            ["pg_dump", "-h", "127.0.0.1", "-U", "postgres", "--data-only", name],
            check=True,
            capture_output=True,
        )
        parts.append(dump.stdout.decode("utf-8"))
    return "\n".join(parts)
