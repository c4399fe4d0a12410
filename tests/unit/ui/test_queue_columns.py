# ruff: noqa: F811
"""The queue's default columns fit a 1280 px window; a column chooser; widths, order and the
shown columns remembered across starts (issue 18)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtWidgets import QMenu

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.queue.column_chooser import header_state
from websight_desk.ui.queue.columns import COLUMNS, INDEX
from websight_desk.ui.queue.panel import default_views

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")
DEFAULT = ["number", "flags", "subject", "customer", "verdict", "status", "assignee", "updated"]


def _window(ctx: UiContext, qtbot: Any, *, remember: bool = True) -> MainWindow:
    win = MainWindow(ctx, default_views("agent"), remember=remember)
    qtbot.addWidget(win)
    win.start()
    return win


def _shown(win: MainWindow) -> list[str]:
    header = win.queue.table.horizontalHeader()
    keys = sorted(COLUMNS, key=lambda c: header.visualIndex(INDEX[c.key]))
    return [c.key for c in keys if not header.isSectionHidden(INDEX[c.key])]


def test_default_columns_fit_the_queue_of_a_1280_window(
    tctx: UiContext, tsample: TicketSample, qtbot: Any
) -> None:
    win = _window(tctx, qtbot, remember=False)
    assert _shown(win) == DEFAULT
    header = win.queue.table.horizontalHeader()
    total = sum(header.sectionSize(INDEX[k]) for k in DEFAULT)
    assert total <= 1280 * 44 // 100 - 30  # the queue's share, less scroll bar and margins
    assert win.queue.model.index(0, INDEX["updated"]).data()  # "1 hour ago"


def test_the_chooser_hides_and_shows_columns_and_resets(
    tctx: UiContext, tsample: TicketSample, qtbot: Any
) -> None:
    win = _window(tctx, qtbot, remember=False)
    chooser = win.queue.table.columns
    menu = win.findChild(QMenu, "menu_queue_columns")
    assert menu is not None
    assert [a.objectName() for a in menu.actions() if a.objectName()][: len(COLUMNS)] == [
        f"column_{c.key}" for c in COLUMNS
    ]
    assert chooser.actions["status"].isChecked()
    assert not chooser.actions["priority"].isChecked()
    assert not chooser.actions["subject"].isEnabled()  # the subject always stays
    with qtbot.waitSignal(chooser.changed):
        chooser.actions["priority"].trigger()
        chooser.actions["status"].trigger()
    assert "priority" in _shown(win)
    assert "status" not in _shown(win)
    chooser.reset.trigger()
    assert _shown(win) == DEFAULT


def test_widths_order_and_columns_are_remembered(
    tctx: UiContext, tsample: TicketSample, qtbot: Any
) -> None:
    win = _window(tctx, qtbot)
    header = win.queue.table.horizontalHeader()
    chooser = win.queue.table.columns
    with qtbot.waitSignal(chooser.changed):
        header.resizeSection(INDEX["subject"], 222)
        header.moveSection(header.visualIndex(INDEX["status"]), 1)
        chooser.actions["service"].trigger()
    saved = tctx.desk.settings.extra["ui"]["queue_columns"]
    assert saved == header_state(header)
    assert saved["widths"]["subject"] == 222
    again = _window(tctx, qtbot)
    assert _shown(again)[:2] == ["number", "status"]
    assert "service" in _shown(again)
    assert again.queue.table.horizontalHeader().sectionSize(INDEX["subject"]) == 222


def test_a_damaged_or_old_state_falls_back_to_the_defaults(
    tctx: UiContext, tsample: TicketSample, qtbot: Any
) -> None:
    tctx.desk.settings.extra["ui"] = {
        "queue_columns": {"order": ["gone", "subject"], "hidden": "status", "widths": 7}
    }
    win = _window(tctx, qtbot)
    shown = _shown(win)
    assert shown[0] == "subject"  # what is still valid is kept
    assert set(shown) == set(DEFAULT)


def test_the_subject_takes_the_room_of_a_wide_window(
    tctx: UiContext, tsample: TicketSample, qtbot: Any
) -> None:
    win = _window(tctx, qtbot, remember=False)
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    table = win.queue.table
    header = table.horizontalHeader()
    used = sum(header.sectionSize(INDEX[k]) for k in DEFAULT)
    assert header.sectionSize(INDEX["subject"]) > COLUMNS[INDEX["subject"]].width
    assert abs(used - table.viewport().width()) <= 2  # no empty band on the right
    assert table.column_state()["widths"]["subject"] == COLUMNS[INDEX["subject"]].width
    win.close()
