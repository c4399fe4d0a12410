# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.fixtures_ticket reappear as test parameters)
"""New ticket for a customer who phoned: find, pick, write; it is created and triaged."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk.storage.models import SyncOutbox, Ticket, TicketTriage
from websight_desk.ui.context import UiContext
from websight_desk.ui.dialogs.new_ticket import NewTicketDialog


def _dialog(qtbot: Any, ctx: UiContext) -> NewTicketDialog:
    dlg = NewTicketDialog(ctx)
    qtbot.addWidget(dlg)
    return dlg


def test_creates_a_triaged_ticket(qtbot: Any, tctx: UiContext, tsample: TicketSample) -> None:
    dlg = _dialog(qtbot, tctx)
    dlg.search.setText("ŞAHİN")
    dlg.run_search()
    assert dlg.results.count() == 1
    assert dlg.customer is not None
    assert dlg.customer.code == "C-1002"
    assert dlg.service.currentText().startswith("vps1.sahin.com.tr")
    dlg.channel.setCurrentIndex(dlg.channel.findData("phone"))
    dlg.subject.setText("Telefonla arandı: sunucuya erişilemiyor")
    dlg.body.setPlainText("Sunucuma SSH ile bağlanamıyorum, ping de atmıyor.")
    with qtbot.waitSignal(dlg.ticketCreated) as created:
        dlg.create_button.click()
    ticket_id = created.args[0]
    with tctx.desk.db.read() as conn:
        ticket = conn.execute(select(Ticket).where(Ticket.id == ticket_id)).one()
        triage = conn.execute(select(TicketTriage).where(TicketTriage.ticket_id == ticket_id)).one()
        ops = [
            json.loads(p)
            for p in conn.execute(
                select(SyncOutbox.payload).where(SyncOutbox.kind == "ticket.create")
            ).scalars()
        ]
    assert (ticket.customer_id, ticket.channel) == (tsample.sahin, "phone")
    assert ticket.created_by == tsample.agent_id
    assert triage.verdict in {"in_scope", "out_of_scope", "redirect"}
    assert any(op["id"] == ticket_id for op in ops)
    assert dlg.result() == NewTicketDialog.DialogCode.Accepted


def test_incomplete_form_creates_nothing(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    dlg = _dialog(qtbot, tctx)
    dlg.subject.setText("Konu")
    dlg.body.setPlainText("Mesaj")
    assert dlg.command() is None
    assert dlg.problem.text()
    dlg.search.setText("c-1001")
    dlg.run_search()
    dlg.subject.clear()
    assert dlg.command() is None
    dlg.subject.setText("Konu")
    cmd = dlg.command()
    assert cmd is not None
    assert cmd.customer_id == tsample.ayse


def test_reseller_service_preselects_the_requester_kind(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    dlg = _dialog(qtbot, tctx)
    dlg.search.setText("isil")
    dlg.run_search()
    assert dlg.requester.currentData() == "reseller_end_customer"
