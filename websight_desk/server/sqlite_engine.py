"""The server's SQLite engine: the client's durability settings, private files, patient writers.

Like the workstation database (`storage.database`): WAL, synchronous=FULL, foreign keys,
BEGIN IMMEDIATE for writers. Different on the server: statement parameters are hidden from
errors and logs (they carry personal data), a longer busy timeout (an admin command may write
while the server runs), and the files are private to the server's user — the database is
created 0600 (SQLite gives its -wal and -shm files the database's mode), the directory 0700.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import stat
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

from websight_desk.storage.engine import on_begin, sqlite_pragmas

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000
FILE_MODE = 0o600
DIR_MODE = 0o700
SIDE_FILES = ("-wal", "-shm", "-journal")


def make_private_dir(path: Path) -> None:
    """Create the data directory 0700 (an existing one is left as its owner set it)."""
    if path.is_dir():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.mkdir(mode=DIR_MODE, exist_ok=True)
    os.chmod(path, DIR_MODE)  # mkdir's mode is filtered by the umask; be exact


def make_private_file(path: Path) -> None:
    """Create `path` empty with mode 0600 if missing; take group/other access off our files."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, FILE_MODE)
    os.close(fd)
    for each in (path, *(path.with_name(path.name + s) for s in SIDE_FILES)):
        try:
            mode = stat.S_IMODE(each.stat().st_mode)
            if mode & 0o077:
                os.chmod(each, mode & ~0o077)
        except FileNotFoundError:
            continue
        except OSError as exc:  # not ours to change: say so, do not stop the server
            log.warning("cannot make %s private: %s", each, exc.strerror or exc)


def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    sqlite_pragmas(dbapi_conn, BUSY_TIMEOUT_MS)  # the client's settings, a longer wait


def make_server_sqlite_engine(path: Path) -> Engine:
    make_private_file(path)
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
        hide_parameters=True,
    )
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", on_begin)
    return engine
