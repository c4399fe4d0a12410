# ruff: noqa: F811
"""At 1280×720 the queue's default columns all fit, the last one included (issue 18): the
subject gives up room when the pane is narrower than the columns, never below a floor."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk import i18n
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.queue.columns import INDEX
from websight_desk.ui.queue.panel import default_views
from websight_desk.ui.queue.view import SUBJECT_FLOOR

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_default_column_is_in_sight_at_1280(
    qtbot: Any, tctx: UiContext, tsample: TicketSample, lang: str
) -> None:
    i18n.set_language(lang)
    win = MainWindow(tctx, default_views("agent"), remember=False)
    qtbot.addWidget(win)
    win.start()
    win.resize(1280, 720)
    win.show()
    qtbot.waitExposed(win)
    win.queue.select_ticket(tsample.mail)  # a ticket open: the ticket pane at its width
    table = win.queue.table
    header = table.horizontalHeader()
    shown = [i for i in range(header.count()) if not header.isSectionHidden(i)]
    assert sum(header.sectionSize(i) for i in shown) <= table.viewport().width()
    assert table.horizontalScrollBar().maximum() == 0  # nothing to scroll to
    assert header.sectionSize(INDEX["subject"]) >= SUBJECT_FLOOR
    last = max(shown, key=header.visualIndex)
    assert header.sectionViewportPosition(last) + header.sectionSize(last) <= (
        table.viewport().width()
    )


def test_a_wide_window_gives_the_subject_the_room(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    win = MainWindow(tctx, default_views("agent"), remember=False)
    qtbot.addWidget(win)
    win.start()
    win.resize(1920, 1080)
    win.show()
    qtbot.waitExposed(win)
    table = win.queue.table
    header = table.horizontalHeader()
    # the subject's own width is what is remembered, not the room it was given
    assert header.sectionSize(INDEX["subject"]) >= table.column_state()["widths"]["subject"]
    assert table.horizontalScrollBar().maximum() == 0
