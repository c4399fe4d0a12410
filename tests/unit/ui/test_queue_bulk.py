"""Bulk actions in the queue (issue 18): several tickets selected with the keyboard or the
mouse, assigned (to me, to a colleague) or given a status with one service call each; the
status bar says what was done; a big selection is confirmed first."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import event, select

from tests.unit.ui.sample import NOW, Sample
from tests.unit.ui.test_gui_thread_sql import GuiThreadSql, settle
from websight_desk import i18n
from websight_desk.domain.enums import Role, TicketField, TicketStatus
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk
from websight_desk.storage.models import Ticket
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.queue import bulk_actions
from websight_desk.ui.queue.panel import QueuePanel, default_views
from websight_desk.ui.runner import Runner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def _panel(qtbot: Any, ctx: UiContext, view: str = "all_open") -> tuple[QueuePanel, list[str]]:
    panel = QueuePanel(ctx, default_views("agent"))
    qtbot.addWidget(panel)
    panel.resize(600, 400)
    panel.show()
    panel.start(view)
    messages: list[str] = []
    ctx.events.statusMessage.connect(messages.append)
    return panel, messages


def _fields(ctx: UiContext) -> dict[str, tuple[str, str | None]]:
    with ctx.desk.db.read() as conn:
        rows = conn.execute(select(Ticket.id, Ticket.status, Ticket.assignee_id))
        return {r.id: (r.status, r.assignee_id) for r in rows}


def _ayse(ctx: UiContext) -> str:
    with ctx.desk.writer() as w:
        return people.add_agent(w, people.NewAgent("ayse", "Ayşe Demir", Role.AGENT))


def test_shift_arrows_and_ctrl_a_select_and_show_the_bulk_bar(
    qtbot: Any, ctx: UiContext, sample: Sample
) -> None:
    panel, _messages = _panel(qtbot, ctx)
    table = panel.table
    table.setFocus()
    table.select_row(0)
    assert panel.bulk_bar.isHidden()
    qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    assert len(table.selected_ticket_ids()) == 2
    assert panel.bulk_bar.isVisible()
    assert panel.bulk_bar.label.text() == "2 talep seçili"
    qtbot.keyClick(table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    assert len(table.selected_ticket_ids()) == panel.model.rowCount() == 3  # the open ones
    qtbot.keyClick(table, Qt.Key.Key_Escape)  # only the current ticket stays
    assert len(table.selected_ticket_ids()) == 1
    assert panel.bulk_bar.isHidden()


def test_ctrl_click_selection_assigned_to_me_with_ctrl_m(
    qtbot: Any, ctx: UiContext, sample: Sample
) -> None:
    panel, messages = _panel(qtbot, ctx)
    table = panel.table
    i18n.set_language("en")
    panel.retranslate()
    table.select_ticket(sample.theme)
    rect = table.visualRect(panel.model.index(panel.model.row_of(sample.abusive) or 0, 2))
    qtbot.mouseClick(
        table.viewport(),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.ControlModifier,
        rect.center(),
    )
    assert set(table.selected_ticket_ids()) == {sample.theme, sample.abusive}
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    fields = _fields(ctx)
    assert fields[sample.theme][1] == fields[sample.abusive][1] == sample.agent_id
    assert messages[-1] == "2 tickets assigned to Mehmet Yılmaz"
    # the queue reloaded and kept the selection
    assert set(table.selected_ticket_ids()) == {sample.theme, sample.abusive}


def test_bulk_assign_to_a_colleague_through_the_picker(
    qtbot: Any, ctx: UiContext, sample: Sample
) -> None:
    ayse = _ayse(ctx)
    panel, messages = _panel(qtbot, ctx)
    panel.table.selectAll()
    panel.bulk_bar.assign_other.click()
    picker = panel.bulk.picker
    assert picker is not None
    assert picker.isVisible()
    qtbot.keyClicks(picker.filter, "ayse")  # without Turkish letters
    assert picker.keys() == [ayse]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    fields = _fields(ctx)
    assert [t for t, (_s, a) in fields.items() if a == ayse]
    assert all(fields[t][1] == ayse for t in (sample.password, sample.theme, sample.abusive))
    # the password ticket was the agent's own: it is reassigned; closed is not in the view
    assert fields[sample.closed][1] is None
    assert messages[-1] == "3 talep Ayşe Demir kişisine atandı"


def test_bulk_status_resolves_and_refuses_ended_tickets(
    qtbot: Any, ctx: UiContext, sample: Sample
) -> None:
    with ctx.desk.writer() as w:
        tickets.change_field(
            w,
            tickets.ChangeField(sample.abusive, TicketField.STATUS, TicketStatus.TERMINATED.value),
        )
    panel, messages = _panel(qtbot, ctx, "all")  # the ended ticket is not open
    i18n.set_language("en")
    panel.table.select_tickets([sample.password, sample.theme, sample.abusive])
    assert len(panel.table.selected_ticket_ids()) == 3
    resolve = next(
        a for a in panel.bulk_bar.status_menu.actions() if a.objectName() == "bulkStatus_resolved"
    )
    assert "bulkStatus_terminated" not in [
        a.objectName() for a in panel.bulk_bar.status_menu.actions()
    ]
    resolve.trigger()
    fields = _fields(ctx)
    assert fields[sample.password][0] == fields[sample.theme][0] == "resolved"
    assert fields[sample.abusive][0] == "terminated"
    number = next(n for n, t in sample.ids_by_number.items() if t == sample.abusive)
    assert messages[-1] == (
        "2 tickets set to “Resolved”; "
        f"#{number} not changed: ended for abuse (the shift lead's review decides)"
    )


def test_a_big_selection_is_confirmed_first(
    qtbot: Any, ctx: UiContext, sample: Sample, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bulk_actions, "CONFIRM_OVER", 2)
    panel, messages = _panel(qtbot, ctx)
    panel.table.selectAll()
    before = _fields(ctx)
    panel.bulk.set_status(TicketStatus.CLOSED)
    box = panel.bulk.confirm_box
    assert box is not None
    assert box.isVisible()
    assert box.text() == "3 talep “Kapalı” yapılsın mı?"
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert _fields(ctx) == before
    assert not messages
    panel.bulk.set_status(TicketStatus.CLOSED)
    box = panel.bulk.confirm_box
    assert box is not None
    box.button(QMessageBox.StandardButton.Yes).click()
    assert all(status == "closed" for status, _a in _fields(ctx).values())
    assert len(messages) == 1


@pytest.mark.usefixtures("qapp")
def test_bulk_actions_run_no_sql_on_the_gui_thread(
    ui_desk: Desk, sample: Sample, qtbot: Any
) -> None:
    spy = GuiThreadSql()
    event.listen(ui_desk.db.engine, "before_cursor_execute", spy)
    try:
        ctx = UiContext(ui_desk, runner=Runner(), now=lambda: NOW)
        win = MainWindow(ctx, default_views("agent"), remember=False)
        qtbot.addWidget(win)
        win.start()
        win.show()
        settle(ctx, qtbot)
        win.queue.table.selectAll()
        win.queue.bulk.set_status(TicketStatus.PENDING)
        settle(ctx, qtbot)
        win.queue.bulk.assign_to_me()
        settle(ctx, qtbot)
        win.queue.bulk.pick_assignee()
        settle(ctx, qtbot)
        picker = win.queue.bulk.picker
        assert picker is not None
        picker.close()
        win.close()
    finally:
        event.remove(ui_desk.db.engine, "before_cursor_execute", spy)
    fields = _fields(ctx)
    assert all(fields[t] == ("pending", sample.agent_id) for t in (sample.theme, sample.abusive))
    assert spy.seen == []
