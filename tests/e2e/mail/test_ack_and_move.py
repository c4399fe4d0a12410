"""Mailbox options against real Dovecot and aiosmtpd on 127.0.0.1: filed mail moved to a folder
after its commit (IMAP MOVE, and COPY + \\Deleted + UID EXPUNGE without it), and the optional
acknowledgement of a new mail ticket (off by default; never for a follow-up, an auto-reply or a
refused customer; at most ACK_LIMIT an hour to one address)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.e2e.mail.conftest import IMAP_ENV, SUPPORT
from tests.e2e.mail.mails import CUSTOMER, auto_reply, mail
from tests.e2e.mail.servers import MAIL_USER, Dovecot, SmtpServer
from tests.e2e.mail.test_filing import _refuse
from websight_desk.server import cli
from websight_desk.server.mail import ack, config, imap_worker, smtp_send
from websight_desk.server.mail.api import read_states
from websight_desk.server.mail.config import Mailbox, Secret, SmtpConfig
from websight_desk.server.mail.models import mail_messages
from websight_desk.server.store import Store, open_store
from websight_desk.storage.models import Ticket
from websight_desk.sync.mail_states import parse_ack

FILED = "Dosyalandi"


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(tmp_path / "server")
    yield s
    s.close()


def _box(dovecot: Dovecot, **options: Any) -> Mailbox:
    box = Mailbox(
        "destek",
        "127.0.0.1",
        dovecot.port,
        MAIL_USER,
        "INBOX",
        "technical",
        "plain",
        SUPPORT,
        Secret(env=IMAP_ENV),
    )
    return replace(box, **options)


def _configure(store: Store, box: Mailbox, smtp_port: int | None = None) -> SmtpConfig | None:
    cfg = None
    with store.write() as conn:
        config.add_mailbox(conn, box)
        if smtp_port is not None:
            secret = store.data_dir / "smtp.pw" if store.data_dir else Path("/nonexistent")
            secret.write_text(SmtpServer.PASSWORD + "\n")
            secret.chmod(0o600)
            cfg = SmtpConfig(
                "127.0.0.1",
                smtp_port,
                SmtpServer.USER,
                "plain",
                SUPPORT,
                "Websight Destek",
                Secret(file=str(secret)),
            )
            config.set_smtp(conn, cfg)
    return cfg


def _drain(client: Any, store: Store, box: Mailbox) -> int:
    client.noop()  # the session sees mail delivered since its last command (the worker waits)
    return imap_worker.drain(client, store, box, threading.Event())


def _folder(dovecot: Dovecot, folder: str) -> dict[str, set[bytes]]:
    """Message-ID → flags of every mail in `folder`."""
    c = dovecot.client()
    try:
        c.select_folder(folder)
        found = c.fetch(c.search(["ALL"]), ["FLAGS", "BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)]"])
        return {
            data[b"BODY[HEADER.FIELDS (MESSAGE-ID)]"].decode().split(":", 1)[1].strip(): set(
                data[b"FLAGS"]
            )
            for data in found.values()
        }
    finally:
        c.logout()


class _NoMove:
    """An IMAP server without MOVE (RFC 6851), as older ones are."""

    def __init__(self, client: Any) -> None:
        self._client = client

    def has_capability(self, name: str) -> bool:
        return name != "MOVE" and bool(self._client.has_capability(name))

    def move(self, *_args: Any) -> None:
        raise AssertionError("MOVE is not offered")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._client, name)


def _deliver_two(dovecot: Dovecot) -> None:
    dovecot.deliver(mail(msgid="<m1@musteri.test>"))
    dovecot.deliver(auto_reply())  # noise: set aside, stays in the INBOX


def test_filed_mail_moves_to_its_folder_after_the_commit(
    dovecot: Dovecot, store: Store, mail_env: None
) -> None:
    box = _box(dovecot, filed_folder=FILED)
    _configure(store, box)
    _deliver_two(dovecot)
    client = imap_worker.connect(box)  # creates the folder it is missing
    try:
        assert _drain(client, store, box) == 2
    finally:
        client.logout()
    inbox, filed = _folder(dovecot, "INBOX"), _folder(dovecot, FILED)
    assert list(filed) == ["<m1@musteri.test>"]
    assert b"\\Seen" in filed["<m1@musteri.test>"]
    assert "<m1@musteri.test>" not in inbox
    assert len(inbox) == 1  # the auto-reply, seen and left for a person to look at
    assert all(b"\\Seen" in flags for flags in inbox.values())
    with store.read() as conn:
        assert conn.execute(select(func.count()).select_from(Ticket)).scalar_one() == 1


def test_without_move_it_copies_flags_and_expunges_only_that_mail(
    dovecot: Dovecot, store: Store, mail_env: None
) -> None:
    box = _box(dovecot, filed_folder=FILED)
    _configure(store, box)
    dovecot.deliver(mail("eski", msgid="<old@musteri.test>"))
    c = dovecot.client()  # someone flagged a mail \Deleted by hand and did not expunge it
    c.select_folder("INBOX")
    c.add_flags(c.search(["ALL"]), [b"\\Deleted", b"\\Seen"])
    c.logout()
    _deliver_two(dovecot)
    client = imap_worker.connect(box)
    try:
        _drain(_NoMove(client), store, box)
    finally:
        client.logout()
    inbox, filed = _folder(dovecot, "INBOX"), _folder(dovecot, FILED)
    assert list(filed) == ["<m1@musteri.test>"]
    assert "<m1@musteri.test>" not in inbox
    assert "<old@musteri.test>" in inbox  # UID EXPUNGE: nobody else's deleted mail went
    assert len(inbox) == 2


def test_without_a_folder_mail_stays_seen(dovecot: Dovecot, store: Store, mail_env: None) -> None:
    box = _box(dovecot)
    _configure(store, box)
    _deliver_two(dovecot)
    client = imap_worker.connect(box)
    try:
        _drain(client, store, box)
    finally:
        client.logout()
    assert len(_folder(dovecot, "INBOX")) == 2
    assert dovecot.unseen() == []


def ticket_id_of(store: Store, message_id: str) -> str:
    with store.read() as conn:
        return str(
            conn.execute(
                select(mail_messages.c.ticket_id).where(mail_messages.c.message_id == message_id)
            ).scalar_one()
        )


def _acks(store: Store) -> int:
    with store.read() as conn:
        return int(
            conn.execute(
                select(func.count()).where(
                    mail_messages.c.direction == "out", mail_messages.c.desk_message_id.is_(None)
                )
            ).scalar_one()
        )


def test_acknowledgement_of_a_new_mail_ticket(
    dovecot: Dovecot, smtp_server: SmtpServer, store: Store, mail_env: None
) -> None:
    box = _box(dovecot, ack=True)
    cfg = _configure(store, box, smtp_server.port)
    assert cfg is not None
    dovecot.deliver(mail(msgid="<q1@musteri.test>"))
    dovecot.deliver(mail("ek bilgi", msgid="<q2@musteri.test>", in_reply_to="<q1@musteri.test>"))
    dovecot.deliver(auto_reply(in_reply_to="<q1@musteri.test>"))
    client = imap_worker.connect(box)
    try:
        _drain(client, store, box)
        assert _acks(store) == 1  # the new ticket only: not the follow-up, not the auto-reply
        assert smtp_send.send_due(store, cfg) == 1
        [sent] = smtp_server.inbox.wait(1)
        with store.read() as conn:
            number = conn.execute(select(Ticket.number)).scalar_one()
        assert sent["To"] == CUSTOMER
        assert sent["Subject"] == f"Re: Şifremi unuttum [#{number}]"
        assert sent["In-Reply-To"] == "<q1@musteri.test>"
        assert sent["Auto-Submitted"] == "auto-replied"
        assert sent["Reply-To"] == SUPPORT
        text = sent.get_content()
        assert f"#{number}" in text
        [entry] = [s for s in read_states(store, 0, 100)["states"] if s["message_id"] is None]
        got = parse_ack(entry)  # what a workstation learns: the ticket's ack, sent
        assert got is not None
        assert (got.state, got.ticket_id) == ("sent", ticket_id_of(store, "<q1@musteri.test>"))
        assert text.index("Talebiniz bize ulaştı") < text.index("We have received your request")

        # the customer answers the acknowledgement: it lands on the same ticket, no new ack
        dovecot.deliver(
            mail("teşekkürler", msgid="<q3@musteri.test>", in_reply_to=sent["Message-ID"])
        )
        _drain(client, store, box)
        with store.read() as conn:
            assert conn.execute(select(func.count()).select_from(Ticket)).scalar_one() == 1
        assert _acks(store) == 1
    finally:
        client.logout()


def test_acknowledgements_are_off_by_default_rate_limited_and_never_to_the_refused(
    dovecot: Dovecot, store: Store, mail_env: None
) -> None:
    box = _box(dovecot)
    _configure(store, box, smtp_port=2525)
    client = imap_worker.connect(box)
    try:
        dovecot.deliver(mail(msgid="<off@musteri.test>"))
        _drain(client, store, box)
        assert _acks(store) == 0  # off by default
        with store.write() as conn:
            conn.execute(config.mailboxes.update().values(ack=True))
        box = replace(box, ack=True)
        for i in range(ack.ACK_LIMIT + 2):
            dovecot.deliver(mail(f"talep {i}", subject=f"Konu {i}", msgid=f"<n{i}@musteri.test>"))
        _drain(client, store, box)
        assert _acks(store) == ack.ACK_LIMIT  # one address, one hour

        other = "ali@baska.test"
        dovecot.deliver(mail(sender=other, subject="İlk", msgid="<x1@baska.test>"))
        _drain(client, store, box)
        assert _acks(store) == ack.ACK_LIMIT + 1
        with store.read() as conn:
            refused = conn.execute(
                select(mail_messages.c.ticket_id).where(
                    mail_messages.c.message_id == "<x1@baska.test>"
                )
            ).scalar_one()
        _refuse(store, refused)
        dovecot.deliver(mail(sender=other, subject="Yeni bir talep", msgid="<x2@baska.test>"))
        _drain(client, store, box)
        assert _acks(store) == ack.ACK_LIMIT + 1  # a refused customer is not answered
    finally:
        client.logout()


def test_cli_sets_and_shows_the_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data", str(tmp_path / "srv")]
    add = ["mailbox", "add", "destek", *data, "--host", "imap.websight.test", "--user", "u"]
    add += ["--address", SUPPORT, "--password-env", "IMAP_PW"]
    assert cli.main([*add, "--move-to", "INBOX"]) == 2  # not the folder it reads
    assert cli.main([*add, "--ack", "--move-to", "Destek/Dosyalandi"]) == 0

    def listed() -> dict[str, Any]:
        capsys.readouterr()
        assert cli.main(["mailbox", "list", *data, "--json"]) == 0
        [box] = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
        return dict(box)

    assert (listed()["ack"], listed()["move_to"]) == (True, "Destek/Dosyalandi")
    assert cli.main(["mailbox", "set", "destek", *data, "--ack", "off", "--move-to", ""]) == 0
    assert (listed()["ack"], listed()["move_to"]) == (False, None)
    assert cli.main(["mailbox", "set", "yok", *data, "--ack", "on"]) == 2
