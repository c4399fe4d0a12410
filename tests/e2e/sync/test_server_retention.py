"""The server runs the destruction job itself; every workstation destroys the same records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from tests.e2e.sync.serverproc import ServerProc, Workstation
from tests.unit.kvkk.builders import valid_callback
from websight_desk.server import retention
from websight_desk.services import kvkk, people, tickets
from websight_desk.services.callbacks import log_callback
from websight_desk.storage.models import CallbackPersonal, Contact, KvkkPurgeRun


def test_the_servers_daily_run_reaches_every_workstation(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a, b = make_ws("ayse", "agent"), make_ws("bora", "agent")
    with a.desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("WS-3", "individual", "Ela Su", None, "+905321234567")
        )
        ticket = tickets.open_ticket(w, tickets.OpenTicket(customer, "DNS", "Yardım")).ticket_id
        contact = w.conn.execute(
            select(Contact.id).where(Contact.customer_id == customer)
        ).scalar_one()
        callback = log_callback(
            w,
            valid_callback(ticket, contact, datetime.now(UTC) - timedelta(hours=1), "DNS sordu"),
            kvkk.kvkk_settings(a.desk.settings),
        )
    a.engine.run_once()
    b.engine.run_once()
    store = server.store()
    try:
        # `serve` ran the job when it started (nothing expired yet; the run is recorded)
        assert retention.last_run(store) is not None
        assert not retention.due(store, datetime.now(UTC))
        assert retention.due(store, datetime.now(UTC) + timedelta(days=1))
        later = retention.run_purge(store, datetime.now(UTC) + timedelta(days=800))
        assert later.callback_ids == (callback,)
    finally:
        store.close()
    for ws in (a, b):
        ws.engine.run_once()
        with ws.desk.db.read() as conn:
            phone = conn.execute(
                select(CallbackPersonal.phone).where(CallbackPersonal.callback_id == callback)
            ).scalar_one()
            runs = conn.execute(select(KvkkPurgeRun.ran_by)).scalars().all()
        assert phone is None
        assert runs == [None, None]  # the server's own runs, seen by every admin
