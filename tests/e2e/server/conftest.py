"""A real server process per test (SQLite or PostgreSQL), and helpers to attack it over HTTP."""

from __future__ import annotations

import queue
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import Engine, event

from tests.e2e.sync.serverproc import (
    ServerProc,
)
from websight_desk.domain.enums import MessageKind
from websight_desk.server.store import SERVER_DB_FILE
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk, open_desk
from websight_desk.storage.ops import Op
from websight_desk.sync.client import SyncClient
from websight_desk.sync.engine import SyncEngine
from websight_desk.sync.push import pending_ops

PHONE = "+905321234567"
SECRET_BODY = "GIZLI-ICERIK-7731 sifrem kayboldu"
SECRETS = (PHONE, PHONE[1:], "5321234567", "GIZLI-ICERIK", "sifrem kayboldu", "Ayse Veri")


@pytest.fixture
def agent_http(server: ServerProc) -> Iterator[httpx.Client]:
    """An HTTP client with a valid agent token for `server`."""
    _, token = server.add_account("ayse", "agent")
    with httpx.Client(
        base_url=server.url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    ) as http:
        yield http


def bind_desk(url: str, agent_id: str, token: str, root: Path) -> Desk:
    """A desk of this account on the server at `url`, its own agent row pulled."""
    desk = open_desk(root, with_triage=False)
    desk.settings.server_url = url
    desk.settings.agent_id = agent_id
    with SyncClient(url, token, retries=0) as client:
        SyncEngine(desk, client).pull()
    return desk


def workstation(server: ServerProc, root: Path, name: str) -> tuple[Desk, str]:
    """A desk bound to a new agent account, and the account's token."""
    agent_id, token = server.add_account(name, "agent")
    return bind_desk(server.url, agent_id, token, root), token


def personal_ops(desk: Desk) -> list[Op]:
    """A customer with a phone number and a ticket whose messages are private text."""
    with desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("K-PII", "individual", "Ayse Veri", None, PHONE)
        )
        t = tickets.open_ticket(
            w, tickets.OpenTicket(customer_id=customer, subject="Sifre", body=SECRET_BODY)
        )
        tickets.post_message(w, tickets.PostMessage(t.ticket_id, MessageKind.NOTE, SECRET_BODY))
    return pending_ops(desk)


def push(url: str, token: str, ops: list[Op]) -> httpx.Response:
    body = {"ops": [op.to_wire() for op in ops]}
    auth = {"Authorization": f"Bearer {token}"}
    return httpx.post(f"{url}/v1/push", json=body, headers=auth, timeout=60)


def assert_problem(r: httpx.Response, status: int, code: str | None = None) -> None:
    """A JSON problem `{"error": code, "message": ...}` with this status."""
    assert r.status_code == status, (r.status_code, r.text[:300])
    body = r.json()
    assert set(body) >= {"error", "message"}, body
    assert body["message"], body
    if code is not None:
        assert body["error"] == code, body


def fail_change_log(server: ServerProc, *, errcode: str | None = None) -> None:
    """A trigger that makes storing accepted ops fail (quoting the row, on PostgreSQL)."""
    if server.db_url is None:
        with sqlite3.connect(server.data_dir / SERVER_DB_FILE) as db:
            db.execute(
                "CREATE TRIGGER boom BEFORE INSERT ON server_change_log "
                "BEGIN SELECT RAISE(ABORT, 'simulated failure'); END"
            )
        return
    import psycopg

    dsn = server.db_url.replace("postgresql+psycopg", "postgresql")
    using = f"USING ERRCODE = '{errcode}'" if errcode else ""
    with psycopg.connect(dsn, autocommit=True) as db:
        db.execute(
            "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"RAISE EXCEPTION 'failing row: %', NEW.payload {using}; END $$"
        )
        db.execute(
            "CREATE TRIGGER boom BEFORE INSERT ON server_change_log "
            "FOR EACH ROW EXECUTE FUNCTION boom()"
        )


def failing_push(server: ServerProc, tmp_path: Path, errcode: str | None) -> httpx.Response:
    """Push personal data while storing the change log fails (see `fail_change_log`)."""
    desk, token = workstation(server, tmp_path / "ws", "ayse")
    try:
        ops = personal_ops(desk)
    finally:
        desk.close()
    fail_change_log(server, errcode=errcode)
    return push(server.url, token, ops)


def assert_no_secrets(*texts: str) -> None:
    for secret in SECRETS:
        for text in texts:
            assert secret not in text, f"{secret!r} leaked:\n{text[-3000:]}"


def fill_the_disk(engine: Engine) -> None:
    """From now on the SQLite database cannot grow: SQLITE_FULL, as on a full disk."""

    @event.listens_for(engine, "connect")
    def no_room(dbapi_conn: Any, _record: object) -> None:
        cur = dbapi_conn.cursor()
        pages = cur.execute("PRAGMA page_count").fetchone()[0]
        cur.execute(f"PRAGMA max_page_count = {pages}")
        cur.close()

    engine.dispose()  # the pooled connections were opened without the limit


class Served:
    """`websight-desk-server serve --port 0 ...` in a subprocess, its output read by lines."""

    def __init__(self, *args: str) -> None:
        command = [sys.executable, "-m", "websight_desk.server", "serve", "--port", "0", *args]
        self.proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.stderr: list[str] = []
        assert self.proc.stdout is not None
        assert self.proc.stderr is not None
        self.pumps = [
            threading.Thread(target=self._pump, args=(self.proc.stdout, None), daemon=True),
            threading.Thread(target=self._pump, args=(self.proc.stderr, self.stderr), daemon=True),
        ]
        for pump in self.pumps:
            pump.start()
        try:
            first = self.lines.get(timeout=30)
        except queue.Empty:
            self.proc.kill()
            raise AssertionError(f"no 'listening on' line; stderr: {self.stderr}") from None
        match = re.fullmatch(r"listening on (https?://\S+)", first.strip())
        assert match, f"first line {first!r}; stderr: {self.stderr}"
        self.url = match.group(1)

    def _pump(self, stream: object, into: list[str] | None) -> None:
        for line in stream:  # type: ignore[attr-defined]
            if into is None:
                self.lines.put(line)
            else:
                into.append(line)

    def stop(self, sig: int) -> int:
        """Send `sig`, wait for the exit; the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        status = self.proc.wait(30)
        for pump in self.pumps:
            pump.join(10)
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream is not None:
                stream.close()
        return status

    def output(self) -> str:
        return "".join(self.stderr)


@contextmanager
def served_in_thread(app: Any) -> Iterator[str]:
    """`app` under uvicorn on 127.0.0.1 in a thread of this process; yields its URL."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive(), "the server did not start"
        assert time.monotonic() < deadline, "the server did not start in time"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
