"""Replies out, against real servers on 127.0.0.1: aiosmtpd receives what the server sends.

An agent's reply reaches the server by the workstation's push; the server finds it in its
change log, mails it with threading headers, and the customer's answer lands on the ticket.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from tests.e2e.mail.conftest import SUPPORT, MailDesk, wait_for
from tests.e2e.mail.mails import CUSTOMER, auto_reply, bounce, mail
from tests.e2e.mail.servers import SmtpServer
from tests.e2e.mail.test_inbound import messages_of, tickets_of
from tests.e2e.sync.serverproc import ServerProc, Workstation, free_port
from websight_desk.domain.enums import MessageKind
from websight_desk.services import people, tickets
from websight_desk.storage.models import Ticket


def reply(
    ws: Workstation, ticket_id: str, body: str, kind: MessageKind = MessageKind.OUTBOUND
) -> str:
    with ws.desk.writer() as w:
        return tickets.post_message(w, tickets.PostMessage(ticket_id, kind, body))


def states(ws: Workstation) -> dict[str, dict[str, Any]]:
    got = ws.client._http.get("/v1/mail/states", params={"after": 0})
    assert got.status_code == 200, got.text
    return {s["message_id"]: s for s in got.json()["states"]}


def state_is(ws: Workstation, message_id: str, state: str) -> bool:
    return states(ws).get(message_id, {}).get("state") == state


def test_reply_is_mailed_threaded_and_the_answer_lands_on_the_ticket(mail_desk: MailDesk) -> None:
    dovecot, smtp_server, a = mail_desk.dovecot, mail_desk.smtp, mail_desk.ws
    dovecot.deliver(mail("Şifremi unuttum.", msgid="<q1@musteri.test>"))
    wait_for(lambda: a.engine.run_once() and tickets_of(a), what="the mail ticket")
    [ticket] = tickets_of(a)

    note = reply(a, ticket.id, "İç not: müşteri aradı.", MessageKind.NOTE)
    answer = reply(a, ticket.id, "Merhaba Şule Hanım,\nşifreniz sıfırlandı.")
    a.engine.run_once()
    [sent] = smtp_server.inbox.wait(1)
    assert sent["In-Reply-To"] == "<q1@musteri.test>"
    assert "<q1@musteri.test>" in sent["References"]
    assert sent["Subject"] == f"Re: Şifremi unuttum [#{ticket.number}]"
    assert sent["From"].addresses[0].addr_spec == SUPPORT
    assert sent["Reply-To"] == SUPPORT
    assert sent["To"] == CUSTOMER
    assert (
        sent.get_content().replace("\r\n", "\n").strip()
        == "Merhaba Şule Hanım,\nşifreniz sıfırlandı."
    )
    [(envelope_from, rcpts, _m)] = smtp_server.inbox.mails
    assert (envelope_from, rcpts) == (SUPPORT, [CUSTOMER])
    wait_for(lambda: state_is(a, answer, "sent"), what="the reply's state 'sent'")
    assert note not in states(a)  # an internal note is never mailed

    # the customer answers our mail (no ticket token in the subject: the headers thread it)
    dovecot.deliver(
        mail(
            "Teşekkürler, oldu.",
            subject="Re: Şifremi unuttum",
            in_reply_to=sent["Message-ID"],
            references=f"<q1@musteri.test> {sent['Message-ID']}",
        )
    )
    wait_for(lambda: not dovecot.unseen(), what="the answer to be filed")
    a.engine.run_once()
    assert [t.id for t in tickets_of(a)] == [ticket.id]
    bodies = [(m.kind, m.body) for m in messages_of(a, ticket.id)]
    assert bodies[-1] == ("inbound", "Teşekkürler, oldu.")
    assert len(bodies) == 4
    assert len(smtp_server.inbox.mails) == 1


def test_placeholder_auto_reply_and_bounce(mail_desk: MailDesk) -> None:
    dovecot, smtp_server, a = mail_desk.dovecot, mail_desk.smtp, mail_desk.ws
    dovecot.deliver(mail("Sitem açılmıyor.", subject="Site", msgid="<q2@musteri.test>"))
    wait_for(lambda: a.engine.run_once() and tickets_of(a), what="the mail ticket")
    [ticket] = tickets_of(a)

    unfilled = reply(a, ticket.id, "Merhaba {customer_name}, kontrol ediyoruz.")
    good = reply(a, ticket.id, "Merhaba, kontrol ediyoruz.")
    a.engine.run_once()
    [sent] = smtp_server.inbox.wait(1)
    wait_for(lambda: state_is(a, good, "sent"), what="the good reply sent")
    got = states(a)[unfilled]
    assert (got["state"], got["reason"]) == ("failed", "unfilled placeholder: {customer_name}")

    # a vacation responder answers our mail, then the customer's server bounces it
    dovecot.deliver(auto_reply(in_reply_to=sent["Message-ID"]))
    dovecot.deliver(bounce(sent["Message-ID"]))
    wait_for(lambda: not dovecot.unseen(), what="the automatic mails handled")
    wait_for(lambda: state_is(a, good, "bounced"), what="the reply marked bounced")
    assert states(a)[good]["reason"].startswith("5.1.1")
    a.engine.run_once()
    assert len(tickets_of(a)) == 1
    assert [m.kind for m in messages_of(a, ticket.id)] == ["inbound", "outbound", "outbound"]
    assert len(smtp_server.inbox.mails) == 1  # nothing answered the automatic mail


def test_smtp_down_the_reply_waits_and_is_sent_later(
    make_server: Callable[..., ServerProc], make_ws: Callable[..., Workstation]
) -> None:
    port = free_port()
    server = make_server(None, port)  # nothing listens on the SMTP port yet
    a = make_ws(server, "ayse")
    with a.desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("WS0000007", "individual", "Şule Yılmaz", CUSTOMER)
        )
        opened = tickets.open_ticket(
            w, tickets.OpenTicket(customer_id=customer, subject="Telefonla açıldı", body="Not")
        )
    answer = reply(a, opened.ticket_id, "Sorununuz çözüldü.")
    a.engine.run_once()
    wait_for(
        lambda: (states(a).get(answer, {}).get("reason") or "").startswith("retrying"),
        what="a failed first try",
    )
    assert states(a)[answer]["state"] == "queued"

    late = SmtpServer(port)
    late.start()
    try:
        [sent] = late.inbox.wait(1, timeout=60)
        with a.desk.db.read() as conn:
            number = conn.execute(select(Ticket.number)).scalar_one()
        assert sent["Subject"] == f"Re: Telefonla açıldı [#{number}]"
        assert sent["To"] == CUSTOMER
        assert "In-Reply-To" not in sent  # no mail to answer: the ticket came by phone
        wait_for(lambda: state_is(a, answer, "sent"), what="the state 'sent'")
    finally:
        late.stop()
