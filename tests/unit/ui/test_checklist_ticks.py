# ruff: noqa: F811
"""The policy panel's to-do checklist ticks itself from what the stored ticket shows was
done (issue 18): the article's link in a sent reply, an SLA offered, a callback logged, the
conversation ended. Read in the runner; nothing of it is stored as a tick."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel
from websight_desk.domain.enums import MessageKind
from websight_desk.policy.model import Action
from websight_desk.services import abuse, tickets
from websight_desk.services.checklist_done import done_actions
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.policy import PolicyPanel
from websight_desk.ui.queue.panel import default_views

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")
ARTICLE = "https://destek.websight.com.tr/eposta-kurulumu"


def _panel(qtbot: Any, ctx: UiContext) -> PolicyPanel:
    panel = PolicyPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(320, 700)
    return panel


def _reply(ctx: UiContext, ticket_id: str, body: str, kind: MessageKind) -> None:
    with ctx.desk.writer() as w:
        tickets.post_message(w, tickets.PostMessage(ticket_id, kind, body))
    ctx.events.ticketsChanged.emit([ticket_id])


def _button(panel: PolicyPanel, action: Action) -> Any:
    return {b.objectName(): b for b in panel.action_buttons()}[f"action_{action.value}"]


def test_the_article_item_ticks_once_a_reply_with_its_link_is_stored(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    tctx.desk.settings.extra["canned_values"] = {"article_url": ARTICLE}
    panel = _panel(qtbot, tctx)
    panel.show_ticket(tsample.mail)
    article = _button(panel, Action.SEND_SETUP_ARTICLE)
    assert article.text().startswith("☐")
    assert not panel.checklist.done()
    # a note with the link is not the customer being sent it
    _reply(tctx, tsample.mail, f"Makale: {ARTICLE}", MessageKind.NOTE)
    assert _button(panel, Action.SEND_SETUP_ARTICLE).text().startswith("☐")
    _reply(tctx, tsample.mail, f"Merhaba, adım adım anlatım: {ARTICLE}", MessageKind.OUTBOUND)
    article = _button(panel, Action.SEND_SETUP_ARTICLE)
    assert article.text().startswith("☑")
    assert article.property("done") is True
    assert panel.checklist.done() == {Action.SEND_SETUP_ARTICLE}
    # another ticket: nothing carried over
    panel.show_ticket(tsample.theme)
    assert not panel.checklist.done()


def test_done_actions_from_replies_callbacks_and_terminations(
    tctx: UiContext, tsample: TicketSample
) -> None:
    desk = tctx.desk
    with desk.db.read() as conn:
        assert done_actions(conn, desk.settings, tsample.theme) == frozenset()
    _reply(
        tctx, tsample.theme, "Sunucunuz için SLA hizmetimizi önerebiliriz.", MessageKind.OUTBOUND
    )
    _reply(tctx, tsample.theme, "PHP memory_limit değerine bakıyorum", MessageKind.NOTE)
    with desk.db.read() as conn:
        done = done_actions(conn, desk.settings, tsample.theme)
        assert done_actions(conn, desk.settings, "no-such-ticket") == frozenset()
    assert done == {Action.OFFER_SLA_OR_MANAGED, Action.INVESTIGATE_LIMITS}


def test_ending_the_conversation_ticks_its_item(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    panel = _panel(qtbot, tctx)
    panel.show_ticket(tsample.abusive)
    assert _button(panel, Action.CONSIDER_TERMINATION).text().startswith("☐")
    with tctx.desk.writer() as w:
        abuse.terminate(
            w,
            abuse.TerminateConversation(
                channel=AbuseChannel.TICKET,
                category=AbuseCategory.INSULT,
                note="Müşteri ekibe hakaret etti.",
                evidence_excerpt="hakaret",
                ticket_id=tsample.abusive,
            ),
        )
    tctx.events.ticketsChanged.emit([tsample.abusive])
    assert Action.CONSIDER_TERMINATION in panel.checklist.done()


def test_in_the_window_the_item_ticks_after_the_reply_is_sent(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    tctx.desk.settings.extra["canned_values"] = {"article_url": ARTICLE}
    win = MainWindow(tctx, default_views("agent"), remember=False)
    qtbot.addWidget(win)
    win.start()
    win.open_ticket(tsample.mail)
    checklist = win.policy_panel.checklist
    assert Action.SEND_SETUP_ARTICLE not in checklist.done()
    composer = win.ticket_pane.composer
    composer.editor.setPlainText(f"Merhaba, kurulum makalemiz: {ARTICLE}")
    composer.send.click()
    assert Action.SEND_SETUP_ARTICLE in checklist.done()
    assert _button(win.policy_panel, Action.SEND_SETUP_ARTICLE).text().startswith("☑")


def test_a_switch_reads_the_ticket_its_extras_and_ticks_in_one_trip(
    qtbot: Any, tctx: UiContext, tsample: TicketSample, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The ticket pane's load brings the thread's decisions and the checklist's ticks in the
    same snapshot: no second read for either, and the thread is rendered once."""
    tctx.desk.settings.extra["canned_values"] = {"article_url": ARTICLE}
    _reply(tctx, tsample.mail, f"Merhaba: {ARTICLE}", MessageKind.OUTBOUND)
    win = MainWindow(tctx, default_views("agent"), remember=False)
    qtbot.addWidget(win)
    win.start()
    keys: list[str] = []
    run = tctx.runner.run

    def counting(fn: Any, *args: Any, key: str | None = None, **kw: Any) -> Any:
        keys.append((key or "").rsplit("-", 1)[0])
        return run(fn, *args, key=key, **kw)

    renders: list[int] = []
    thread = win.ticket_pane.thread_view
    real_render = thread._render
    monkeypatch.setattr(thread, "_render", lambda: (renders.append(1), real_render()))
    monkeypatch.setattr(tctx.runner, "run", counting)
    win.open_ticket(tsample.mail)
    assert "ticket-pane" in keys
    assert "thread-extras" not in keys
    assert "checklist" not in keys
    assert "refusal-banner" not in keys  # the banner and the abuse action read with it
    assert "end-for-abuse" not in keys
    assert len(renders) == 1
    assert win.policy_panel.checklist.done() == {Action.SEND_SETUP_ARTICLE}
    assert _button(win.policy_panel, Action.SEND_SETUP_ARTICLE).text().startswith("☑")
