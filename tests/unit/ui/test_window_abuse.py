# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.window_fixtures reappear as test parameters)
"""Abuse in the real main window: end a conversation (button, Ctrl+Shift+X, checklist),
the refusal banner and ⛔ flag, the reply override, and the lead's Tools entries."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from sqlalchemy import func, select

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from tests.unit.ui.window_fixtures import make_window, open_in, pane, panel, top_level, win  # noqa: F401
from websight_desk.domain.abuse import RefusalStatus
from websight_desk.domain.enums import MessageKind, Role
from websight_desk.services import people
from websight_desk.storage.models import AbuseTermination, Message, RefusalOverride
from websight_desk.ui.abuse.report import AbuseReportWidget
from websight_desk.ui.abuse.review_queue import ReviewQueueWidget
from websight_desk.ui.abuse.terminate_dialog import TerminateDialog
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.shortcuts import SHORTCUTS

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def _end_conversation(w: MainWindow, qtbot: Any) -> str:
    """Ctrl+Shift+X on the open ticket, fill the dialog, confirm; the new termination id."""
    qtbot.keyClick(
        w, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    dialogs = top_level(TerminateDialog)
    assert len(dialogs) == 1
    dlg = dialogs[0]
    assert isinstance(dlg, TerminateDialog)
    assert dlg.ticket_id == w.open_ticket_id
    assert "Beceriksiz" in dlg.evidence.toPlainText()  # prefilled from the detector
    dlg.note.setPlainText("Ekibe hakaret etti.")
    dlg.confirm.setChecked(True)
    with qtbot.waitSignal(dlg.terminated) as got:
        dlg.ok.click()
    return str(got.args[0])


def _flags_of(w: MainWindow, ticket_id: str) -> frozenset[str]:
    row = w.queue.model.row_of(ticket_id)
    assert row is not None
    found = w.queue.model.ticket_at(row)
    assert found is not None
    return found.flags


def test_end_for_abuse_shows_banner_flag_and_closes_ticket(
    win: MainWindow, tsample: TicketSample, tctx: UiContext, qtbot: Any
) -> None:
    action = win.findChild(QAction, "endForAbuse")
    assert action is not None
    assert "⛔" not in action.text()  # the SVG icon, not a glyph an emoji font must draw
    assert not action.icon().isNull()
    assert [k.toString() for k in action.shortcuts()] == ["Ctrl+Shift+X"]
    open_in(win, tsample.abusive)
    assert action.isEnabled()
    assert not panel(win).banner.isVisible()
    assert "refused" not in _flags_of(win, tsample.theme)
    termination = _end_conversation(win, qtbot)
    with tctx.desk.db.read() as conn:
        row = conn.execute(select(AbuseTermination).where(AbuseTermination.id == termination)).one()
    assert row.ticket_id == tsample.abusive
    assert row.customer_id == tsample.ayse
    detail = pane(win).detail
    assert detail is not None
    assert detail.status.value == "terminated"
    # Every ticket of the customer: the banner in the panel, ⛔ in the queue.
    assert panel(win).banner.isVisible()
    assert "Beceriksiz" in panel(win).banner.text()
    assert "refused" in _flags_of(win, tsample.theme)
    assert "refused" not in _flags_of(win, tsample.reseller_ticket)  # another customer
    open_in(win, tsample.reseller_ticket)
    assert not panel(win).banner.isVisible()
    open_in(win, tsample.theme)
    assert panel(win).banner.isVisible()


def test_policy_checklist_consider_termination_opens_the_dialog(
    win: MainWindow, tsample: TicketSample, qtbot: Any
) -> None:
    open_in(win, tsample.abusive)
    buttons = [
        b for b in panel(win).action_buttons() if b.objectName() == "action_consider_termination"
    ]
    assert buttons, [b.objectName() for b in panel(win).action_buttons()]
    buttons[0].click()
    dialogs = top_level(TerminateDialog)
    assert len(dialogs) == 1
    assert pane(win).composer.text() == ""  # a dialog, not a canned reply


def test_reply_to_pending_customer_needs_an_override_reason(
    win: MainWindow, tsample: TicketSample, tctx: UiContext, qtbot: Any, monkeypatch: Any
) -> None:
    open_in(win, tsample.abusive)
    _end_conversation(win, qtbot)
    open_in(win, tsample.theme)  # another ticket of the same (now pending) customer
    asked: list[RefusalStatus] = []
    answer: list[str | None] = [None]

    def ask(state: Any) -> str | None:
        asked.append(state.status)
        return answer[0]

    monkeypatch.setattr(pane(win), "ask_override_reason", ask)

    def replies() -> int:
        with tctx.desk.db.read() as conn:
            return int(
                conn.execute(
                    select(func.count())
                    .select_from(Message)
                    .where(
                        Message.ticket_id == tsample.theme,
                        Message.kind == MessageKind.OUTBOUND.value,
                    )
                ).scalar_one()
            )

    before = replies()
    pane(win).composer.editor.setPlainText("Merhaba, temanız için bilgi:")
    pane(win).send()
    assert asked == [RefusalStatus.PENDING_REVIEW]
    assert replies() == before  # cancelled: nothing sent …
    assert pane(win).composer.text() == "Merhaba, temanız için bilgi:"  # … the text stays
    answer[0] = "Müşteri KVKK kapsamında bilgi istedi; yanıt zorunlu."
    pane(win).send()
    assert replies() == before + 1
    assert pane(win).composer.text() == ""
    with tctx.desk.db.read() as conn:
        override = conn.execute(select(RefusalOverride)).one()
    assert override.ticket_id == tsample.theme
    assert override.reason.startswith("Müşteri KVKK")
    # An internal note never needs an override.
    asked.clear()
    pane(win).composer.set_kind(MessageKind.NOTE)
    pane(win).composer.editor.setPlainText("Lider incelemesi bekleniyor.")
    pane(win).send()
    assert asked == []
    assert pane(win).composer.text() == ""


def test_reply_to_a_served_customer_asks_nothing(
    win: MainWindow, tsample: TicketSample, qtbot: Any, monkeypatch: Any
) -> None:
    open_in(win, tsample.reseller_ticket)
    monkeypatch.setattr(pane(win), "ask_override_reason", lambda s: pytest.fail("asked"))
    pane(win).composer.editor.setPlainText("Merhaba, kontrol ediyoruz.")
    pane(win).send()
    assert pane(win).composer.text() == ""


def test_review_queue_entry_only_for_shift_leads(
    win: MainWindow, tctx: UiContext, tsample: TicketSample, qtbot: Any
) -> None:
    review = win.menus.get("review_queue")
    assert not review.isEnabled()  # Mehmet is an agent
    assert "abuse_review" not in win.view_actions
    report = win.menus.get("abuse_report")
    report.trigger()
    assert win.tools.open["abuse_report"].isVisible()
    assert isinstance(win.tools.open["abuse_report"].content, AbuseReportWidget)
    with tctx.desk.writer() as w:
        lead = people.add_agent(w, people.NewAgent("zeynep", "Zeynep Lider", Role.SHIFT_LEAD))
    tctx.desk.settings.agent_id = lead
    lead_win = make_window(tctx, qtbot, role=Role.SHIFT_LEAD.value)
    try:
        assert lead_win.menus.get("review_queue").isEnabled()
        assert "abuse_review" in lead_win.view_actions  # the queue view "Review queue"
        lead_win.menus.get("review_queue").trigger()
        tool = lead_win.tools.open["review_queue"]
        assert isinstance(tool.content, ReviewQueueWidget)
        assert tool.isVisible()
        assert tool.windowTitle() == "İnceleme kuyruğu"
        lead_win.menus.get("review_queue").trigger()  # again: the same window, raised
        assert lead_win.tools.open["review_queue"] is tool
    finally:
        lead_win.close()


def test_shortcut_overview_lists_the_new_keys_without_clashes() -> None:
    assert SHORTCUTS["end_for_abuse"].keys == ("Ctrl+Shift+X",)
    assert SHORTCUTS["callback"].keys == ("Ctrl+Shift+K",)
    keys = [k for s in SHORTCUTS.values() for k in s.keys]
    assert len(keys) == len(set(keys))
