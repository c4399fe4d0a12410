# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.fixtures_ticket reappear as test parameters)
"""Customer view: masked contacts, audited reveal, services with context, tickets."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk.storage.models import AuditEvent, SyncOutbox
from websight_desk.storage.queries.customers import find_customers
from websight_desk.ui.context import UiContext
from websight_desk.ui.customer import CustomerView


def _view(qtbot: Any, ctx: UiContext, customer_id: str) -> CustomerView:
    view = CustomerView(ctx, ticket_id=None)
    qtbot.addWidget(view)
    view.show_customer(customer_id)
    return view


def _contact_row(view: CustomerView) -> list[str]:
    item = view.contacts.topLevelItem(0)
    assert item is not None
    return [item.text(i) for i in range(4)]


def _reveals(ctx: UiContext) -> list[Any]:
    with ctx.desk.db.read() as conn:
        return list(conn.execute(select(AuditEvent).where(AuditEvent.kind == "contact.reveal")))


def test_contact_numbers_are_masked_until_revealed_with_a_reason(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    view = _view(qtbot, tctx, tsample.ayse)
    # the name in full (agents work with names); e-mail and number masked
    assert _contact_row(view)[1:] == ["Ayşe Kaya", "ay•••@o•••.com.tr", "+90 5•• ••• •• 67"]
    view.reveal_selected()  # no reason: nothing revealed, nothing audited
    assert _reveals(tctx) == []
    assert _contact_row(view)[3] == "+90 5•• ••• •• 67"
    view.reason.setText("Müşteri telefonda, kimlik doğrulaması")
    view.reveal.click()
    assert _contact_row(view)[1:] == ["Ayşe Kaya", "ayse.kaya@ornek.com.tr", "+905321234567"]
    (event,) = _reveals(tctx)
    assert event.subject_id == tsample.contact_ayse
    assert event.reason == "Müşteri telefonda, kimlik doğrulaması"
    assert event.actor_agent_id == tsample.agent_id
    with tctx.desk.db.read() as conn:
        queued = conn.execute(
            select(SyncOutbox.payload).where(SyncOutbox.kind == "audit.create")
        ).scalars()
        assert any(json.loads(p)["kind"] == "contact.reveal" for p in queued)


def test_services_show_kind_delivery_and_reseller(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    view = _view(qtbot, tctx, tsample.end_customer)
    item = view.services.topLevelItem(0)
    assert item is not None
    assert item.text(0) == "isilince.com"
    assert item.text(4) == "Bulut Bayi Ltd"
    sahin_view = _view(qtbot, tctx, tsample.sahin)
    vps = sahin_view.services.topLevelItem(0)
    assert vps is not None
    assert vps.text(2) == "hayır" or vps.text(2) == "no"  # a server not delivered yet


def test_double_click_on_a_ticket_opens_it(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    view = _view(qtbot, tctx, tsample.ayse)
    assert view.tickets.topLevelItemCount() == 3
    ids = {view.tickets.topLevelItem(i).data(0, 256) for i in range(3)}  # type: ignore[union-attr]
    assert ids == {tsample.theme, tsample.mail, tsample.abusive}
    item = view.tickets.topLevelItem(0)
    with qtbot.waitSignal(view.ticketActivated) as opened:
        view.tickets.itemDoubleClicked.emit(item, 0)
    assert opened.args[0] in ids


def test_find_customers_is_turkish_aware(tctx: UiContext, tsample: TicketSample) -> None:
    with tctx.desk.db.read() as conn:
        for query in ("ŞAHİN", "sahin", "Şahin", "ömer"):
            assert [c.code for c in find_customers(conn, query)] == ["C-1002"], query
        assert [c.code for c in find_customers(conn, "ISIL")] == ["C-3001"]
        assert [c.code for c in find_customers(conn, "c-100")] == ["C-1001", "C-1002"]
        assert find_customers(conn, "%") == ()
        assert find_customers(conn, "  ") == ()
