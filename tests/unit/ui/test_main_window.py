"""The main window flows: pick, search, switch view, keyboard, language, remembered state."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QWidget

from tests.unit.ui.sample import Sample
from websight_desk.services.desk import Desk
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.queue.columns import INDEX
from websight_desk.ui.queue.panel import default_views
from websight_desk.ui.shortcuts import ShortcutOverview

# The offscreen platform warns that it cannot forward size hints; harmless for these tests.
pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.fixture
def window(ctx: UiContext, qtbot: Any) -> Iterator[MainWindow]:
    win = MainWindow(ctx, default_views("agent"))
    qtbot.addWidget(win)
    win.start()
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()


def shown_ids(win: MainWindow) -> set[str]:
    return {r.ticket_id for r in win.queue.model.rows}


def test_picking_a_ticket_shows_it_in_both_panes(
    window: MainWindow, sample: Sample, qtbot: Any, monkeypatch: Any
) -> None:
    decided: list[str] = []
    # Linked panes: the ticket pane decides once and feeds the panel; the panel never
    # decides the same ticket a second time.
    monkeypatch.setattr(window.policy_panel, "show_ticket", decided.append)
    with qtbot.waitSignal(window.ctx.events.ticketSelected) as blocker:
        assert window.queue.select_ticket(sample.theme)
    assert blocker.args == [sample.theme]
    assert window.open_ticket_id == sample.theme
    assert window.ticket_pane.ticket_id == sample.theme  # type: ignore[attr-defined]
    decision = window.policy_panel.decision  # type: ignore[attr-defined]
    assert decision is not None
    assert decision is window.ticket_pane.decision  # type: ignore[attr-defined]
    assert decided == []


def test_search_box_finds_turkish_without_turkish_letters(
    window: MainWindow, sample: Sample, qtbot: Any
) -> None:
    qtbot.keyClicks(window.queue.bar.search, "sifre")
    qtbot.waitUntil(lambda: shown_ids(window) == {sample.password}, timeout=2000)
    window.queue.bar.search.clear()
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 3, timeout=2000)


def test_switching_view_from_the_menu_is_remembered(
    window: MainWindow, sample: Sample, ui_desk: Desk, ctx: UiContext, qtbot: Any
) -> None:
    window.view_actions["out_of_scope"].trigger()
    assert shown_ids(window) == {sample.theme}
    assert window.queue.bar.view_key() == "out_of_scope"
    window.view_actions["closed"].trigger()
    assert shown_ids(window) == {sample.closed}
    window.close()
    assert ui_desk.settings.extra["ui"]["view"] == "closed"
    assert len(ui_desk.settings.extra["ui"]["splitter"]) == 3
    again = MainWindow(ctx, default_views("agent"))
    qtbot.addWidget(again)
    again.start()
    assert again.queue.view_key() == "closed"
    assert again.view_actions["closed"].isChecked()


def test_keyboard_path_from_search_to_ticket(
    window: MainWindow, sample: Sample, qtbot: Any
) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.queue.bar.search
    qtbot.keyClicks(window.queue.bar.search, "tema")
    qtbot.keyClick(window.queue.bar.search, Qt.Key.Key_Return)  # search at once
    assert shown_ids(window) == {sample.theme}
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.focusWidget() is window.queue.table
    assert window.open_ticket_id == sample.theme  # Ctrl+1 put the cursor on the first row
    window.queue.set_search("")
    window.queue.table.select_ticket(sample.theme)
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Down)
    assert window.open_ticket_id not in (None, sample.theme)  # the cursor moved on
    moved_to = window.open_ticket_id
    qtbot.keyClick(window.queue.table, Qt.Key.Key_Return)
    assert window.current_pane() == 1  # Enter opened it: the keyboard is in the ticket
    assert window.open_ticket_id == moved_to
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert window.current_pane() == 2
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
    assert window.current_pane() == 0


def test_f1_opens_the_shortcut_overview(window: MainWindow, qtbot: Any) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F1)
    overview = window.findChild(ShortcutOverview)
    assert overview is not None
    assert overview.isVisible()
    keys = [overview.table.item(r, 0).text() for r in range(overview.table.rowCount())]
    assert any("Ctrl+F" in k for k in keys)
    assert overview.windowTitle() == "Klavye kısayolları"
    overview.close()


def visible_texts(win: MainWindow) -> dict[str, str]:
    """Every label-like text a user sees on the window (menus, headers, labels, fields)."""
    texts = {
        f"menu:{m.objectName()}": m.title()
        for m in win.findChildren(QMenu)
        if m.objectName().startswith("menu_")
    }
    texts.update({f"action:{k}": a.text() for k, (a, msgid) in win.menus.actions.items() if msgid})
    model = win.queue.model
    for i in range(model.columnCount()):
        texts[f"header:{i}"] = model.headerData(i, Qt.Orientation.Horizontal)
    texts["search"] = win.queue.bar.search.placeholderText()
    texts["view"] = win.queue.bar.view_picker.currentText()
    texts["count"] = win.queue.bar.count_label.text()
    texts["verdict"] = model.index(0, INDEX["verdict"]).data()
    texts["title"] = win.windowTitle()
    for name in ("agent", "shift", "sync"):
        texts[f"status:{name}"] = getattr(win.status, name).text()
    return texts


def test_language_switch_retranslates_visible_labels(
    window: MainWindow, ui_desk: Desk, qtbot: Any
) -> None:
    tr = visible_texts(window)
    assert tr["menu:menu_file"] == "Dosya"
    with qtbot.waitSignal(window.ctx.events.languageChanged):
        window.language_actions["en"].trigger()
    en = visible_texts(window)
    assert en["menu:menu_file"] == "File"
    assert en[f"header:{INDEX['subject']}"] == "Subject"
    assert en["view"] == "All open"
    assert tr["view"] == "Tüm açık talepler"
    # Every visible text changed language (the product name is the same in both).
    same = {k for k in tr if tr[k] == en[k]}
    assert same == {"title"}, same
    assert ui_desk.settings.language == "en"
    assert window.language_actions["en"].isChecked()


def test_every_control_has_an_accessible_name(window: MainWindow) -> None:
    mine = [window.queue.bar.search, window.queue.bar.view_picker, window.queue.table]
    mine += window.status.findChildren(QLabel)
    missing = [w.objectName() or type(w).__name__ for w in mine if not w.accessibleName()]
    assert not missing
    for pane in window.panes():
        assert isinstance(pane, QWidget)
