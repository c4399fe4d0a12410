"""Filing and queueing on the server's own store (SQLite and PostgreSQL), without processes:
threading, sender matching, refusal, noise, rate limit, idempotency, erasure, the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.e2e.mail.mails import CUSTOMER, auto_reply, mail
from tests.e2e.sync.serverproc import (
    BACKENDS,
    create_pg_database,
    drop_pg_database,
    migrated_pg_template,
    pg_available,
)
from websight_desk.domain.op_kinds import validate_payload
from websight_desk.server import cli
from websight_desk.server.mail import config, outbound, records
from websight_desk.server.mail.config import Mailbox, Secret, SmtpConfig
from websight_desk.server.mail.filing import RATE_LIMIT, file_mail
from websight_desk.server.mail.models import attachments, mail_messages, mailboxes
from websight_desk.server.mail.server_ops import ServerOps
from websight_desk.server.models import change_log
from websight_desk.server.store import Store, open_store
from websight_desk.storage.chain_digests import evidence_digest
from websight_desk.storage.models import Message, Ticket

BOX = Mailbox(
    "destek",
    "127.0.0.1",
    143,
    "support",
    "INBOX",
    "technical",
    "plain",
    "destek@websight.test",
    Secret(env="X"),
)
OWN = frozenset({"destek@websight.test"})
SMTP = SmtpConfig("127.0.0.1", 25, None, "plain", "destek@websight.test", "Destek", Secret())
AT = "2026-01-05T10:00:00.000000+00:00"


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "postgresql":
        if not pg_available():
            pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres)")
        template = migrated_pg_template()
        name = create_pg_database(template)
        s = open_store(None, f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}")
        yield s
        s.close()
        drop_pg_database(name)
        drop_pg_database(template)
        return
    s = open_store(tmp_path / "server")
    yield s
    s.close()


def file(store: Store, raw: bytes) -> Any:
    with store.write() as conn:
        return file_mail(conn, raw, BOX, OWN)


def ticket_count(store: Store) -> int:
    with store.read() as conn:
        return int(conn.execute(select(func.count()).select_from(Ticket)).scalar_one())


def logged_ops(store: Store) -> list[tuple[str, dict[str, Any]]]:
    with store.read() as conn:
        rows = conn.execute(select(change_log.c.kind, change_log.c.payload).order_by("seq"))
        return [(r.kind, json.loads(r.payload)) for r in rows]


def test_threading_idempotency_and_logged_ops(store: Store) -> None:
    first = file(store, mail(msgid="<a1@musteri.test>").as_bytes())
    assert first.outcome == "ticket"
    assert file(store, mail(msgid="<a1@musteri.test>").as_bytes()).outcome == "duplicate"
    by_header = file(
        store, mail("ek", msgid="<a2@m.test>", in_reply_to="<a1@musteri.test>").as_bytes()
    )
    assert (by_header.outcome, by_header.ticket_id) == ("message", first.ticket_id)
    with store.read() as conn:
        number = conn.execute(select(Ticket.number)).scalar_one()
    token = mail("üçüncü", subject=f"Yeni konu [#{number}]", msgid="<a3@m.test>")
    assert file(store, token.as_bytes()).ticket_id == first.ticket_id  # same sender: believed
    stranger = mail("x", subject=f"Re [#{number}]", sender="kotu@baska.test", msgid="<a4@m.test>")
    assert file(store, stranger.as_bytes()).outcome == "ticket"  # anyone can type a number
    ops = logged_ops(store)
    for kind, payload in ops:
        validate_payload(kind, payload)  # every op the server made fits its schema
    kinds = [k for k, _p in ops]
    assert kinds.count("ticket.create") == 2
    assert kinds.count("message.create") == 4
    assert kinds.count("customer.create") == 2  # two unknown senders: a placeholder each
    inbound = [p for k, p in ops if k == "message.create"]
    assert {p["author_agent_id"] for p in inbound} == {None}
    assert {p["created_by"] for k, p in ops if k == "ticket.create"} == {None}


def test_noise_and_rate_limit(store: Store) -> None:
    assert file(store, auto_reply().as_bytes()).outcome == "ignored"
    own = mail(sender="destek@websight.test", msgid="<own@w.test>")
    assert file(store, own.as_bytes()).reason == "from our own address (a loop)"
    outcomes = [
        file(store, mail(f"n{i}", msgid=f"<r{i}@m.test>", subject=f"s{i}").as_bytes()).outcome
        for i in range(RATE_LIMIT + 2)
    ]
    assert outcomes.count("ticket") == RATE_LIMIT
    assert outcomes[-1] == "ignored"
    assert ticket_count(store) == RATE_LIMIT


def _refuse(store: Store, ticket_id: str) -> None:
    with store.write() as conn:
        customer = conn.execute(select(Ticket.customer_id).where(Ticket.id == ticket_id)).scalar()
        ops = ServerOps(conn)
        lead = "0190aaaa-0000-7000-8000-00000000a001"
        ops.add(
            "agent.upsert",
            {"id": lead, "username": "lead", "display_name": "Lead", "role": "shift_lead",
             "created_at": AT},
        )  # fmt: skip
        term = "0190aaaa-0000-7000-8000-00000000b001"
        ops.add(
            "termination.create",
            {
                "id": term, "channel": "ticket", "ticket_id": ticket_id, "call_id": None,
                "customer_id": customer, "reported_by": lead, "detector_suggested": False,
                "evidence_message_id": None, "evidence_excerpt": "hakaret",
                "evidence_words": "[]", "evidence_digest": evidence_digest("hakaret", "[]"),
                "category": "insult", "note": "hakaret etti", "legal_basis": "5/2-e",
                "retention_class": "abuse_evidence", "destroy_after": "2028-01-01T00:00:00+00:00",
                "created_at": AT,
            },
        )  # fmt: skip
        ops.add(
            "review.create",
            {"id": "0190aaaa-0000-7000-8000-00000000c001", "termination_id": term,
             "decision": "confirmed", "note": "onay", "reviewer_id": lead, "created_at": AT},
        )  # fmt: skip
        ops.commit()


def test_refused_customer_is_filed_with_the_refusal(store: Store) -> None:
    first = file(store, mail(msgid="<f1@m.test>").as_bytes())
    _refuse(store, first.ticket_id)
    again = file(store, mail("yine ben", subject="Yeni talep", msgid="<f2@m.test>").as_bytes())
    assert (again.outcome, again.ticket_id) == ("message", first.ticket_id)
    assert again.reason == "filed with the refusal of service"
    assert ticket_count(store) == 1  # not counted as a new request
    assert "ticket.set_field" not in [k for k, _p in logged_ops(store)]  # nothing reopened


def test_reply_queue_placeholder_and_erasure(store: Store) -> None:
    msg = mail(msgid="<e1@m.test>")
    msg.add_attachment(b"PDF", maintype="application", subtype="pdf", filename="fatura.pdf")
    first = file(store, msg.as_bytes())
    with store.write() as conn:
        head = store.head(conn)
        assert outbound.scan(conn, head, SMTP) == 0  # the first scan starts at the head
        agent = "0190aaaa-0000-7000-8000-00000000a002"
        ops = ServerOps(conn)
        ops.add(
            "agent.upsert",
            {"id": agent, "username": "ayse", "display_name": "Ayşe", "role": "agent",
             "created_at": AT},
        )  # fmt: skip
        for i, body in enumerate(("Merhaba", "Merhaba {customer_name}")):
            ops.add(
                "message.create",
                {"id": f"0190aaaa-0000-7000-8000-00000000d00{i}", "ticket_id": first.ticket_id,
                 "kind": "outbound", "author_agent_id": agent, "body": body, "created_at": AT},
            )  # fmt: skip
        ops.commit()
        assert outbound.scan(conn, store.head(conn), SMTP) == 2
        assert outbound.scan(conn, store.head(conn), SMTP) == 0  # nothing twice
    with store.read() as conn:
        rows = {r.desk_message_id: r for r in conn.execute(select(mail_messages))}
    sent = rows["0190aaaa-0000-7000-8000-00000000d000"]
    assert (sent.state, sent.to_address, sent.in_reply_to) == ("queued", CUSTOMER, "<e1@m.test>")
    failed = rows["0190aaaa-0000-7000-8000-00000000d001"]
    assert (failed.state, failed.raw) == ("failed", None)

    with store.write() as conn:
        customer = conn.execute(select(Ticket.customer_id)).scalar_one()
        outbound.erase_customer(conn, customer)
    with store.read() as conn:
        left = list(conn.execute(select(mail_messages)))
        files = list(conn.execute(select(attachments)))
        bodies = [m.body for m in conn.execute(select(Message.body))]
    assert all(r.raw is None and r.from_address is None for r in left)
    assert {r.state for r in left if r.direction == "out"} == {"failed"}
    assert [(f.filename, f.data) for f in files] == [("(erased)", None)]
    assert bodies  # the messages themselves are erased by the KVKK appliers, not here
    with store.write() as conn:
        outbound.purge_raw(conn, datetime.now(UTC) + timedelta(days=31))


def test_state_sequence_moves_on_every_change(store: Store) -> None:
    file(store, mail(msgid="<s1@m.test>").as_bytes())
    with store.write() as conn:
        before = records.next_state_seq(conn)
        row = conn.execute(select(mail_messages.c.id)).scalar_one()
        records.set_state(conn, row, "filed", None)
        after = conn.execute(select(mail_messages.c.state_seq)).scalar_one()
    assert after == before + 1


def test_cli_keeps_no_password_and_refuses_plain_remote(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = ["--data", str(tmp_path / "srv")]
    base = ["mailbox", "add", "destek", *data, "--host", "imap.websight.test", "--user", "u"]
    base += ["--address", "destek@websight.test"]
    assert cli.main([*base, "--tls", "plain", "--password-env", "IMAP_PW"]) == 2
    assert "plain" in capsys.readouterr().err
    assert cli.main([*base, "--password-env", "IMAP_PW"]) == 0
    assert cli.main(["mailbox", "list", *data, "--json"]) == 0
    out = capsys.readouterr().out.strip().splitlines()[-1]
    [listed] = json.loads(out)
    assert (listed["name"], listed["port"], listed["password"]) == ("destek", 993, "env:IMAP_PW")
    secret = tmp_path / "smtp.pw"
    secret.write_text("hunter2")
    secret.chmod(0o644)
    smtp = ["smtp", "set", *data, "--host", "smtp.websight.test", "--user", "u"]
    smtp += ["--from", "destek@websight.test", "--password-file", str(secret)]
    assert cli.main(smtp) == 0
    with pytest.raises(config.MailConfigProblem, match="0600"):
        config.Secret(file=str(secret)).read("SMTP")
    secret.chmod(0o600)
    assert config.Secret(file=str(secret)).read("SMTP") == "hunter2"
    store = open_store(tmp_path / "srv")
    try:
        with store.read() as conn:
            stored = str([tuple(r) for r in conn.execute(select(mailboxes))])
    finally:
        store.close()
    assert "hunter2" not in stored
    assert cli.main(["mailbox", "remove", "destek", *data]) == 0
    assert cli.main(["mailbox", "remove", "destek", *data]) == 2
