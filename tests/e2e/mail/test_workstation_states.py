"""The workstation's side of the mail states, against a real server, Dovecot and aiosmtpd: the
sync client reads `GET /v1/mail/states` into its in-memory store (a reply queued, then sent,
with the tries made; an inbound mail's files) and downloads an attachment's bytes; the
background sync's own thread keeps that store current."""

from __future__ import annotations

from tests.e2e.mail.conftest import MailDesk, wait_for
from tests.e2e.mail.mails import mail, with_attachment
from tests.e2e.mail.test_inbound import messages_of, tickets_of
from tests.e2e.mail.test_outbound import reply
from websight_desk.sync.background import BackgroundSync
from websight_desk.sync.client import SyncClient
from websight_desk.sync.mail_states import MailStates, fetch, states_for


def test_the_workstation_learns_each_mail_state_and_fetches_attachments(
    mail_desk: MailDesk,
) -> None:
    dovecot, smtp_server, a = mail_desk.dovecot, mail_desk.smtp, mail_desk.ws
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    dovecot.deliver(with_attachment(png))
    wait_for(lambda: a.engine.run_once() and tickets_of(a), what="the mail ticket")
    [ticket] = tickets_of(a)
    [inbound] = messages_of(a, ticket.id)

    states = MailStates()
    assert ticket.id in fetch(a.client, states)
    [filed] = states.of_messages([inbound.id]).values()
    assert filed.state == "filed"
    [att] = filed.attachments
    assert (att.filename, att.size, att.kept) == ("ekran görüntüsü.png", len(png), True)
    assert a.client.attachment(att.id) == png

    answer = reply(a, ticket.id, "Merhaba, ekran görüntüsü için teşekkürler.")
    assert states.of_messages([answer]) == {}  # still on this workstation
    a.engine.run_once()  # the push reaches the server; it mails the reply
    smtp_server.inbox.wait(1)

    def sent() -> bool:
        fetch(a.client, states)
        got = states.of_messages([answer]).get(answer)
        return got is not None and got.state == "sent"

    wait_for(sent, what="the reply's state 'sent'")
    got = states.of_messages([answer])[answer]
    assert (got.direction, got.ticket_id, got.attempts) == ("out", ticket.id, 1)
    cursor = states.cursor
    assert fetch(a.client, states) == set()  # nothing new after the cursor
    assert states.cursor == cursor


def test_background_sync_brings_a_replys_state_back_by_itself(mail_desk: MailDesk) -> None:
    dovecot, smtp_server, a = mail_desk.dovecot, mail_desk.smtp, mail_desk.ws
    server = mail_desk.server
    dovecot.deliver(mail(msgid="<bg1@musteri.test>"))
    wait_for(lambda: a.engine.run_once() and tickets_of(a), what="the mail ticket")
    [ticket] = tickets_of(a)
    token = a.client._http.headers["Authorization"].removeprefix("Bearer ")  # ayşe's own
    changed: list[set[str]] = []
    bg = BackgroundSync(
        a.desk,
        client_factory=lambda: SyncClient(server.url, token, retries=0),
        on_mail=changed.append,
        long_poll_s=1,
        push_interval_s=0.2,
        mail_states_s=0.2,
    )
    bg.start()
    try:
        answer = reply(a, ticket.id, "Merhaba, şifreniz sıfırlandı.")
        bg.wake()  # what the app does after a local write
        states = states_for(a.desk.paths.root)

        def sent() -> bool:
            got = states.of_messages([answer]).get(answer)
            return got is not None and got.state == "sent"

        wait_for(sent, what="the reply's 'sent' on the workstation, with nobody asking")
        assert any(ticket.id in ids for ids in changed)
        smtp_server.inbox.wait(1)
    finally:
        bg.stop()
    assert not bg.running
