"""The server's database: SQLite in the data directory by default, or PostgreSQL by URL.

SQLite runs in WAL with synchronous=FULL (the client's engine settings), so an answered push
survives a SIGKILL or a power cut. Both engines are upgraded by Alembic at start-up. Neither
engine ever puts statement parameters (personal data) into an error message or a log.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, select
from sqlalchemy import exc as sa_exc

from websight_desk.domain.errors import StorageProblem
from websight_desk.server.models import counter
from websight_desk.server.sqlite_engine import make_private_dir, make_server_sqlite_engine
from websight_desk.storage import migrate as client_migrate

SERVER_DB_FILE = "server.sqlite3"
MIGRATIONS = Path(__file__).parent / "migrations"

# One lock per SQLite file in this process: the threads of the server's pool queue here for
# the single writer instead of racing for SQLite's lock and failing with "database is locked".
_WRITE_LOCKS: dict[str, threading.Lock] = {}
_WRITE_LOCKS_GUARD = threading.Lock()
WRITE_QUEUE_TIMEOUT_S = 60.0  # longer than this in the queue: "busy, retry" (a 503)


def _write_lock(url: str) -> threading.Lock:
    with _WRITE_LOCKS_GUARD:
        return _WRITE_LOCKS.setdefault(url, threading.Lock())


@contextmanager
def _queued(lock: threading.Lock | None) -> Iterator[None]:
    if lock is None:
        yield
        return
    if not lock.acquire(timeout=WRITE_QUEUE_TIMEOUT_S):
        # the pool's own "waited too long" error: answered as 503 storage_busy
        raise sa_exc.TimeoutError("waited too long for the database's single writer")
    try:
        yield
    finally:
        lock.release()


@dataclass
class Store:
    engine: Engine
    url: str
    # where files that must outlive a restore of the database live (`server.erasure_ledger`)
    data_dir: Path | None = None
    _lock: threading.Lock | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self._lock is None and self.dialect == "sqlite":
            self._lock = _write_lock(self.url)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """One writing transaction (BEGIN IMMEDIATE on SQLite: the single writer up front)."""
        with (
            _queued(self._lock),
            self.engine.connect().execution_options(immediate=True) as conn,
            conn.begin(),
        ):
            yield conn

    def head(self, conn: Connection) -> int:
        return int(conn.execute(select(counter.c.seq).where(counter.c.id == 1)).scalar_one())

    def close(self) -> None:
        self.engine.dispose()


def alembic_config(connection: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    locations = [str(client_migrate.MIGRATIONS / "versions"), str(MIGRATIONS / "versions")]
    cfg.set_main_option("version_locations", " ".join(locations))
    cfg.set_main_option("path_separator", "space")
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def make_store_engine(data_dir: Path | None, db_url: str | None) -> tuple[Engine, str]:
    if db_url:
        if db_url.startswith("sqlite"):
            raise StorageProblem("Use --data DIR for a SQLite server database, not --db.")
        # No server-side prepared statements: their generic plans for "id IN (500 values)"
        # fell back to sequential scans as the tables grew (a 100k push slowed 15x).
        engine = create_engine(
            db_url,
            pool_size=8,
            max_overflow=8,
            pool_pre_ping=True,
            hide_parameters=True,
            connect_args={"prepare_threshold": None},
        )
        return engine, db_url
    if data_dir is None:
        raise StorageProblem("Give --data DIR (SQLite) or --db postgresql+psycopg://...")
    try:
        make_private_dir(data_dir)
    except OSError as exc:
        raise StorageProblem(f"The data directory {data_dir} cannot be created ({exc}).") from exc
    path = data_dir / SERVER_DB_FILE
    return make_server_sqlite_engine(path), f"sqlite:///{path}"


def open_store(
    data_dir: Path | None = None, db_url: str | None = None, *, upgrade: bool = True
) -> Store:
    """Open and (unless told not to) upgrade the server database."""
    engine, url = make_store_engine(data_dir, db_url)
    if not upgrade:
        return Store(engine=engine, url=url, data_dir=data_dir)
    try:
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "heads")
    except Exception as exc:
        engine.dispose()
        if isinstance(exc, StorageProblem):
            raise
        raise StorageProblem(f"The server database {_safe(url)} cannot be opened: {exc}") from exc
    return Store(engine=engine, url=url, data_dir=data_dir)


def _safe(url: str) -> str:
    """The URL without a password, for messages."""
    if "@" in url and "://" in url:
        scheme, rest = url.split("://", 1)
        creds, host = rest.rsplit("@", 1)
        return f"{scheme}://{creds.split(':', 1)[0]}@{host}"
    return url
