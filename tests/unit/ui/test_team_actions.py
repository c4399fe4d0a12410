# ruff: noqa: F811
"""Assign a ticket to a colleague (picker of agents and shift leads, Ctrl+Shift+A) and
"Send and set pending / solved" (issue 18)."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk.domain.enums import MessageKind, Role
from websight_desk.i18n import _
from websight_desk.services import people
from websight_desk.storage.models import Message, Ticket
from websight_desk.storage.queries.colleagues import assignable_agents
from websight_desk.ui.context import UiContext
from websight_desk.ui.ticket import TicketPane

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def _colleagues(ctx: UiContext) -> dict[str, str]:
    with ctx.desk.writer() as w:
        ids = {
            "zeynep": people.add_agent(w, people.NewAgent("zeynep", "Zeynep Öztürk", Role.AGENT)),
            "cem": people.add_agent(w, people.NewAgent("cem", "Cem Işık", Role.SHIFT_LEAD)),
            "selin": people.add_agent(w, people.NewAgent("selin", "Selin Aydın", Role.ADMIN)),
            "form": people.add_agent(w, people.NewAgent("form", "Web formu", Role.INTAKE)),
        }
    return ids


def _pane(qtbot: Any, ctx: UiContext, ticket_id: str) -> TicketPane:
    pane = TicketPane(ctx)
    qtbot.addWidget(pane)
    pane.resize(700, 600)
    pane.show_ticket(ticket_id)
    return pane


def _ticket(ctx: UiContext, ticket_id: str) -> Any:
    with ctx.desk.db.read() as conn:
        return conn.execute(
            select(Ticket.status, Ticket.assignee_id).where(Ticket.id == ticket_id)
        ).one()


def test_colleagues_are_agents_and_shift_leads_by_name(
    tctx: UiContext, tsample: TicketSample
) -> None:
    _colleagues(tctx)
    with tctx.desk.db.read() as conn:
        names = [a.display_name for a in assignable_agents(conn)]
    assert names == ["Cem Işık", "Mehmet Yılmaz", "Zeynep Öztürk"]  # no admin, no intake


def test_assign_to_a_colleague_by_typing(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    ids = _colleagues(tctx)
    pane = _pane(qtbot, tctx, tsample.theme)
    pane.shortcuts["Ctrl+Shift+A"].activated.emit()
    picker = pane.reply.assignee_picker
    assert picker is not None
    assert picker.isVisible()
    assert len(picker.keys()) == 3
    qtbot.keyClicks(picker.filter, "ozt")  # "Öztürk" without Turkish letters
    assert picker.keys() == [ids["zeynep"]]
    qtbot.keyClick(picker.filter, Qt.Key.Key_Return)
    assert _ticket(tctx, tsample.theme).assignee_id == ids["zeynep"]
    assert pane.detail is not None
    assert pane.detail.assignee_id == ids["zeynep"]
    pane.reply.pick_assignee()  # the current assignee is starred
    again = pane.reply.assignee_picker
    assert again is not None
    starred = [again.list.item(i).text() for i in range(again.list.count())]
    assert [t for t in starred if t.startswith("★")] == [f"★ Zeynep Öztürk · {_('agent')}"]
    again.close()


@pytest.mark.parametrize(
    ("keys", "status"), [("Ctrl+Shift+Return", "pending"), ("Ctrl+Shift+D", "resolved")]
)
def test_send_and_set_a_status(
    qtbot: Any, tctx: UiContext, tsample: TicketSample, keys: str, status: str
) -> None:
    pane = _pane(qtbot, tctx, tsample.theme)
    pane.composer.editor.setPlainText("Merhaba, tema kurulumu destek kapsamı dışındadır.")
    with qtbot.waitSignal(pane.ticketChanged):
        pane.shortcuts[keys].activated.emit()
    assert _ticket(tctx, tsample.theme).status == status
    with tctx.desk.db.read() as conn:
        kinds = conn.execute(
            select(Message.kind).where(Message.ticket_id == tsample.theme)
        ).scalars()
        assert MessageKind.OUTBOUND.value in list(kinds)
    assert pane.composer.text() == ""


def test_send_and_set_from_the_menu_and_not_when_blocked(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    pane = _pane(qtbot, tctx, tsample.mail)
    pane.insert_canned("email_setup_article")  # placeholders left: nothing is sent or set
    pane.composer.send_then[next(iter(pane.composer.send_then))].trigger()
    assert _ticket(tctx, tsample.mail).status == "new"
    pane.composer.clear()
    pane.composer.editor.setPlainText("Ayarlar ektedir.")
    menu = pane.composer.send_more.menu()
    solved = next(a for a in menu.actions() if a.objectName() == "sendAndSet_resolved")
    assert "Ctrl+Shift+D" in solved.text()
    with qtbot.waitSignal(pane.ticketChanged):
        solved.trigger()
    assert _ticket(tctx, tsample.mail).status == "resolved"
    pane.composer.editor.setPlainText("Ek bilgi.")  # a plain send afterwards sets nothing
    with qtbot.waitSignal(pane.ticketChanged):
        pane.composer.send.click()
    assert _ticket(tctx, tsample.mail).status == "resolved"
