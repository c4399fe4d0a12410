"""Fixtures: Dovecot and aiosmtpd on 127.0.0.1, and a sync server with both configured."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.mail.servers import DOVECOT, MAIL_USER, Dovecot, SmtpServer, private_tempdir
from tests.e2e.sync.serverproc import ServerProc, Workstation, workstation
from websight_desk.server.mail import config
from websight_desk.server.store import open_store

SUPPORT = "destek@websight.test"
IMAP_ENV = "WSD_TEST_IMAP_PASSWORD"


@pytest.fixture
def dovecot() -> Iterator[Dovecot]:
    if DOVECOT is None:
        pytest.skip("dovecot is not installed (apt-get install -y dovecot-imapd)")
    root = private_tempdir()
    server = Dovecot(root)
    try:
        server.start()
        yield server
    finally:
        server.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.start()
    yield server
    server.stop()


def configure(data: Path, imap_port: int | None, smtp_port: int | None, secret_dir: Path) -> None:
    """Mailbox (password from the environment) and SMTP (password from a 0600 file)."""
    store = open_store(data)
    try:
        with store.write() as conn:
            if imap_port is not None:
                config.add_mailbox(
                    conn,
                    config.Mailbox(
                        "destek",
                        "127.0.0.1",
                        imap_port,
                        MAIL_USER,
                        "INBOX",
                        "technical",
                        "plain",
                        SUPPORT,
                        config.Secret(env=IMAP_ENV),
                    ),
                )
            if smtp_port is not None:
                secret = secret_dir / "smtp.pw"
                secret.write_text(SmtpServer.PASSWORD + "\n")
                secret.chmod(0o600)
                config.set_smtp(
                    conn,
                    config.SmtpConfig(
                        "127.0.0.1",
                        smtp_port,
                        SmtpServer.USER,
                        "plain",
                        SUPPORT,
                        "Websight Destek",
                        config.Secret(file=str(secret)),
                        retry_base_s=1,
                    ),
                )
    finally:
        store.close()


@pytest.fixture
def mail_env(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.e2e.mail.servers import MAIL_PASSWORD

    monkeypatch.setenv(IMAP_ENV, MAIL_PASSWORD)


@pytest.fixture
def make_server(tmp_path: Path, mail_env: None) -> Iterator[Callable[..., ServerProc]]:
    made: list[ServerProc] = []

    def make(imap_port: int | None, smtp_port: int | None) -> ServerProc:
        data = tmp_path / "server"
        data.mkdir()
        configure(data, imap_port, smtp_port, tmp_path)
        proc = ServerProc(data_dir=data)
        proc.start()
        made.append(proc)
        return proc

    yield make
    for proc in made:
        proc.kill()


@pytest.fixture
def make_ws(tmp_path: Path) -> Iterator[Callable[..., Workstation]]:
    made: list[Workstation] = []

    def make(server: ServerProc, name: str, role: str = "agent") -> Workstation:
        ws = workstation(server, tmp_path / name, name, role)
        made.append(ws)
        return ws

    yield make
    for ws in made:
        ws.close()


@dataclass
class MailDesk:
    """A server with the mailbox (Dovecot) and SMTP (aiosmtpd) set up, and ayse's workstation."""

    dovecot: Dovecot
    smtp: SmtpServer
    server: ServerProc
    ws: Workstation


@pytest.fixture
def mail_desk(
    dovecot: Dovecot,
    smtp_server: SmtpServer,
    make_server: Callable[..., ServerProc],
    make_ws: Callable[..., Workstation],
) -> MailDesk:
    server = make_server(dovecot.port, smtp_server.port)
    return MailDesk(dovecot, smtp_server, server, make_ws(server, "ayse"))


def wait_for(check: Callable[[], Any], timeout: float = 45.0, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what or check}")
