# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.window_fixtures reappear as test parameters)
"""A conversation is ended once (the action is disabled while a termination is live), and a
lead's overturn is told on the ended ticket: who ended it, who decided what, when and why."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from sqlalchemy import update

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from tests.unit.ui.window_fixtures import open_in, pane, panel, top_level, win  # noqa: F401
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.domain.enums import Role
from websight_desk.i18n import set_language
from websight_desk.services import abuse, people
from websight_desk.storage.models import SyncOutbox
from websight_desk.ui.abuse.terminate_dialog import TerminateDialog
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def _action(w: MainWindow) -> QAction:
    action = w.findChild(QAction, "endForAbuse")
    assert action is not None
    return action


def _end(tctx: UiContext, ticket_id: str) -> str:
    with tctx.desk.writer() as w:
        cmd = abuse.TerminateConversation(
            AbuseChannel.TICKET, AbuseCategory.INSULT, "Hakaret.", "Beceriksiz", ticket_id=ticket_id
        )
        termination = abuse.terminate(w, cmd)
    tctx.tickets_changed([ticket_id])
    return termination


def _lead(tctx: UiContext) -> str:
    with tctx.desk.writer() as w:
        return people.add_agent(w, people.NewAgent("zeynep", "Zeynep Lider", Role.SHIFT_LEAD))


def _decide(tctx: UiContext, lead: str, termination: str, decision: ReviewDecision) -> None:
    with tctx.desk.writer(author_id=lead) as w:
        abuse.review(w, abuse.ReviewTermination(termination, decision, "Müşteri özür diledi."))
    with tctx.desk.db.write() as conn:  # the server accepted it: a decision now
        conn.execute(update(SyncOutbox).where(SyncOutbox.state == "pending").values(state="acked"))
    tctx.tickets_changed([])


def test_end_for_abuse_is_disabled_once_the_ticket_is_ended(
    win: MainWindow, tsample: TicketSample, tctx: UiContext, qtbot: Any
) -> None:
    action = _action(win)
    open_in(win, tsample.abusive)
    assert action.isEnabled()
    _end(tctx, tsample.abusive)
    assert not action.isEnabled()
    assert "already ended" in action.toolTip() or "zaten" in action.toolTip()
    qtbot.keyClick(
        win, Qt.Key.Key_X, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert top_level(TerminateDialog) == []  # the shortcut opens nothing
    assert _action(win).trigger() is None
    assert top_level(TerminateDialog) == []
    # the policy checklist's "consider termination" does not open it either
    for button in panel(win).action_buttons():
        if button.objectName() == "action_consider_termination":
            button.click()
    assert top_level(TerminateDialog) == []
    # another ticket of the same customer can still be ended; back: disabled again
    open_in(win, tsample.theme)
    assert action.isEnabled()
    open_in(win, tsample.abusive)
    assert not action.isEnabled()


def test_overturn_enables_the_action_and_tells_who_decided(
    win: MainWindow, tsample: TicketSample, tctx: UiContext
) -> None:
    set_language("en")
    open_in(win, tsample.abusive)
    termination = _end(tctx, tsample.abusive)
    assert "PENDING" in panel(win).banner.text()
    _decide(tctx, _lead(tctx), termination, ReviewDecision.OVERTURNED)
    text = panel(win).banner.text()
    assert panel(win).banner.isVisible()
    assert "ENDING FOR ABUSE OVERTURNED" in text
    assert "Ended for abuse by" in text
    assert "Overturned by Zeynep Lider" in text
    assert "Müşteri özür diledi." in text
    assert _action(win).isEnabled()  # lifted: it may be ended again
    open_in(win, tsample.theme)  # another ticket of the customer: served normally, no banner
    assert not panel(win).banner.isVisible()


def test_reinstated_after_confirmation_lists_both_decisions(
    win: MainWindow, tsample: TicketSample, tctx: UiContext
) -> None:
    set_language("en")
    open_in(win, tsample.abusive)
    termination = _end(tctx, tsample.abusive)
    lead = _lead(tctx)
    _decide(tctx, lead, termination, ReviewDecision.CONFIRMED)
    assert "SERVICE REFUSED" in panel(win).banner.text()
    assert not _action(win).isEnabled()  # confirmed: still ended
    _decide(tctx, lead, termination, ReviewDecision.REINSTATED)
    text = panel(win).banner.text()
    assert "REINSTATED" in text
    assert text.index("Confirmed by Zeynep Lider") < text.index("Reinstated by Zeynep Lider")
    assert _action(win).isEnabled()


def test_ending_another_ticket_of_the_customer_shows_the_banner_on_the_open_one(
    win: MainWindow, tsample: TicketSample, tctx: UiContext
) -> None:
    """A change naming another ticket does not reload the open one: its banner is read
    again on its own."""
    set_language("en")
    open_in(win, tsample.theme)
    assert not panel(win).banner.isVisible()
    _end(tctx, tsample.abusive)
    assert win.open_ticket_id == tsample.theme
    assert "PENDING" in panel(win).banner.text()
    assert panel(win).banner.isVisible()
    assert _action(win).isEnabled()  # this ticket was not ended
