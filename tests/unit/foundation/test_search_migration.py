"""Migration 0007: a workstation's old search index (a document per message) is rebuilt as one
document per ticket; a server's never-filled table stays empty."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import create_engine

from websight_desk.services import people, tickets
from websight_desk.services.desk import open_desk
from websight_desk.storage import fts, migrate
from websight_desk.storage.queries import search

OLD_ROW = "INSERT INTO search_index(ticket_id, doc_id, body) VALUES ('x', 'x', 'eski')"


def test_old_index_is_rebuilt_per_ticket(tmp_path: Path) -> None:
    desk = open_desk(tmp_path / "ws", with_triage=False)
    with desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS1", "individual", "Ali Veli"))
        opened = tickets.open_ticket(w, tickets.OpenTicket(customer, "Şifre", "Sunucu yavaş"))
    desk.close()
    engine = create_engine(f"sqlite:///{tmp_path / 'ws' / 'desk.sqlite3'}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0006_company_settings")
        conn.exec_driver_sql(OLD_ROW)  # the old layout, in use
        command.upgrade(migrate.alembic_config(conn), "head")
        docs = conn.exec_driver_sql(f"SELECT rowid, ticket_id FROM {fts.TABLE}").all()
        found = search.find(conn, "sifre sunucu")
        assert search.ticket_ids(conn, found, found.keys) == [opened.ticket_id]
    engine.dispose()
    assert docs == [(opened.number * fts.SLOTS, opened.ticket_id)]


def test_an_unused_index_is_not_filled(tmp_path: Path) -> None:
    desk = open_desk(tmp_path / "ws", with_triage=False)
    with desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS1", "individual", "Ali Veli"))
        tickets.open_ticket(w, tickets.OpenTicket(customer, "Şifre", "Sunucu yavaş"))
    desk.close()
    engine = create_engine(f"sqlite:///{tmp_path / 'ws' / 'desk.sqlite3'}")
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0006_company_settings")
        command.upgrade(migrate.alembic_config(conn), "head")  # like a server's file
        assert conn.exec_driver_sql(f"SELECT count(*) FROM {fts.TABLE}").scalar_one() == 0
    engine.dispose()
