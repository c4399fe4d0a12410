# ruff: noqa: F811
"""Keyboard-first (issue 18): Return/Down from the search box into the results; keys for the
status, canned replies (type-ahead), the view filter and the customer view; all in the F1
overview; none of them an AltGr (Ctrl+Alt) combination or an Alt mnemonic."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from tests.unit.ui.window_fixtures import open_in, pane, win  # noqa: F401
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.shortcuts import SHORTCUTS, ShortcutOverview, native_text
from websight_desk.ui.ticket.canned_picker import CannedPicker, matches

pytestmark = pytest.mark.qt_log_ignore(
    "propagateSizeHints", "does not support raise", "does not support grabbing"
)
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def test_the_table_has_the_new_keys_and_none_is_altgr() -> None:
    for name in ("status", "canned", "view_filter", "customer"):
        assert SHORTCUTS[name].keys
    keys = [k for s in SHORTCUTS.values() for k in s.keys]
    assert len(keys) == len(set(keys))
    for k in keys:
        seq = QKeySequence(k)
        assert seq.count() == 1, k
        mods = seq[0].keyboardModifiers()
        assert not mods & Qt.KeyboardModifier.AltModifier, k  # AltGr = Ctrl+Alt; mnemonics
        assert not mods & Qt.KeyboardModifier.MetaModifier, k
        # I/İ/ı differ between layouts; Ctrl+Shift+U is the Linux input method's
        assert seq[0].key() not in (Qt.Key.Key_I, Qt.Key.Key_U), k


def test_f1_lists_every_key(win: MainWindow, qtbot: Any) -> None:
    win.set_language("en")
    win.set_language("tr")  # Qt's Turkish catalogue would write "Kontrol+F"; keys say Ctrl
    qtbot.keyClick(win, Qt.Key.Key_F1)
    overview = win.findChild(ShortcutOverview)
    assert overview is not None
    listed = {overview.table.item(r, 0).text() for r in range(overview.table.rowCount())}
    for name in ("status", "canned", "view_filter", "customer"):
        assert native_text(SHORTCUTS[name].keys) in listed
    assert "Ctrl+Shift+H" in listed
    overview.close()


def test_return_and_down_go_from_the_search_box_into_the_results(
    win: MainWindow, tsample: TicketSample, qtbot: Any
) -> None:
    win.queue.set_view("all")
    search = win.queue.bar.search
    qtbot.keyClick(win, Qt.Key.Key_F, CTRL)
    assert QApplication.focusWidget() is search
    qtbot.keyClicks(search, "tema")
    qtbot.keyClick(search, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is win.queue.table
    assert win.queue.current_ticket_id() == tsample.theme
    assert win.open_ticket_id == tsample.theme
    qtbot.keyClick(win, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(search, "sitem")  # no Return: Down searches and goes down at once
    qtbot.keyClick(search, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is win.queue.table
    first = win.queue.model.rows[0].ticket_id
    assert first in (tsample.abusive, tsample.reseller_ticket)
    assert win.queue.current_ticket_id() == first


def test_status_key_opens_the_status_list(
    win: MainWindow, tsample: TicketSample, qtbot: Any
) -> None:
    open_in(win, tsample.theme)
    qtbot.keyClick(win, Qt.Key.Key_S, CTRL | SHIFT)
    status = pane(win).composer.status
    assert QApplication.focusWidget() is status or status.view().isVisible()
    status.hidePopup()


def test_canned_key_types_ahead_and_inserts(
    win: MainWindow, tsample: TicketSample, qtbot: Any
) -> None:
    open_in(win, tsample.mail)
    qtbot.keyClick(win, Qt.Key.Key_H, CTRL | SHIFT)
    picker = pane(win).canned_picker
    assert isinstance(picker, CannedPicker)
    assert picker.isVisible()
    assert picker.keys()[0] == "email_setup_article"  # the policy's suggestion first
    qtbot.keyClicks(picker.filter, "tema")
    assert picker.keys() == ["themes_plugins_scope"]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert not picker.isVisible()
    assert "Ayşe Kaya" in pane(win).composer.text()


def test_view_filter_and_customer_keys(win: MainWindow, tsample: TicketSample, qtbot: Any) -> None:
    qtbot.keyClick(win, Qt.Key.Key_F, CTRL | SHIFT)
    picker = win.queue.bar.view_picker
    assert QApplication.focusWidget() is picker or picker.view().isVisible()
    picker.hidePopup()
    open_in(win, tsample.mail)
    opened: list[object] = []
    win.dialogs.show_customer_by_id = opened.append  # type: ignore[method-assign]
    qtbot.keyClick(win, Qt.Key.Key_M, CTRL | SHIFT)
    assert opened == [tsample.ayse]


def test_type_ahead_matches_turkish_words_in_any_form() -> None:
    assert matches("E-posta kurulum makalesi", "eposta")
    assert matches("E-posta kurulum makalesi", "POSTA kur")
    assert matches("Şifre sıfırlama", "sifre")
    assert matches("İade talebi", "iade")
    assert not matches("Tema/eklenti kapsam dışı", "posta")
