# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.fixtures_ticket reappear as fixture parameters)
"""The real `MainWindow` on the triaged ticket sample (`tests/unit/ui/fixtures_ticket.py`).

Import into a test module: `from tests.unit.ui.window_fixtures import win, ...  # noqa: F401`.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.policy import PolicyPanel
from websight_desk.ui.queue.panel import default_views
from websight_desk.ui.ticket import TicketPane


def make_window(ctx: UiContext, qtbot: Any, role: str = "agent") -> MainWindow:
    win = MainWindow(ctx, default_views(role), remember=False)
    qtbot.addWidget(win)
    win.start()
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def win(tctx: UiContext, tsample: TicketSample, qtbot: Any) -> Iterator[MainWindow]:
    w = make_window(tctx, qtbot)
    yield w
    for top in QApplication.topLevelWidgets():  # dialogs the test left open
        if top is not w and top.isVisible():
            top.close()
    w.close()


def pane(w: MainWindow) -> TicketPane:
    assert isinstance(w.ticket_pane, TicketPane)
    return w.ticket_pane


def panel(w: MainWindow) -> PolicyPanel:
    assert isinstance(w.policy_panel, PolicyPanel)
    return w.policy_panel


def open_in(w: MainWindow, ticket_id: str) -> None:
    """Open a ticket the way the agent does (all tickets view, cursor on its row)."""
    w.queue.set_view("all")
    w.open_ticket(ticket_id)
    assert w.open_ticket_id == ticket_id
    assert pane(w).detail is not None


def top_level(kind: type[QWidget]) -> list[QWidget]:
    return [t for t in QApplication.topLevelWidgets() if isinstance(t, kind) and t.isVisible()]
