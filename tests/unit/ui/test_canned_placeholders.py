# ruff: noqa: F811
"""Unfilled placeholders of a canned reply are marked in the composer and block sending with a
clear message (issue 18: the mail-setup article went out with a literal {article_url})."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk.domain.enums import MessageKind
from websight_desk.storage.models import SyncOutbox
from websight_desk.ui.context import UiContext
from websight_desk.ui.ticket import TicketPane

ARTICLE = "https://destek.websight.example/e-posta-kurulumu"


def _pane(qtbot: Any, ctx: UiContext, ticket_id: str) -> TicketPane:
    pane = TicketPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(700, 600)
    pane.show_ticket(ticket_id)
    return pane


def _ops(ctx: UiContext) -> int:
    with ctx.desk.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(SyncOutbox)).scalar_one())


def test_unfilled_placeholders_are_marked_and_block_the_reply(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    messages: list[str] = []
    tctx.events.statusMessage.connect(messages.append)
    pane = _pane(qtbot, tctx, tsample.mail)
    composer = pane.composer
    pane.insert_canned("email_setup_article")
    editor = composer.editor
    assert editor.textCursor().selectedText() == "{email_address}"  # typing replaces it
    assert len(editor.extraSelections()) == 2  # {email_address} and {article_url}, marked
    assert composer.placeholder_note.isHidden() is False
    assert "{article_url}" in composer.placeholder_note.text()
    before = _ops(tctx)
    composer.send.click()
    assert _ops(tctx) == before  # nothing sent
    assert "{email_address}" in messages[-1]
    assert messages[-1] == composer.placeholder_note.text()
    assert editor.textCursor().selectedText() == "{article_url}"  # on to the next one
    editor.textCursor().insertText(ARTICLE)
    assert len(editor.extraSelections()) == 1
    pane.send()  # Ctrl+Enter: not sent, back to the one still left
    assert editor.textCursor().selectedText() == "{email_address}"
    editor.textCursor().insertText("info@aysekaya.com.tr")
    assert composer.placeholder_note.isHidden()
    assert editor.extraSelections() == []
    with qtbot.waitSignal(pane.ticketChanged):
        composer.send.click()
    assert _ops(tctx) == before + 1
    assert composer.text() == ""


def test_a_note_may_keep_placeholders(qtbot: Any, tctx: UiContext, tsample: TicketSample) -> None:
    pane = _pane(qtbot, tctx, tsample.mail)
    pane.composer.set_kind(MessageKind.NOTE)
    pane.composer.editor.setPlainText("Müşteriye {article_url} gönderilecek")
    assert pane.composer.placeholder_note.isHidden()  # a note is not a reply
    before = _ops(tctx)
    with qtbot.waitSignal(pane.ticketChanged):
        pane.composer.send.click()
    assert _ops(tctx) == before + 1


def test_company_article_link_fills_the_reply(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    tctx.desk.settings.extra["canned_values"] = {"article_url": ARTICLE}
    pane = _pane(qtbot, tctx, tsample.mail)
    pane.insert_canned("email_setup_article")
    assert ARTICLE in pane.composer.text()
    assert [s.cursor.selectedText() for s in pane.composer.editor.extraSelections()] == [
        "{email_address}"
    ]
    note = pane.composer.placeholder_note.text()
    assert "{email_address}" in note
    assert "{article_url}" not in note
