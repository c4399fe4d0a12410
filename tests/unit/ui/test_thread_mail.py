# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.fixtures_ticket reappear as test parameters)
"""The thread's mail lines (issue #17): each reply's state, live as the server's states arrive;
an inbound mail's files (open through a private copy, save; never run); nothing remote loaded;
"sender not verified" in the header and the policy panel."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from sqlalchemy import update

from tests.unit.ui.fixtures_ticket import T_NOW, TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk import i18n
from websight_desk.domain.enums import MessageKind
from websight_desk.services import people, tickets
from websight_desk.storage.models import SyncOutbox
from websight_desk.sync.mail_states import AttachmentInfo, MailState, fetch, states_for
from websight_desk.ui.context import UiContext
from websight_desk.ui.policy import PolicyPanel
from websight_desk.ui.ticket import TicketPane, attachments, link
from websight_desk.ui.ticket.mail_html import OPEN_LINK, SAVE_LINK


@pytest.fixture(autouse=True)
def _english() -> Any:
    i18n.set_language("en")
    yield
    i18n.set_language("tr")


def _connected_pane(qtbot: Any, ctx: UiContext, ticket_id: str) -> TicketPane:
    ctx.desk.settings.server_url = "https://desk.example.invalid"
    pane = TicketPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(800, 600)
    pane.show_ticket(ticket_id)
    return pane


def _reply(ctx: UiContext, ticket_id: str, body: str) -> str:
    with ctx.desk.writer() as w:
        return tickets.post_message(w, tickets.PostMessage(ticket_id, MessageKind.OUTBOUND, body))


def _ack_all(ctx: UiContext) -> None:
    with ctx.desk.db.write() as conn:
        conn.execute(update(SyncOutbox).where(SyncOutbox.state == "pending").values(state="acked"))


def _state(message_id: str, ticket_id: str, state: str, **kw: Any) -> MailState:
    return MailState(message_id, ticket_id, kw.pop("direction", "out"), state, **kw)


def test_a_reply_walks_through_its_mail_states_live(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    reply = _reply(tctx, tsample.theme, "Merhaba, tema kurulumu kapsam dışıdır.")
    pane = _connected_pane(qtbot, tctx, tsample.theme)
    view = pane.thread_view
    assert "Queued on this computer" in view.toPlainText()

    _ack_all(tctx)  # the push reached the server
    states = states_for(tctx.desk.paths.root)
    states.apply([], 0)  # the server answered: nothing about this reply yet
    view.poll()
    assert "Waiting for the server to mail it" in view.toPlainText()

    steps = [
        (
            _state(reply, tsample.theme, "queued", reason=None, updated_at=T_NOW),
            "Queued for mailing",
        ),
        (
            _state(
                reply,
                tsample.theme,
                "queued",
                reason="451 try again later",
                updated_at=T_NOW,
                attempts=1,
                next_attempt_at=T_NOW + timedelta(minutes=1),
            ),
            "Retrying (try 1 failed: 451 try again later)",
        ),
        (
            _state(reply, tsample.theme, "sent", reason=None, updated_at=T_NOW),
            "Mailed to the customer",
        ),
    ]
    for seq, (state, text) in enumerate(steps, start=1):
        states.apply([state], seq)
        qtbot.waitUntil(lambda t=text: t in view.toPlainText(), timeout=3000)  # the poll timer
    assert "Queued on this computer" not in view.toPlainText()


def test_failed_and_bounced_replies_say_why(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    failed = _reply(tctx, tsample.theme, "Merhaba {customer_name},")
    bounced = _reply(tctx, tsample.theme, "İkinci yanıt")
    _ack_all(tctx)
    states_for(tctx.desk.paths.root).apply(
        [
            _state(
                failed,
                tsample.theme,
                "failed",
                reason="unfilled placeholder: {customer_name}",
                updated_at=T_NOW,
            ),
            _state(
                bounced, tsample.theme, "bounced", reason="5.1.1 user unknown", updated_at=T_NOW
            ),
        ],
        2,
    )
    text = _connected_pane(qtbot, tctx, tsample.theme).thread_view.toPlainText()
    assert "✖ Not mailed: unfilled placeholder: {customer_name}" in text
    assert "↩ Bounced: 5.1.1 user unknown" in text


def test_no_mail_lines_on_a_workstation_without_a_server(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    _reply(tctx, tsample.theme, "Merhaba")
    pane = TicketPane(tctx)
    qtbot.addWidget(pane)
    pane.show_ticket(tsample.theme)
    assert "Queued on this computer" not in pane.thread_view.toPlainText()


def _inbound_with_files(
    ctx: UiContext, ticket_id: str
) -> tuple[str, AttachmentInfo, AttachmentInfo]:
    with ctx.desk.writer() as w:
        message = tickets.post_message(
            w,
            tickets.PostMessage(
                ticket_id,
                MessageKind.INBOUND,
                "Fatura ekte.\n\n📎 fatura.pdf (12 KB)\n📎 ../../kur.exe (1 KB)",
            ),
        )
    pdf = AttachmentInfo("a1", "fatura.pdf", "application/pdf", 12_000, False, True)
    exe = AttachmentInfo("a2", "../../kur.exe", "application/octet-stream", 900, False, True)
    states_for(ctx.desk.paths.root).apply(
        [
            _state(
                message,
                ticket_id,
                "filed",
                direction="in",
                reason=None,
                updated_at=T_NOW,
                attachments=(pdf, exe),
            )
        ],
        9,
    )
    return message, pdf, exe


def test_attachments_are_listed_opened_through_a_private_copy_and_never_run(
    qtbot: Any,
    tctx: UiContext,
    tsample: TicketSample,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    _msg, _pdf, _exe = _inbound_with_files(tctx, tsample.theme)
    pane = _connected_pane(qtbot, tctx, tsample.theme)
    view = pane.thread_view
    html = view.toHtml()
    text = view.toPlainText()
    assert "▤ fatura.pdf (12 KB)" in text
    assert "Open file" in text
    assert "Save file…" in text
    assert text.count("fatura.pdf") == 1  # the server's listing line is replaced, not repeated
    assert f"{OPEN_LINK}a1" in html
    assert f"{SAVE_LINK}a1" in html
    assert f"{OPEN_LINK}a2" not in html
    assert f"{SAVE_LINK}a2" in html

    downloads: list[str] = []
    monkeypatch.setattr(
        attachments,
        "download_job",
        lambda desk, att_id: lambda: downloads.append(att_id) or b"%PDF-1.4 fatura",
    )
    opened: list[Path] = []
    assert view.attachments is not None
    view.attachments.viewer = opened.append
    view.anchorClicked.emit(QUrl(f"{OPEN_LINK}a1"))
    [copy] = opened
    assert copy.name == "fatura.pdf"
    assert copy.read_bytes() == b"%PDF-1.4 fatura"
    assert stat.S_IMODE(copy.stat().st_mode) == 0o400
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700

    view.anchorClicked.emit(QUrl(f"{OPEN_LINK}a2"))  # crafted: an .exe is never opened...
    assert len(opened) == 1
    target = tmp_path / "kur.exe"
    view.attachments.ask_path = lambda parent, suggested: (
        str(target) if suggested == "kur.exe" else None
    )
    view.anchorClicked.emit(QUrl(f"{SAVE_LINK}a2"))  # ...only saved where the agent says
    assert target.read_bytes() == b"%PDF-1.4 fatura"
    assert downloads == ["a1", "a2"]  # the crafted "open" downloaded nothing


def test_safe_filename_keeps_only_a_name() -> None:
    assert attachments.safe_filename("../../etc/passwd") == "passwd"
    assert attachments.safe_filename("C:\\Windows\\x.bat") == "x.bat"
    assert attachments.safe_filename('a<b>:"c|?*.txt') == "a_b___c___.txt"
    assert attachments.safe_filename("..") == "attachment"


def test_the_thread_loads_nothing_remote(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    pane = _connected_pane(qtbot, tctx, tsample.theme)
    view = pane.thread_view
    assert view.loadResource(2, QUrl("https://tracker.example/pixel.png")) is None
    with tctx.desk.writer() as w:
        tickets.post_message(
            w,
            tickets.PostMessage(
                tsample.theme, MessageKind.INBOUND, '<img src="https://tracker.example/p.png">'
            ),
        )
    pane.show_ticket(tsample.theme)
    assert '<img src="https://tracker.example/p.png">' in view.toPlainText()  # text, not markup
    assert "<img" not in view.toHtml()


def test_an_unknown_sender_is_flagged_in_header_and_policy_panel(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    with tctx.desk.writer() as w:
        stranger = people.add_customer(
            w, people.NewCustomer("UNV0000001", "individual", "Bilinmeyen Kişi", "x@y.test")
        )
        ticket = tickets.open_ticket(
            w, tickets.OpenTicket(stranger, "Şifrem", "Şifremi verin")
        ).ticket_id
    pane = TicketPane(tctx)
    panel = PolicyPanel(tctx)
    qtbot.addWidget(pane)
    qtbot.addWidget(panel)
    link(pane, panel)
    pane.show_ticket(ticket)
    assert not pane.header.unverified.isHidden()
    assert pane.header.unverified.text() == "⚠ Sender not verified"
    assert panel.banner.sender_unverified
    assert not panel.banner.isHidden()
    assert "Sender not verified" in panel.banner.text()

    panel.set_banner("SERVICE REFUSED", "error")  # a refusal and the notice show together
    assert panel.banner.text().startswith("✖ SERVICE REFUSED\n⚠ Sender not verified")

    pane.show_ticket(tsample.theme)  # a known customer
    assert pane.header.unverified.isHidden()
    assert not panel.banner.sender_unverified


class _Server:
    """Pages of `GET /v1/mail/states` as the server answers them."""

    def __init__(self, pages: list[dict[str, Any]]) -> None:
        self.pages = pages
        self.asked: list[int] = []

    def mail_states(self, after: int, *, limit: int = 1000) -> dict[str, Any]:
        self.asked.append(after)
        return self.pages.pop(0)


def test_fetch_reads_every_page_and_skips_what_it_cannot_read(tmp_path: Path) -> None:
    entry = {
        "seq": 1,
        "message_id": "m1",
        "ticket_id": "t1",
        "direction": "out",
        "state": "queued",
        "reason": None,
        "attempts": 0,
        "next_attempt_at": None,
        "updated_at": T_NOW.isoformat(),
        "attachments": [],
    }
    server = _Server(
        [
            {"states": [entry, {"garbage": True}, 7], "next": 1, "more": True},
            {"states": [{**entry, "seq": 2, "state": "sent"}], "next": 2, "more": False},
        ]
    )
    states = states_for(tmp_path)
    assert fetch(server, states) == {"t1"}
    assert server.asked == [0, 1]
    assert states.of_messages(["m1"])["m1"].state == "sent"
    assert states.cursor == 2
    assert states.answered
    version = states.version
    server.pages.append({"states": [], "next": 2, "more": False})
    assert fetch(server, states) == set()
    assert states.version == version


def test_the_servers_reasons_are_said_in_the_agents_language() -> None:
    from websight_desk.ui.ticket.mail_html import MailInfo, reply_state_html

    retrying = MailState(
        "m", "t", "out", "queued", "retrying: SMTP server not reachable: Connection refused",
        T_NOW, 2, T_NOW + timedelta(minutes=2),
    )  # fmt: skip
    refused = MailState("m", "t", "out", "failed", "recipient refused (550)", T_NOW, 1)
    i18n.set_language("tr")
    text = reply_state_html(MailInfo(retrying, None, True), T_NOW, T_NOW)
    assert "2. deneme başarısız: e-posta sunucusuna ulaşılamıyor: Connection refused" in text
    assert "alıcı adresi reddedildi (550)" in reply_state_html(MailInfo(refused), T_NOW, T_NOW)
    i18n.set_language("en")
    text = reply_state_html(MailInfo(retrying, None, True), T_NOW, T_NOW)
    assert "try 2 failed: the mail server cannot be reached: Connection refused" in text


def test_private_copies_are_removed_at_exit() -> None:
    copy = attachments.private_copy("rapor.txt", b"gizli")
    assert copy.exists()
    attachments._remove_copies()
    assert not copy.parent.exists()


def test_the_servers_acknowledgement_is_an_event_of_the_thread(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    pane = _connected_pane(qtbot, tctx, tsample.theme)
    view = pane.thread_view
    states = states_for(tctx.desk.paths.root)
    entry = {
        "seq": 1, "id": "ack-1", "message_id": None, "ticket_id": tsample.theme,
        "direction": "out", "state": "queued", "reason": None,
        "updated_at": T_NOW.isoformat(), "attachments": [],
    }  # fmt: skip
    server = _Server(
        [
            {"states": [entry], "next": 1, "more": False},
            {"states": [{**entry, "seq": 2, "state": "sent"}], "next": 2, "more": False},
        ]
    )
    assert fetch(server, states) == {tsample.theme}
    qtbot.waitUntil(lambda: "◔ Acknowledgement queued for mailing" in view.toPlainText())
    fetch(server, states)
    qtbot.waitUntil(
        lambda: "✉ Acknowledgement mailed to the customer · by the server" in view.toPlainText()
    )
    assert "queued for mailing" not in view.toPlainText()
    assert states.of_messages(["ack-1"]) == {}  # not a desk message
