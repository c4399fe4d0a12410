"""A real sync server in a subprocess on 127.0.0.1, and helpers to drive clients against it."""

from __future__ import annotations

import os
import signal
import socket
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.e2e.sync.spawn import ServerChild, spawn_server
from websight_desk.server.accounts import add_account
from websight_desk.server.store import Store, open_store
from websight_desk.services.desk import Desk, open_desk
from websight_desk.storage.stats import record_counts
from websight_desk.sync.client import SyncClient
from websight_desk.sync.engine import SyncEngine

PG_ADMIN_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class ServerProc:
    data_dir: Path
    db_url: str | None = None
    port: int = field(default_factory=free_port)
    proc: ServerChild | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def args(self) -> list[str]:
        store = ["--db", self.db_url] if self.db_url else ["--data", str(self.data_dir)]
        return [
            sys.executable,
            "-m",
            "websight_desk.server",
            "serve",
            *store,
            "--port",
            str(self.port),
        ]

    def start(self) -> None:
        self.proc = spawn_server(self.args()[3:], self.data_dir / "server.log")
        deadline = time.monotonic() + 90  # a loaded 2-core machine starts Python slowly
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError((self.data_dir / "server.log").read_text())
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=0.5).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        self.kill()  # never leave a late server running behind a failed test
        raise RuntimeError("the server did not start within 90 s")

    def kill(self, sig: int = signal.SIGKILL) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(sig)
            self.proc.wait(15)
        self.proc = None

    def store(self) -> Store:
        # the running server has already upgraded the schema
        return open_store(None if self.db_url else self.data_dir, self.db_url, upgrade=False)

    def add_account(self, name: str, role: str) -> tuple[str, str]:
        store = self.store()
        try:
            with store.write() as conn:
                account, token = add_account(conn, name, role)
        finally:
            store.close()
        return account.id, token

    def counts(self) -> dict[str, int]:
        store = self.store()
        try:
            with store.read() as conn:
                return record_counts(conn)
        finally:
            store.close()


@dataclass
class Workstation:
    """A client workspace bound to a server account."""

    desk: Desk
    client: SyncClient
    agent_id: str

    @property
    def engine(self) -> SyncEngine:
        return SyncEngine(self.desk, self.client)

    def counts(self) -> dict[str, int]:
        with self.desk.db.read() as conn:
            return record_counts(conn)

    def close(self) -> None:
        self.client.close()
        self.desk.close()


def workstation(server: ServerProc, root: Path, name: str, role: str = "admin") -> Workstation:
    agent_id, token = server.add_account(name, role)
    desk = open_desk(root, with_triage=False)
    desk.settings.server_url = server.url
    desk.settings.agent_id = agent_id
    ws = Workstation(
        desk, SyncClient(server.url, token, retries=2, sleep=lambda _s: None), agent_id
    )
    ws.engine.pull()  # learn the accounts (our own agent row) like `connect` does
    return ws


def pg_available() -> bool:
    try:
        import psycopg

        with psycopg.connect(
            "host=127.0.0.1 port=5432 user=postgres dbname=postgres", connect_timeout=2
        ):
            return True
    except Exception:
        return False


def create_pg_database(template: str | None = None) -> str:
    """A new, uniquely named database (a copy of `template`, a migrated one, if given)."""
    import psycopg

    name = f"wsd_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'CREATE DATABASE "{name}"{copy}')
    return name


def migrated_pg_template() -> str:
    """A database with the server schema, to copy per test (migrating takes seconds)."""
    name = create_pg_database()
    open_store(None, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}").close()
    return name


def drop_pg_database(name: str) -> None:
    import psycopg

    with psycopg.connect("host=127.0.0.1 user=postgres dbname=postgres", autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


BACKENDS = [
    "sqlite",
    pytest.param("postgresql", marks=pytest.mark.postgres),
]
