# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.fixtures_ticket reappear as test parameters)
"""Callbacks in the ticket pane (thread entry, ☎ button, Ctrl+Shift+K, policy action), the
callbacks list (filters, qtmodeltester) and the KVKK Tools actions (purge, request, export)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QToolButton
from sqlalchemy import select

from tests.unit.ui.fixtures_ticket import (  # noqa: F401
    T_NOW,
    TicketSample,
    sign_in_admin,
    tctx,
    tdesk,
    tsample,
)
from websight_desk import i18n
from websight_desk.domain.callbacks import (
    CallReason,
    LogCallback,
    NoticeGiven,
    NoticeMethod,
    Outcome,
    PhoneSource,
)
from websight_desk.domain.enums import ContactRole, MessageKind
from websight_desk.services import tickets
from websight_desk.services.callbacks import log_callback
from websight_desk.services.kvkk import kvkk_settings
from websight_desk.storage.models import AuditEvent, CallbackPersonal, KvkkRequest
from websight_desk.ui.callbacks import actions
from websight_desk.ui.callbacks.dialog import CallbackDialog
from websight_desk.ui.callbacks.list_widget import CallbacksWidget, open_callbacks_window
from websight_desk.ui.callbacks.pane_actions import install_callback_actions
from websight_desk.ui.context import UiContext
from websight_desk.ui.policy import PolicyPanel
from websight_desk.ui.ticket import TicketPane, link

MASKED = "+90 5•• ••• •• 67"
# The offscreen platform warns that it cannot forward size hints or raise windows; harmless.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def log(
    ctx: UiContext,
    s: TicketSample,
    ticket_id: str,
    start: datetime,
    *,
    outcome: Outcome = Outcome.REACHED,
    notes: str = "DNS kayıtları birlikte kontrol edildi.",
) -> str:
    cmd = LogCallback(
        ticket_id=ticket_id,
        contact_id=s.contact_ayse,
        contact_role=ContactRole.ACCOUNT_HOLDER,
        phone="0532 123 45 67",
        phone_source=PhoneSource.PROFILE,
        reason=CallReason.HARD_TO_UNDERSTAND,
        outcome=outcome,
        started_at=start,
        ended_at=start + timedelta(minutes=6),
        notice=NoticeGiven(1, "tr", NoticeMethod.READ_ALOUD, start + timedelta(minutes=1)),
        notes=notes,
    )
    with ctx.desk.writer() as w:
        return log_callback(w, cmd, kvkk_settings(ctx.desk.settings))


def _pane(qtbot: Any, ctx: UiContext, ticket_id: str | None, install: bool = True) -> TicketPane:
    pane = TicketPane(ctx)
    qtbot.addWidget(pane)
    if install:
        install_callback_actions(pane)
    pane.resize(760, 640)
    pane.show_ticket(ticket_id)
    return pane


def _dialog(pane: TicketPane) -> CallbackDialog | None:
    found = [d for d in pane.window().findChildren(CallbackDialog) if d.isVisible()]
    return found[-1] if found else None


# --- the thread ------------------------------------------------------------------------


def test_callback_is_its_own_entry_interleaved_by_time(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    log(tctx, tsample, tsample.theme, T_NOW - timedelta(minutes=30))
    with tctx.desk.writer() as w:  # a reply after the call (the desk's clock says T_NOW)
        tickets.post_message(w, tickets.PostMessage(tsample.theme, _outbound(), "Arandınız."))
    pane = _pane(qtbot, tctx, tsample.theme, install=False)  # the thread needs no install
    text = pane.thread_view.toPlainText()
    assert "Telefonla geri arama" in text
    assert "flag_callback.svg" in pane.thread_view.toHtml()  # the icon, not a font's ☎
    assert "Mehmet Yılmaz" in text
    assert MASKED in text
    assert "1234567" not in text
    assert "Hesap sahibi" in text  # the contact role
    assert "sürüm 1" in text  # notice version
    assert "DNS kayıtları birlikte kontrol edildi." in text
    assert "13:30–13:36" in text  # Istanbul time (UTC+3)
    first, call, reply = (text.index(t) for t in ("Avada", "Telefonla", "Arandınız."))
    assert first < call < reply
    i18n.set_language("en")
    tctx.events.languageChanged.emit()
    english = pane.thread_view.toPlainText()
    assert "Phone callback" in english
    assert "Reached" in english
    assert "version 1" in english


def _outbound() -> Any:
    from websight_desk.domain.enums import MessageKind

    return MessageKind.OUTBOUND


def test_anonymised_callback_shows_no_personal_data(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    log(tctx, tsample, tsample.theme, T_NOW - timedelta(days=400), notes="Eski not")
    from websight_desk.services.kvkk import purge

    purge(tctx.desk, T_NOW)
    pane = _pane(qtbot, tctx, tsample.theme, install=False)
    text = pane.thread_view.toPlainText()
    assert "Telefonla geri arama" in text
    assert "Eski not" not in text
    assert "67" not in text.split("Telefonla geri arama")[1]
    assert "anonimleştirildi" in text.lower()


# --- the button, the shortcut, the policy action ----------------------------------------


def test_button_in_the_header_and_disabled_without_ticket(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    pane = _pane(qtbot, tctx, None)
    action = pane.findChild(QAction, "callBack")
    assert action is not None
    assert not action.isEnabled()
    pane.show_ticket(tsample.theme)
    assert action.isEnabled()
    button = pane.header.findChild(QToolButton, "headerAction_callBack")
    assert button.text() == "Geri ara"
    assert button.accessibleName() == "Geri ara"
    assert not button.icon().isNull()  # drawn from SVG, not a font's ☎
    assert "Ctrl+Shift+K" in button.toolTip()


def test_ctrl_shift_k_opens_the_dialog_and_saving_refreshes_the_thread(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    pane = _pane(qtbot, tctx, tsample.theme)
    pane.show()
    qtbot.waitExposed(pane)
    pane.windowHandle().requestActivate()  # window-wide shortcuts need an active window
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pane)
    pane.thread_view.setFocus()
    assert "Telefonla geri arama" not in pane.thread_view.toPlainText()
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(pane.thread_view, Qt.Key.Key_K, ctrl_shift)
    dialog = _dialog(pane)
    assert dialog is not None
    assert dialog.ticket_id == tsample.theme
    dialog.notice_given.setChecked(True)
    dialog.notes.setPlainText("Telefonda anlatıldı.")
    with qtbot.waitSignal(dialog.saved, timeout=1000):
        dialog.buttons.accepted.emit()
    assert len(pane.callbacks) == 1
    assert "Telefonda anlatıldı." in pane.thread_view.toPlainText()


def test_no_other_shortcut_uses_ctrl_shift_k(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    from PySide6.QtGui import QKeySequence

    from websight_desk.ui.shortcuts import SHORTCUTS

    pane = _pane(qtbot, tctx, tsample.theme)
    wanted = QKeySequence("Ctrl+Shift+K")
    taken = [k for k in pane.shortcuts if QKeySequence(k) == wanted]
    taken += [
        k
        for name, s in SHORTCUTS.items()
        if name != "callback"  # the overview's own entry for this very action
        for k in s.keys
        if QKeySequence(k) == wanted
    ]
    assert taken == []
    assert SHORTCUTS["callback"].keys == ("Ctrl+Shift+K",)


def test_policy_action_opens_the_same_dialog(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    # the policy offers a callback only when the customer asks for one
    with tctx.desk.writer() as w:
        tickets.post_message(
            w,
            tickets.PostMessage(
                tsample.mail,
                MessageKind.INBOUND,
                "Yazışarak anlaşamıyoruz, beni arayabilir misiniz? 0532 000 00 00",
            ),
        )
    pane = _pane(qtbot, tctx, tsample.mail)
    panel = PolicyPanel(tctx)
    qtbot.addWidget(panel)
    link(pane, panel)
    pane.show_ticket(tsample.mail)
    buttons = {b.objectName(): b for b in panel.action_buttons()}
    before = pane.composer.text()
    buttons["action_offer_phone_callback"].click()
    dialog = _dialog(pane)
    assert dialog is not None
    assert dialog.ticket_id == tsample.mail
    assert pane.composer.text() == before  # no canned text inserted


# --- the callbacks list ----------------------------------------------------------------


@pytest.fixture
def listed(qtbot: Any, tctx: UiContext, tsample: TicketSample) -> CallbacksWidget:
    log(tctx, tsample, tsample.theme, T_NOW - timedelta(hours=2))
    log(tctx, tsample, tsample.mail, T_NOW - timedelta(days=3), outcome=Outcome.NO_ANSWER)
    log(tctx, tsample, tsample.mail, T_NOW - timedelta(days=60), outcome=Outcome.DECLINED)
    widget = CallbacksWidget(tctx)
    qtbot.addWidget(widget)
    widget.resize(1000, 400)
    return widget


def test_list_shows_masked_numbers_and_passes_the_model_tester(
    qtmodeltester: Any, listed: CallbacksWidget
) -> None:
    assert len(listed.model.rows) == 2  # the default range is the last 30 days
    cells = [listed.model.index(0, c).data() for c in range(listed.model.columnCount())]
    assert MASKED in cells
    assert "Mehmet Yılmaz" in cells
    assert "Ulaşıldı" in cells
    assert listed.count.text() == "2 geri arama"
    qtmodeltester.check(listed.model)


def test_list_filters(listed: CallbacksWidget, tctx: UiContext, tsample: TicketSample) -> None:
    listed.outcome.setCurrentIndex(listed.outcome.findData(Outcome.NO_ANSWER.value))
    assert [r.outcome for r in listed.model.rows] == [Outcome.NO_ANSWER]
    listed.outcome.setCurrentIndex(0)
    listed.since.setDate(QDate(2026, 9, 1))
    assert len(listed.model.rows) == 3
    listed.until.setDate(QDate(2026, 11, 1))
    assert [r.outcome for r in listed.model.rows] == [Outcome.DECLINED]
    listed.since.setDate(QDate(2026, 11, 26))
    listed.until.setDate(QDate(2026, 11, 26))
    assert [r.ticket_id for r in listed.model.rows] == [tsample.theme]
    assert listed.agent.itemData(1) == tsample.agent_id
    listed.agent.setCurrentIndex(1)
    assert len(listed.model.rows) == 1
    with tctx.desk.writer() as w:  # another agent logs nothing: choosing them empties it
        from websight_desk.domain.enums import Role
        from websight_desk.services.people import NewAgent, add_agent

        add_agent(w, NewAgent("zeynep", "Zeynep Ak", Role.AGENT))
    listed.agent.setCurrentIndex(0)
    assert listed.count.text() == "1 geri arama"


def test_double_click_opens_the_ticket(
    qtbot: Any, listed: CallbacksWidget, tsample: TicketSample
) -> None:
    listed.show()
    qtbot.waitExposed(listed)
    rect = listed.table.visualRect(listed.model.index(1, 0))
    # QTest's double-click lacks the press the view expects first; click once before.
    qtbot.mouseClick(listed.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(listed.ticketActivated, timeout=1000) as sig:
        qtbot.mouseDClick(listed.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == [tsample.mail]


def test_open_callbacks_window_reuses_one_window(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    opened: list[str] = []
    from PySide6.QtWidgets import QWidget

    class Host(QWidget):
        def open_ticket(self, ticket_id: str) -> None:
            opened.append(ticket_id)

    host = Host()
    qtbot.addWidget(host)
    first = open_callbacks_window(tctx, host)
    assert open_callbacks_window(tctx, host) is first
    log(tctx, tsample, tsample.theme, T_NOW - timedelta(minutes=20))
    tctx.tickets_changed([tsample.theme])  # a new callback elsewhere refreshes the list
    assert len(first.model.rows) == 1
    first.ticketActivated.emit(tsample.theme)
    assert opened == [tsample.theme]
    first.close()


# --- KVKK Tools actions ------------------------------------------------------------------


def test_purge_previews_then_runs_only_after_confirmation(
    tctx: UiContext, tsample: TicketSample, monkeypatch: Any
) -> None:
    old = log(tctx, tsample, tsample.theme, T_NOW - timedelta(days=400), notes="Eski not")
    asked: list[str] = []
    told: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text) or answer[0]
    )
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    actions.run_destruction_job(tctx, None)
    assert "1 geri aramanın saklama süresi doldu." in asked[0]
    assert _personal(tctx, old).anonymised_at is None  # a "No" changes nothing
    answer[0] = QMessageBox.StandardButton.Yes
    actions.run_destruction_job(tctx, None)
    assert _personal(tctx, old).anonymised_at is not None
    assert _personal(tctx, old).notes in ("", None)
    assert "anonimleştirildi" in told[0]


def _personal(ctx: UiContext, callback_id: str) -> Any:
    with ctx.desk.db.read() as conn:
        return conn.execute(
            select(CallbackPersonal.__table__).where(CallbackPersonal.callback_id == callback_id)
        ).one()


def test_mark_ticket_as_kvkk_request(
    tctx: UiContext, tsample: TicketSample, monkeypatch: Any, reported: list[Any]
) -> None:
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    changed: list[list[str]] = []
    tctx.events.ticketsChanged.connect(changed.append)
    actions.mark_kvkk_request(tctx, tsample.theme, None)
    with tctx.desk.db.read() as conn:
        rows = conn.execute(select(KvkkRequest.__table__)).all()
    assert [r.ticket_id for r in rows] == [tsample.theme]
    assert rows[0].deadline == T_NOW + timedelta(days=30)
    assert changed == [[tsample.theme]]
    actions.mark_kvkk_request(tctx, tsample.theme, None)  # twice: the service refuses
    assert reported
    assert "zaten" in reported[-1][1]


def test_export_customer_data_writes_json_and_is_audited(
    tctx: UiContext, tsample: TicketSample, monkeypatch: Any, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    target = tmp_path / "out.json"
    sign_in_admin(tctx.desk)  # exports are the data-protection admin's
    suggested: list[str] = []
    monkeypatch.setattr(
        QInputDialog,
        "getText",
        lambda _p, _t, _l, _m, text: (suggested.append(text), (text, True))[1],
    )
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda _p, _t, name, _f: (suggested.append(name), (str(target), ""))[1],
    )
    actions.export_customer_data(tctx, tsample.theme, None)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["customer"]["id"] == tsample.ayse
    assert suggested[1] == "kvkk-export-C-1001-2026-11-26.json"
    with tctx.desk.db.read() as conn:
        audit = conn.execute(
            select(AuditEvent.__table__).where(AuditEvent.kind == "kvkk.export")
        ).one()
    assert audit.subject_id == tsample.ayse
    assert audit.reason == suggested[0]


def test_export_to_an_unwritable_place_is_reported_and_not_audited(
    tctx: UiContext, tsample: TicketSample, monkeypatch: Any, tmp_path: Path, reported: list[Any]
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *_a: ("talep", True))
    bad = tmp_path / "missing-dir" / "out.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(bad), ""))
    actions.export_customer_data(tctx, tsample.theme, None)
    assert reported
    assert not bad.exists()
    with tctx.desk.db.read() as conn:
        assert (
            conn.execute(select(AuditEvent.id).where(AuditEvent.kind == "kvkk.export")).first()
            is None
        )


def test_install_callbacks_on_the_main_window(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    from PySide6.QtWidgets import QMenu

    from websight_desk.ui.callbacks.install import install_callbacks
    from websight_desk.ui.main_window import MainWindow
    from websight_desk.ui.queue.panel import default_views

    win = MainWindow(tctx, default_views("agent"), remember=False)
    qtbot.addWidget(win)
    added = install_callbacks(win)
    names = [a.objectName() for a in added]
    assert names == [
        "callBack",
        "action_callbacks",
        "action_kvkk_purge",
        "action_kvkk_request",
        "action_kvkk_export",
        "action_kvkk_settings",
    ]
    tools = win.findChild(QMenu, "menu_tools")
    texts = [a.text() for a in tools.actions()]
    assert "KVKK imha işlemini çalıştır…" in texts
    request = added[3]
    assert not request.isEnabled()  # needs a ticket
    win.show_ticket(tsample.theme)
    assert request.isEnabled()
    i18n.set_language("en")
    tctx.events.languageChanged.emit()
    assert request.text() == "Mark ticket as KVKK request"
