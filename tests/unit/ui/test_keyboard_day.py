# ruff: noqa: F811
"""A new user's day with the keyboard alone, at 1280×720, in Turkish and in English (issue 18).

Every step is a key event sent where the keys go: the focused widget, or the open popup (a menu,
a combo's list). No widget method is called and nothing is clicked; the test only reads state to
decide the next key (as a user reads the screen) and checks each outcome in the database.
Presence from a colleague through a real server: tests/e2e/sync/test_presence_ui.py; here the
board arrives as the server's answer would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QDateTimeEdit,
    QDialog,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QWidget,
)
from sqlalchemy import select

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from tests.unit.ui.test_presence_wiring import FakeLoop
from tests.unit.ui.window_fixtures import make_window
from websight_desk import i18n
from websight_desk.domain.enums import MessageKind, Role, TicketStatus
from websight_desk.i18n import _
from websight_desk.services import people
from websight_desk.services.desk import Desk
from websight_desk.storage.models import AbuseReview, AbuseTermination, Callback, Message, Ticket
from websight_desk.sync.presence import REPLYING, Colleague
from websight_desk.ui.abuse.review_queue import ReviewQueueWidget
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.runner import Runner
from websight_desk.ui.sync.presence import presence_of
from websight_desk.ui.ticket.presence_label import PresenceLabel

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)
ARTICLE = "https://destek.websight.example/makale/e-posta-istemci-kurulumu"
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
SCREEN = (1280, 720)


def target() -> QWidget:
    """Where a key goes: the open popup (its focused list), else the focused widget."""
    popup = QApplication.activePopupWidget()
    if popup is not None:
        return popup.focusWidget() or popup
    widget = QApplication.focusWidget()
    if widget is None:
        # A dialog closed: the window manager hands the focus back to the window below (an
        # X11 one does at once; offscreen Qt leaves that to us) -- its own focus, not ours.
        below = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
        if len(below) == 1:
            below[0].activateWindow()
            QApplication.processEvents()
            widget = QApplication.focusWidget()
    assert widget is not None, "the keyboard lost focus"
    return widget


def key(qtbot: Any, k: Qt.Key, mods: Qt.KeyboardModifier = NONE) -> None:
    qtbot.keyClick(target(), k, mods)
    qtbot.wait(1)  # a person's pause: a dialog that opened gets activated and focused


def type_text(qtbot: Any, text: str) -> None:
    """Type as a Turkish keyboard does: ı, ğ, ş come as key events with their text (QTest's
    keyClicks knows Latin-1 only and aborts on them)."""
    widget = target()
    for ch in text:
        if ord(ch) < 128:
            QTest.keyClick(widget, ch)
        else:
            for action in (QTest.KeyAction.Press, QTest.KeyAction.Release):
                QTest.sendKeyEvent(action, widget, Qt.Key.Key_unknown, ch, NONE)
    qtbot.wait(1)


def press_until(
    qtbot: Any, k: Qt.Key, done: Callable[[], bool], mods: Qt.KeyboardModifier = NONE
) -> None:
    """Press `k` until `done()` (a user reading the screen), at most 40 times."""
    for _i in range(40):
        if done():
            return
        key(qtbot, k, mods)
    raise AssertionError(f"{k} never reached the wanted widget (focus: {target()!r})")


def focus_is(kind: type[QWidget], text: str | None = None) -> Callable[[], bool]:
    def check() -> bool:
        w = QApplication.focusWidget()
        if not isinstance(w, kind):
            return False
        return text is None or (isinstance(w, QAbstractButton) and w.text() == text)

    return check


def dialog_open(kind: type[QWidget]) -> QWidget:
    """The visible dialog of `kind`, which must fit the 1280×720 screen."""
    [dialog] = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()]
    assert dialog.width() <= SCREEN[0], dialog.size()
    assert dialog.height() <= SCREEN[1] - 40, dialog.size()
    return dialog


def menu_item(qtbot: Any, text: str) -> None:
    """In the open menu, Down to the entry `text`, then Right (submenu) or Return."""

    def active() -> str:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        act = menu.activeAction()
        return act.text() if act else ""

    press_until(qtbot, Qt.Key.Key_Down, lambda: active() == text)


def switch_language(qtbot: Any, win: MainWindow, name: str) -> None:
    key(qtbot, Qt.Key.Key_F10)  # the menu bar: File opens
    key(qtbot, Qt.Key.Key_Right)  # View
    # its entries show the keys as the keyboard writes them, not Qt's "Kontrol+Üst Karakter+F"
    assert win.menus.get("view_filter").text().endswith("\tCtrl+Shift+F")
    menu_item(qtbot, _("Language"))
    key(qtbot, Qt.Key.Key_Right)
    menu_item(qtbot, name)
    key(qtbot, Qt.Key.Key_Return)
    assert QApplication.activePopupWidget() is None


def read(desk: Desk, stmt: Any) -> list[Any]:
    with desk.db.read() as conn:
        return list(conn.execute(stmt).all())


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_a_new_users_day_with_the_keyboard_alone(
    lang: str, tctx: UiContext, tdesk: Desk, tsample: TicketSample, qtbot: Any
) -> None:
    i18n.set_language("tr")
    with tdesk.writer() as w:
        colleague = people.add_agent(w, people.NewAgent("zeynep", "Zeynep Arslan", Role.AGENT))
        lead = people.add_agent(w, people.NewAgent("leyla", "Leyla Koç", Role.SHIFT_LEAD))
    tdesk.settings.extra["canned_values"] = {"article_url": ARTICLE}  # the company's link
    win = make_window(tctx, qtbot)
    win.resize(*SCREEN)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    if lang == "en":
        switch_language(qtbot, win, "English")
        assert win.menuBar().actions()[0].text() == "File"

    # 1. Triage: into the queue, the first ticket, status Open
    key(qtbot, Qt.Key.Key_1, CTRL)
    assert QApplication.focusWidget() is win.queue.table
    key(qtbot, Qt.Key.Key_Return)
    first = win.open_ticket_id
    assert first is not None
    key(qtbot, Qt.Key.Key_S, CTRL | SHIFT)
    press_until(qtbot, Qt.Key.Key_Down, lambda: target().currentIndex().row() == 1)
    key(qtbot, Qt.Key.Key_Return)
    [(status,)] = read(tdesk, select(Ticket.status).where(Ticket.id == first))
    assert status == TicketStatus.OPEN

    # 2. Search the customer by phone, as she says it; Return goes into the results
    key(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, "0532 123 45 67")
    key(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is win.queue.table
    found = {r.ticket_id for r in win.queue.model.rows}
    assert found == {tsample.theme, tsample.mail, tsample.abusive}
    press_until(qtbot, Qt.Key.Key_Down, lambda: win.open_ticket_id == tsample.mail)

    # 3. Reply with the article: the canned reply fills the link; the agent types the address
    key(qtbot, Qt.Key.Key_H, CTRL | SHIFT)  # the policy's suggestion is first
    key(qtbot, Qt.Key.Key_Return)
    assert isinstance(target(), QPlainTextEdit)
    type_text(qtbot, "ayse@aysekaya.com.tr")  # over the selected {email_address}
    key(qtbot, Qt.Key.Key_Return, CTRL)
    replies = read(
        tdesk,
        select(Message.body).where(
            Message.ticket_id == tsample.mail, Message.kind == MessageKind.OUTBOUND
        ),
    )
    [(body,)] = replies
    assert ARTICLE in body
    assert "ayse@aysekaya.com.tr" in body
    assert "{" not in body
    assert "}" not in body

    # 4. Assign to a colleague: type a part of the name, Return
    key(qtbot, Qt.Key.Key_A, CTRL | SHIFT)
    type_text(qtbot, "zeyn")
    key(qtbot, Qt.Key.Key_Return)
    [(assignee,)] = read(tdesk, select(Ticket.assignee_id).where(Ticket.id == tsample.mail))
    assert assignee == colleague

    # 5. A colleague's presence, as the server reports it (connected: a server address; set
    # only now, as the window's start would otherwise start syncing and ask for the token)
    tdesk.settings.server_url = "https://desk.example"
    presence = presence_of(win.ctx)
    presence.loop = FakeLoop()  # type: ignore[assignment]
    key(qtbot, Qt.Key.Key_1, CTRL)
    key(qtbot, Qt.Key.Key_Return)  # the ticket again, now as a connected workstation
    assert win.open_ticket_id == tsample.mail
    presence.boardArrived.emit([Colleague(colleague, "Zeynep Arslan", tsample.mail, REPLYING, 0)])
    [label] = win.ticket_pane.findChildren(PresenceLabel)
    assert "Zeynep Arslan" in label.text()
    assert label.isVisible()
    assert _("Writing a reply: {names}").format(names="Zeynep Arslan") in label.text()

    presence.loop = None

    # 6. Log a callback: the KVKK notice first (it opens the notes), notes, save
    key(qtbot, Qt.Key.Key_K, CTRL | SHIFT)
    callback = dialog_open(QDialog)
    for edit in callback.findChildren(QDateTimeEdit):  # dates as the language writes them
        assert edit.text()[2] == ("." if lang == "tr" else "/"), edit.text()
    press_until(qtbot, Qt.Key.Key_Tab, focus_is(QCheckBox, _("I gave this notice to the person")))
    key(qtbot, Qt.Key.Key_Space)
    press_until(qtbot, Qt.Key.Key_Tab, focus_is(QPlainTextEdit))
    type_text(qtbot, "Kurulum anlatıldı")
    press_until(qtbot, Qt.Key.Key_Tab, focus_is(QAbstractButton, _("Save callback")))
    key(qtbot, Qt.Key.Key_Space)
    [(notice_version, given_at)] = read(
        tdesk,
        select(Callback.notice_version, Callback.notice_given_at).where(
            Callback.ticket_id == tsample.mail
        ),
    )
    assert notice_version is not None
    assert given_at is not None

    # 7. End the abusive chat: find it, open it, the dialog with note and confirmation
    key(qtbot, Qt.Key.Key_F, CTRL)
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, "Beceriksizler")
    key(qtbot, Qt.Key.Key_Return)
    assert win.open_ticket_id == tsample.abusive
    key(qtbot, Qt.Key.Key_X, CTRL | SHIFT)
    dialog_open(QDialog)
    press_until(qtbot, Qt.Key.Key_Tab, lambda: target().objectName() == "note")
    type_text(qtbot, "Uyarıya rağmen hakaret")
    press_until(qtbot, Qt.Key.Key_Tab, lambda: target().objectName() == "confirm")
    key(qtbot, Qt.Key.Key_Space)
    press_until(qtbot, Qt.Key.Key_Tab, focus_is(QAbstractButton, _("End conversation")))
    key(qtbot, Qt.Key.Key_Space)
    [(termination, note)] = read(
        tdesk,
        select(AbuseTermination.id, AbuseTermination.note).where(
            AbuseTermination.ticket_id == tsample.abusive
        ),
    )
    assert note == "Uyarıya rağmen hakaret"
    key(qtbot, Qt.Key.Key_Q, CTRL)  # the agent's day ends
    assert not win.isVisible()

    # 8. The shift lead reviews it: Ctrl+Shift+R, the termination, a reason, Confirm
    tdesk.settings.agent_id = lead
    tdesk.settings.server_url = ""  # the lead's workstation, offline here
    lead_win = make_window(UiContext(tdesk, runner=Runner(synchronous=True)), qtbot, "shift_lead")
    lead_win.resize(*SCREEN)
    lead_win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is lead_win)
    key(qtbot, Qt.Key.Key_R, CTRL | SHIFT)
    [queue] = {q for q in lead_win.findChildren(ReviewQueueWidget) if q.isVisible()}
    assert queue.window().width() <= SCREEN[0]
    assert queue.window().height() <= SCREEN[1]
    assert QApplication.focusWidget() is queue.list
    press_until(qtbot, Qt.Key.Key_Down, lambda: queue.current() is not None)
    press_until(qtbot, Qt.Key.Key_Tab, lambda: target() is queue.note)
    type_text(qtbot, "Hakaret açık; ret onaylandı")
    press_until(qtbot, Qt.Key.Key_Tab, lambda: target() is queue.confirm)
    key(qtbot, Qt.Key.Key_Space)
    [(decision, reviewed)] = read(tdesk, select(AbuseReview.decision, AbuseReview.termination_id))
    assert (decision, reviewed) == ("confirmed", termination)
    assert QApplication.focusWidget() is queue.list  # on to the next one
    for top in QApplication.topLevelWidgets():
        top.close()
    i18n.set_language("tr")


def test_evidence_names_follow_a_language_switch(
    tctx: UiContext, tsample: TicketSample, qtbot: Any
) -> None:
    """Found in the day: after switching to English the evidence still said "— Konu"."""
    i18n.set_language("tr")
    win = make_window(tctx, qtbot)
    win.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    key(qtbot, Qt.Key.Key_F, CTRL)
    type_text(qtbot, "Beceriksizler")
    key(qtbot, Qt.Key.Key_Return)
    assert win.open_ticket_id == tsample.abusive
    evidence = win.policy_panel.findChild(QListWidget, "evidence")
    assert evidence is not None

    def rows() -> list[str]:
        return [evidence.item(i).text() for i in range(evidence.count())]

    assert any(r.endswith("— Mesaj 1") for r in rows())
    switch_language(qtbot, win, "English")
    assert any(r.endswith("— Message 1") for r in rows())
    assert not any(r.endswith(("— Mesaj 1", "— Konu")) for r in rows())
    for top in QApplication.topLevelWidgets():
        top.close()
    i18n.set_language("tr")
