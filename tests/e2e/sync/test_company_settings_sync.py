"""A workstation takes the company settings from its server at each sync and works with them."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from tests.e2e.sync.serverproc import ServerProc, Workstation
from tests.unit.kvkk.builders import valid_callback
from websight_desk.domain.company import CompanySettings, PublishedSettings
from websight_desk.domain.errors import StorageProblem, ValidationError
from websight_desk.server.company import save_company_settings
from websight_desk.services import kvkk, people, tickets
from websight_desk.services.callbacks import log_callback
from websight_desk.services.desk import Desk, open_desk
from websight_desk.storage.company_settings import read_published
from websight_desk.storage.models import Callback, Contact, KvkkRequest
from websight_desk.sync.client import SyncClient
from websight_desk.sync.company import fetch_company_settings, refresh_company_settings
from websight_desk.sync.errors import ServerRefused, SyncProblem

SERVER_SETTINGS = CompanySettings(
    retention_days={"callback_notes": 400, "abuse_evidence": 800},
    notes_limit=200,
    request_days=10,
    central_store_location="Türkiye (İstanbul)",
)


def _set_on_server(server: ServerProc, settings: CompanySettings) -> PublishedSettings:
    store = server.store()
    try:
        with store.write() as conn:
            return save_company_settings(conn, settings, "admin")
    finally:
        store.close()


def _ticket(ws: Workstation) -> tuple[str, str]:
    with ws.desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("C-90", "individual", "Mehmet Kaya", None, "+905321234567")
        )
        ticket = tickets.open_ticket(w, tickets.OpenTicket(customer, "Site", "Açılmıyor"))
        contact = w.conn.execute(
            select(Contact.id).where(Contact.customer_id == customer)
        ).scalar_one()
    return ticket.ticket_id, contact


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    d = open_desk(tmp_path / "ws", with_triage=False)
    yield d
    d.close()


def test_without_a_sync_the_workstation_settings_apply(desk: Desk) -> None:
    assert kvkk.company_settings(desk) == CompanySettings()
    desk.settings.retention_days["callback_notes"] = 30
    desk.settings.extra["kvkk"] = {"notes_limit": 500}
    cfg = kvkk.company_settings(desk)
    assert cfg.retention("callback_notes") == timedelta(days=30)
    assert cfg.notes_limit == 500
    desk.settings.extra["kvkk"] = {"notes_limit": 5}
    with pytest.raises(StorageProblem, match=r"settings\.json are not valid: notes_limit"):
        kvkk.company_settings(desk)


def test_a_workstation_uses_the_servers_settings_after_a_sync(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    ws = make_ws("cem", "agent")
    ws.desk.settings.retention_days["callback_notes"] = 30  # its own file says otherwise
    published = _set_on_server(server, SERVER_SETTINGS)
    ticket, contact = _ticket(ws)
    ws.engine.run_once()
    with ws.desk.db.read() as conn:
        assert read_published(conn) == published
    cfg = kvkk.company_settings(ws.desk)
    assert cfg == SERVER_SETTINGS

    start = datetime.now(UTC) - timedelta(minutes=30)
    with ws.desk.writer() as w:
        callback_id = log_callback(w, valid_callback(ticket, contact, start, "geri aradım"), cfg)
        local = w.conn.execute(
            select(Callback.ended_at, Callback.destroy_after).where(Callback.id == callback_id)
        ).one()
    assert local.destroy_after - local.ended_at == timedelta(days=400)
    with pytest.raises(ValidationError, match="200"), ws.desk.writer() as w:
        log_callback(w, valid_callback(ticket, contact, start, "x" * 201), cfg)

    with ws.desk.writer() as w:
        kvkk.mark_request(w, ticket, cfg)
        deadline = w.conn.execute(select(KvkkRequest.deadline)).scalar_one()
        assert deadline == w.now + timedelta(days=10)

    assert ws.engine.run_once().rejected == 0
    store = server.store()
    try:
        with store.read() as conn:
            stored = conn.execute(
                select(Callback.destroy_after).where(Callback.id == callback_id)
            ).scalar_one()
    finally:
        store.close()
    assert stored == local.destroy_after  # the server stamped what the workstation wrote


def test_a_change_on_the_server_reaches_the_next_sync(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    ws = make_ws("leyla", "agent")
    assert kvkk.company_settings(ws.desk) == CompanySettings()  # the server's defaults
    with ws.desk.db.read() as conn:
        assert read_published(conn) == PublishedSettings(CompanySettings(), 0, None)
    assert not refresh_company_settings(ws.desk, ws.client)  # unchanged: nothing written

    _set_on_server(server, CompanySettings(notes_limit=300))
    engine = ws.engine
    engine.pull()
    assert kvkk.company_settings(ws.desk).notes_limit == 300
    _set_on_server(server, CompanySettings(notes_limit=400))
    engine.pull()  # the same engine asks again only after a minute
    assert kvkk.company_settings(ws.desk).notes_limit == 300
    ws.engine.run_once()
    assert kvkk.company_settings(ws.desk).notes_limit == 400
    with ws.desk.db.read() as conn:
        published = read_published(conn)
    assert published is not None
    assert published.version == 2


def _client(handler: Callable[[httpx.Request], httpx.Response]) -> SyncClient:
    client = SyncClient("http://server.test", "token", retries=0)
    client.close()  # its own transport is replaced by the stand-in
    client._http = httpx.Client(
        base_url="http://server.test", transport=httpx.MockTransport(handler)
    )
    return client


def _answer(status: int, body: Any) -> Callable[[httpx.Request], httpx.Response]:
    return lambda _request: httpx.Response(status, json=body)


def test_an_older_server_without_settings_keeps_what_the_workstation_has(desk: Desk) -> None:
    with _client(_answer(404, {"error": "not_found", "message": "Not Found"})) as client:
        assert fetch_company_settings(client) is None
        assert not refresh_company_settings(desk, client)
    with desk.db.read() as conn:
        assert read_published(conn) is None
    with (
        _client(_answer(403, {"error": "forbidden", "message": "no"})) as client,
        pytest.raises(ServerRefused),
    ):
        fetch_company_settings(client)


def test_bad_or_newer_published_settings(desk: Desk) -> None:
    bad = {"version": 1, "updated_at": None, "settings": {"notes_limit": 5}}
    with _client(_answer(200, bad)) as client, pytest.raises(SyncProblem, match="notes_limit"):
        refresh_company_settings(desk, client)
    with desk.db.read() as conn:
        assert read_published(conn) is None

    newer = {
        "version": 7,
        "updated_at": "2026-12-01T10:00:00+00:00",
        "settings": {"notes_limit": 600, "a_later_setting": True},
    }
    with _client(_answer(200, newer)) as client:
        assert refresh_company_settings(desk, client)
    published = PublishedSettings(
        CompanySettings(notes_limit=600), 7, datetime(2026, 12, 1, 10, tzinfo=UTC)
    )
    with desk.db.read() as conn:
        assert read_published(conn) == published
    assert kvkk.company_settings(desk).notes_limit == 600
