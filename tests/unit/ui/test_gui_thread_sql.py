"""No database access on the GUI thread (issue #12): every read and write goes through the runner.

The window runs with a real background runner; a listener on the workspace's engine records
every statement executed on the GUI thread while an agent's steps are played: start, the views,
ticket switches, a search, the language switch, the callbacks window and a KVKK request.
"""

from __future__ import annotations

import threading
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event

from tests.unit.ui.sample import NOW, Sample
from websight_desk.services.desk import Desk
from websight_desk.ui.callbacks import actions
from websight_desk.ui.callbacks.list_widget import open_callbacks_window
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.queue.panel import default_views
from websight_desk.ui.runner import Runner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


class GuiThreadSql:
    """Statements run on the GUI thread, each with the UI frames that ran it."""

    def __init__(self) -> None:
        self.seen: list[str] = []
        self.armed = True

    def __call__(self, *args: Any) -> None:
        statement = str(args[2])
        if self.armed and threading.current_thread() is threading.main_thread():
            frames = [f for f in traceback.extract_stack() if "websight_desk" in f.filename]
            where = " <- ".join(f"{Path(f.filename).name}:{f.lineno}" for f in frames[-3:])
            self.seen.append(f"{statement.split(maxsplit=1)[0]} at {where}")


@pytest.fixture
def gui_sql(ui_desk: Desk) -> Iterator[GuiThreadSql]:
    spy = GuiThreadSql()
    event.listen(ui_desk.db.engine, "before_cursor_execute", spy)
    yield spy
    event.remove(ui_desk.db.engine, "before_cursor_execute", spy)


def settle(ctx: UiContext, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: ctx.runner.pending() == 0, timeout=10_000)


@pytest.mark.usefixtures("qapp")
def test_an_agents_steps_run_no_sql_on_the_gui_thread(
    ui_desk: Desk, sample: Sample, qtbot: Any, gui_sql: GuiThreadSql, monkeypatch: Any
) -> None:
    gui_sql.armed = False
    ticket_ids = list(sample.ids_by_number.values())[:6]
    gui_sql.armed = True
    ctx = UiContext(ui_desk, runner=Runner(), now=lambda: NOW)
    win = MainWindow(ctx, default_views("agent"), remember=False)
    qtbot.addWidget(win)
    win.start()
    win.show()
    settle(ctx, qtbot)
    for view in ("all", "mine", "all"):
        win.queue.set_view(view)
        settle(ctx, qtbot)
    for ticket_id in ticket_ids:
        win.open_ticket(ticket_id)
        settle(ctx, qtbot)
    assert win.open_ticket_id == ticket_ids[-1]  # the steps really ran
    win.queue.set_search("sifre")
    qtbot.wait(400)  # the search box waits for typing to pause
    settle(ctx, qtbot)
    win.set_language("en")
    win.set_language("tr")
    settle(ctx, qtbot)
    callbacks = open_callbacks_window(ctx, win)
    settle(ctx, qtbot)
    assert callbacks.agent.count() >= 1  # the agent filter was filled from the background
    callbacks.close()
    asked: list[str] = []

    def no(*args: Any) -> QMessageBox.StandardButton:
        asked.append(str(args[2]))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", no)
    actions.mark_kvkk_request(ctx, ticket_ids[0], win)
    settle(ctx, qtbot)
    assert asked
    assert "KVKK" in asked[0]
    win.close()
    ctx.runner.shutdown()
    assert gui_sql.seen == []


@pytest.mark.usefixtures("qapp")
def test_scrolling_the_queue_reads_the_next_page_in_the_background(
    ui_desk: Desk, qtbot: Any, gui_sql: GuiThreadSql
) -> None:
    from tests.unit.ui.sample import build

    gui_sql.armed = False
    build(ui_desk, extra=260)  # more than one page of the queue
    gui_sql.armed = True
    ctx = UiContext(ui_desk, runner=Runner(), now=lambda: NOW)
    win = MainWindow(ctx, default_views("agent"), remember=False)
    qtbot.addWidget(win)
    win.start()
    win.queue.set_view("all")
    settle(ctx, qtbot)
    model = win.queue.model
    first = len(model.rows)
    assert model.canFetchMore()
    model.fetchMore()
    settle(ctx, qtbot)
    assert len(model.rows) > first  # the page arrived
    win.close()
    ctx.runner.shutdown()
    assert gui_sql.seen == []
