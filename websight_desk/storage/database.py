"""Open the local SQLite database safely: checks, backup, migration, pragmas.

Nothing here overwrites user data: a corrupt file, a file from a newer Websight Desk or a
locked file is reported with its path and what to do, and left as it is.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from websight_desk.domain.errors import StorageProblem
from websight_desk.storage import backups, migrate
from websight_desk.storage.engine import checkpoint, make_engine

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
SCHEMA_MAJOR = 1  # PRAGMA user_version; a bigger number was written by a newer major release
QUICK_CHECK_BELOW = 64 * 1024 * 1024  # bytes; bigger files get the full check after a crash


class CorruptDatabase(StorageProblem):
    pass


class NewerDatabase(StorageProblem):
    pass


class DatabaseLocked(StorageProblem):
    pass


@dataclass
class Database:
    path: Path
    engine: Engine

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with translate_errors(self.path), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction that takes the lock up front (BEGIN IMMEDIATE), so a reader
        upgraded to a writer never fails half-way with SQLITE_BUSY."""
        with (
            translate_errors(self.path),
            self.engine.connect().execution_options(immediate=True) as conn,
            conn.begin(),
        ):
            yield conn

    def checkpoint(self) -> None:
        checkpoint(self.engine)

    def close(self) -> None:
        self.engine.dispose()
        _open_marker(self.path).unlink(missing_ok=True)


@contextmanager
def translate_errors(path: Path) -> Iterator[None]:
    """Turn SQLite's environment failures into clear, typed problems naming the file."""
    try:
        yield
    except Exception as exc:
        problem = classify(exc, path)
        if problem is None:
            raise
        raise problem from exc


def classify(exc: BaseException, path: Path) -> StorageProblem | None:
    message = str(getattr(exc, "orig", None) or exc).lower()
    where = str(path)
    if "database is locked" in message or "database table is locked" in message:
        return DatabaseLocked(
            f"The database {where} is locked by another program.",
            hint="Close other Websight Desk windows using this workspace and try again.",
            path=where,
        )
    if "disk is full" in message or "no space left" in message:
        return StorageProblem(
            f"The disk holding {where} is full; the last change was not saved.",
            hint="Free some space and try again; nothing already saved was lost.",
            path=where,
        )
    if "not a database" in message or "malformed" in message or "corrupt" in message:
        return CorruptDatabase(
            f"The database {where} is damaged.",
            hint="Restore a copy from the backups folder next to it, or move the file away "
            "to start afresh (the server still has everything that was synced).",
            path=where,
        )
    if "readonly" in message or "read-only" in message or "unable to open" in message:
        return StorageProblem(
            f"The database {where} cannot be written.",
            hint="Check that the folder exists and that you may write to it.",
            path=where,
        )
    return None


def _check_directory(root: Path) -> None:
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StorageProblem(
            f"The data directory {root} cannot be created ({exc.strerror or exc}).",
            hint="Choose another directory with --workspace or WEBSIGHT_DESK_HOME.",
            path=str(root),
        ) from exc
    if not os.access(root, os.W_OK | os.X_OK):
        raise StorageProblem(
            f"The data directory {root} is not writable.",
            hint="Fix its permissions or choose another directory with --workspace.",
            path=str(root),
        )


def _check_file(path: Path) -> None:
    if not path.exists():
        return
    with path.open("rb") as fh:
        header = fh.read(len(SQLITE_HEADER))
    if path.stat().st_size and header != SQLITE_HEADER:
        raise CorruptDatabase(
            f"The file {path} is not a Websight Desk database (or it is damaged).",
            hint="Restore one of the backups with `websight-desk db restore FILE`, "
            "or move the file away to start afresh.",
            path=str(path),
        )


def _user_version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def open_database(path: Path, *, backups_dir: Path | None = None) -> Database:
    """Open (creating if needed) and upgrade the workspace database."""
    _check_directory(path.parent)
    _check_file(path)
    if path.exists() and path.stat().st_size == 0:
        raise CorruptDatabase(
            f"The database {path} is an empty file: its data is lost or was never written.",
            hint="Restore one of the backups with `websight-desk db restore FILE` "
            "(`db backups` lists them), or move the empty file away to start afresh.",
            path=str(path),
        )
    existed = path.exists()
    engine = make_engine(path)
    try:
        with translate_errors(path):
            with engine.connect() as conn:
                if existed:
                    # Reading the schema catches a damaged first page cheaply; the full
                    # page-by-page check runs for small files or after an unclean shutdown.
                    conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
                    thorough = (
                        _open_marker(path).exists() or path.stat().st_size < QUICK_CHECK_BELOW
                    )
                    ok = (
                        conn.exec_driver_sql("PRAGMA quick_check").scalar_one()
                        if thorough
                        else "ok"
                    )
                    if ok != "ok":
                        raise CorruptDatabase(
                            f"The database {path} is damaged ({ok}).",
                            hint="Restore one of the backups with `websight-desk db restore FILE`.",
                            path=str(path),
                        )
                    major = _user_version(conn)
                    if major > SCHEMA_MAJOR:
                        raise _newer(path, f"schema {major}")
                current = migrate.current_revision(conn)
                conn.rollback()
            if current is not None and not migrate.is_known(current):
                raise _newer(path, f"revision {current}")
            if current != migrate.head():
                if existed and current is not None:
                    saved = backups.backup(path, backups_dir or path.parent / "backups", current)
                    log.info("backed up %s to %s before upgrading", path, saved)
                with engine.begin() as conn:
                    migrate.upgrade(conn)
                    conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_MAJOR}")
    except BaseException:
        engine.dispose()
        raise
    try:
        _open_marker(path).touch()
    except OSError:
        log.warning("cannot write %s; the next start will run a full check", _open_marker(path))
    return Database(path=path, engine=engine)


def _open_marker(path: Path) -> Path:
    """Present while a process has the database open; left behind by a crash."""
    return path.with_name(path.name + ".open")


def _newer(path: Path, what: str) -> NewerDatabase:
    return NewerDatabase(
        f"The database {path} was written by a newer Websight Desk ({what}).",
        hint="Update Websight Desk; the file was left untouched.",
        path=str(path),
    )


def ping(db: Database) -> None:
    with db.read() as conn:
        conn.execute(text("SELECT 1"))
