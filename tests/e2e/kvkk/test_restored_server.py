"""A server restored from a backup older than an erasure applies the erasure again by itself.

The erasure ledger (`erasures.jsonl` in the data directory) is not part of the database, so
the restore does not roll it back. At start the server re-applies the erasure of a customer the
backup holds; a customer the backup does not hold yet is erased in the push that brings them
back — here a copy of a workstation, restored from its own backup, that still has the
customer's creation, contact and messages in its outbox (and a note about the other person).
"""

from __future__ import annotations

from pathlib import Path

from tests.e2e.kvkk.servers import LedgeredServer, restore_backup, server_text, take_backup
from tests.e2e.sync.serverproc import Workstation, workstation
from websight_desk.domain.enums import MessageKind
from websight_desk.services import people, tickets
from websight_desk.services.desk import open_desk
from websight_desk.services.kvkk_erase import EraseCustomer, erase_customer
from websight_desk.storage import backups
from websight_desk.sync.engine import SyncEngine

OLD = ("Nermin Akyüzlü", "nermin.akyuzlu@example.com.tr", "+905339876543")
NEW = ("Tayfun Gökçeören", "tayfun.gokceoren@example.com.tr", "+905441239876")


def _person(ws: Workstation, code: str, who: tuple[str, str, str]) -> tuple[str, str]:
    name, email, phone = who
    with ws.desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer(code, "individual", name, email, phone)
        )
        ticket = tickets.open_ticket(
            w, tickets.OpenTicket(customer, f"{name} {phone}", f"Ben {name}, {email}")
        ).ticket_id
        tickets.post_message(w, tickets.PostMessage(ticket, MessageKind.NOTE, f"{name} aradı"))
    return customer, ticket


def _leaks(text: str) -> list[str]:
    return [s for who in (OLD, NEW) for s in who if s in text]


def test_a_restored_server_erases_again_and_refuses_the_resurrection(
    ledgered_server: LedgeredServer, tmp_path: Path
) -> None:
    server = ledgered_server
    agent = workstation(server, tmp_path / "agent", "ayse", "agent")
    admin = workstation(server, tmp_path / "admin", "dpo", "admin")
    old, old_ticket = _person(agent, "WS-1", OLD)
    agent.engine.run_once()
    backup = take_backup(server, tmp_path / "server-backup.sqlite3")  # holds OLD, not NEW

    new, _new_ticket = _person(agent, "WS-2", NEW)  # offline; then a copy of the workstation
    with agent.desk.writer() as w:
        tickets.post_message(
            w, tickets.PostMessage(old_ticket, MessageKind.NOTE, f"{OLD[0]} {OLD[2]} tekrar")
        )
    agent.desk.db.checkpoint()
    copy_root = tmp_path / "agent-copy"
    copy_root.mkdir()
    copy = backups.backup(agent.desk.paths.database, tmp_path / "copies", "copy")
    copy.rename(copy_root / agent.desk.paths.database.name)
    agent.engine.run_once()
    admin.engine.run_once()
    with admin.desk.writer() as w:
        erase_customer(w, EraseCustomer(old, "KVKK m.11 silme talebi"))
        erase_customer(w, EraseCustomer(new, "KVKK m.11 silme talebi"))
    assert admin.engine.run_once().rejected == 0
    agent.engine.run_once()
    assert _leaks(server_text(server)) == []

    restore_backup(server, backup)  # the operator restores last night's backup
    text = server_text(server)
    assert not any(s in text for s in OLD), "the erasure of OLD was not applied again at start"

    restored = open_desk(copy_root, with_triage=False)  # the workstation's own old copy
    restored.settings.server_url = server.url
    restored.settings.agent_id = agent.agent_id
    try:
        report = SyncEngine(restored, agent.client).run_once()
        assert report.rejected == 0
        assert _leaks(server_text(server)) == []  # both came back and were blanked on arrival
        with restored.db.read() as conn:
            names = set(conn.exec_driver_sql("SELECT name FROM contacts").scalars())
        assert names == {None}  # the old copy pulled the erasures too
    finally:
        restored.close()
    for ws in (agent, admin):
        ws.engine.run_once()
    fresh = workstation(server, tmp_path / "fresh", "yeni", "agent")
    fresh.engine.run_once()
    with fresh.desk.db.read() as conn:
        dump = "\n".join(conn.connection.driver_connection.iterdump())  # type: ignore[union-attr]
    assert _leaks(dump) == []
    for ws in (agent, admin, fresh):
        ws.close()
