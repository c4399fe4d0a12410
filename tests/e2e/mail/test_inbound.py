"""Mail in, against real servers on 127.0.0.1: Dovecot (IMAP) and the sync server process.

A mail delivered to the support mailbox becomes a ticket on the server and reaches every
workstation by its normal sync; it is marked seen only after the ticket is committed.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from tests.e2e.mail.conftest import wait_for
from tests.e2e.mail.mails import (
    CUSTOMER,
    auto_reply,
    html_only_mail,
    mail,
    windows_1254_mail,
    with_attachment,
)
from tests.e2e.mail.servers import Dovecot
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.domain.mail_senders import is_unverified_code
from websight_desk.server.mail.imap_worker import HOLD_ENV
from websight_desk.services import people
from websight_desk.storage.models import Contact, Customer, Message, Ticket


def tickets_of(ws: Workstation) -> list[Any]:
    with ws.desk.db.read() as conn:
        return list(conn.execute(select(Ticket.__table__).order_by(Ticket.number)))


def messages_of(ws: Workstation, ticket_id: str) -> list[Any]:
    with ws.desk.db.read() as conn:
        return list(
            conn.execute(
                select(Message.__table__)
                .where(Message.ticket_id == ticket_id)
                .order_by(Message.hlc)
            )
        )


def filed(dovecot: Dovecot) -> bool:
    return not dovecot.unseen()


def test_new_mail_is_a_ticket_on_a_second_workstation(
    dovecot: Dovecot,
    make_server: Callable[..., ServerProc],
    make_ws: Callable[..., Workstation],
) -> None:
    server = make_server(dovecot.port, None)
    a, b = make_ws(server, "ayse"), make_ws(server, "burak")
    with a.desk.writer() as w:
        known = people.add_customer(
            w, people.NewCustomer("WS0000042", "individual", "Şule Yılmaz", CUSTOMER)
        )
    a.engine.run_once()

    dovecot.deliver(mail("Merhaba, şifremi unuttum.", sender="Sule@Musteri.TEST"))
    dovecot.deliver(mail("Alan adım çalışmıyor.", sender="yeni@baska.test", name="Ali Veli"))
    wait_for(lambda: filed(dovecot), what="the mails to be filed and marked seen")

    b.engine.run_once()
    [first, second] = tickets_of(b)
    assert (first.channel, first.created_by, first.status) == ("email", None, "new")
    assert first.customer_id == known
    assert first.subject == "Şifremi unuttum"
    assert first.department == "technical"
    [msg] = messages_of(b, first.id)
    assert (msg.kind, msg.author_agent_id, msg.body) == (
        "inbound",
        None,
        "Merhaba, şifremi unuttum.",
    )
    # the unknown sender has a placeholder customer of their own: "sender not verified"
    with b.desk.db.read() as conn:
        code = conn.execute(select(Customer.code).where(Customer.id == second.customer_id)).scalar()
        contact = conn.execute(
            select(Contact.email, Contact.name).where(Contact.customer_id == second.customer_id)
        ).one()
    assert is_unverified_code(str(code))
    assert tuple(contact) == ("yeni@baska.test", "Ali Veli")
    assert b.counts() == server.counts()


def test_real_world_mails_html_cp1254_attachment_auto_reply(
    dovecot: Dovecot,
    make_server: Callable[..., ServerProc],
    make_ws: Callable[..., Workstation],
) -> None:
    server = make_server(dovecot.port, None)
    a = make_ws(server, "ayse")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8
    dovecot.deliver(windows_1254_mail())
    dovecot.deliver(html_only_mail())
    dovecot.deliver(with_attachment(png))
    dovecot.deliver(auto_reply())
    dovecot.deliver(mail("spam", sender="destek@websight.test", subject="loop"))
    wait_for(lambda: filed(dovecot), what="all mails handled")
    a.engine.run_once()
    by_subject = {t.subject: t for t in tickets_of(a)}
    assert set(by_subject) == {"Şifre sıfırlama çalışmıyor", "Fatura sorusu", "Hata ekranı"}
    [cp] = messages_of(a, by_subject["Şifre sıfırlama çalışmıyor"].id)
    assert cp.body == "Günaydın, İstanbul ofisinden yazıyorum; şifre sıfırlama çalışmıyor."
    [html] = messages_of(a, by_subject["Fatura sorusu"].id)
    assert html.body.startswith("Merhaba,\n\nFaturam iki kez kesildi.")
    assert "<" not in html.body
    assert "tracker" not in html.body
    [att] = messages_of(a, by_subject["Hata ekranı"].id)
    assert att.body == "Ekran görüntüsü ekte.\n\n📎 ekran görüntüsü.png (2 KB)"

    states = a.client._http.get("/v1/mail/states").json()["states"]
    [with_file] = [s for s in states if s["message_id"] == att.id]
    [info] = with_file["attachments"]
    assert (info["filename"], info["size"], info["kept"]) == ("ekran görüntüsü.png", len(png), True)
    got = a.client._http.get(f"/v1/mail/attachments/{info['id']}")
    assert got.status_code == 200
    assert got.content == png
    assert got.headers["content-type"] == "application/octet-stream"


def test_server_killed_between_fetch_and_commit_loses_and_duplicates_nothing(
    dovecot: Dovecot,
    make_server: Callable[..., ServerProc],
    make_ws: Callable[..., Workstation],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    marker = tmp_path / "held"
    monkeypatch.setenv(HOLD_ENV, f"fetched:{marker}")
    server = make_server(dovecot.port, None)
    dovecot.deliver(mail("Sunucum kapandı.", subject="Acil", msgid="<crash-1@musteri.test>"))
    wait_for(marker.exists, what="the worker to hold after fetching")
    server.kill(signal.SIGKILL)  # fetched, not committed
    assert server.counts()["tickets"] == 0
    assert dovecot.unseen() != []  # still unseen: it will be read again

    marker.unlink()
    monkeypatch.setenv(HOLD_ENV, f"committed:{marker}")
    server.start()
    wait_for(marker.exists, what="the worker to hold after committing")
    server.kill(signal.SIGKILL)  # committed, not yet marked seen
    assert server.counts()["tickets"] == 1
    assert dovecot.unseen() != []

    monkeypatch.delenv(HOLD_ENV)
    server.start()
    wait_for(lambda: filed(dovecot), what="the mail to be marked seen")
    a = make_ws(server, "ayse")
    [ticket] = tickets_of(a)
    assert [m.body for m in messages_of(a, ticket.id)] == ["Sunucum kapandı."]


def test_intake_token_opens_tickets_and_nothing_else(
    make_server: Callable[..., ServerProc], make_ws: Callable[..., Workstation]
) -> None:
    server = make_server(None, None)
    _id, token = server.add_account("webform", "intake")
    a = make_ws(server, "ayse")
    auth = {"Authorization": f"Bearer {token}"}
    form = {
        "email": "Form@Musteri.test",
        "name": "Form Kullanıcısı",
        "subject": "Web formundan",
        "body": "Sitem açılmıyor.",
        "department": "billing",
        "external_id": "form-77",
    }
    url = f"{server.url}/v1/intake/tickets"
    first = httpx.post(url, json=form, headers=auth)
    assert first.status_code == 201, first.text
    again = httpx.post(url, json=form, headers=auth)
    assert (again.status_code, again.json()) == (200, {**first.json(), "created": False})
    bad = httpx.post(url, json={**form, "email": "not-an-address"}, headers=auth)
    assert bad.status_code == 400
    extra = httpx.post(url, json={**form, "priority": "urgent"}, headers=auth)
    assert extra.status_code == 400
    for path in ("/v1/changes", "/v1/whoami", "/v1/mail/states", "/v1/settings"):
        assert httpx.get(f"{server.url}{path}", headers=auth).status_code == 403, path
    assert httpx.post(f"{server.url}/v1/push", json={"ops": []}, headers=auth).status_code == 403
    agent = a.client._http.post("/v1/intake/tickets", json=form)
    assert agent.status_code == 403

    a.engine.run_once()
    [ticket] = tickets_of(a)
    assert (ticket.id, ticket.channel, ticket.department) == (
        first.json()["ticket_id"],
        "web",
        "billing",
    )
    assert [m.body for m in messages_of(a, ticket.id)] == ["Sitem açılmıyor."]

    for i in range(25):  # the per-sender limit: 20 an hour
        r = httpx.post(url, json={**form, "external_id": f"n{i}"}, headers=auth)
        if r.status_code == 429:
            break
    assert r.status_code == 429
    assert i == 19
