"""Backups a person can restore, rotated, and forgetting what an erasure forgets."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from websight_desk.cli.main import main
from websight_desk.domain.enums import Role
from websight_desk.domain.errors import StorageProblem
from websight_desk.services import people, tickets
from websight_desk.services.desk import open_desk
from websight_desk.services.kvkk_erase import EraseCustomer, erase_customer
from websight_desk.storage import backups
from websight_desk.storage.database import CorruptDatabase, open_database

NAME = "Gülizar Tekinalp"


def _workspace(root: Path) -> tuple[Path, str, str]:
    desk = open_desk(root, with_triage=False)
    with desk.writer() as w:
        admin = people.add_agent(w, people.NewAgent("dpo", "DPO", Role.ADMIN))
        customer = people.add_customer(
            w, people.NewCustomer("WS-1", "individual", NAME, "g@example.com", "+905321234567")
        )
        tickets.open_ticket(w, tickets.OpenTicket(customer, f"{NAME} sorunu", f"Ben {NAME}"))
    desk.close()
    return root, admin, customer


def test_backup_restore_round_trip_keeps_the_replaced_file(tmp_path: Path) -> None:
    root, _admin, _customer = _workspace(tmp_path / "ws")
    assert main(["db", "backup", "--workspace", str(root)]) == 0
    [made] = backups.list_backups(root / "backups")
    desk = open_desk(root, with_triage=False)
    with desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS-2", "company", "Sonra"))
        tickets.open_ticket(w, tickets.OpenTicket(customer, "Sonra gelen", "Metin"))
    desk.close()
    assert main(["db", "restore", str(made.path), "--workspace", str(root)]) == 0
    desk = open_desk(root, with_triage=False)
    with desk.db.read() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM tickets").scalar_one() == 1
    desk.close()
    labels = {b.label for b in backups.list_backups(root / "backups")}
    assert labels == {"manual", "replaced"}


def test_restore_refuses_what_is_not_a_backup(tmp_path: Path) -> None:
    root, _a, _c = _workspace(tmp_path / "ws")
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"hello")
    with pytest.raises(StorageProblem, match="not a Websight Desk database"):
        backups.restore(junk, root / "desk.sqlite3", root / "backups")
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    with pytest.raises(StorageProblem, match="empty"):
        backups.restore(empty, root / "desk.sqlite3", root / "backups")


def test_a_zero_length_database_is_an_error_not_a_new_workspace(tmp_path: Path) -> None:
    path = tmp_path / "desk.sqlite3"
    path.write_bytes(b"")
    with pytest.raises(CorruptDatabase, match="empty file"):
        open_database(path)
    assert path.stat().st_size == 0  # untouched


def test_rotation_keeps_the_newest_and_nothing_too_old(tmp_path: Path) -> None:
    root, _a, _c = _workspace(tmp_path / "ws")
    for _ in range(9):
        backups.backup(root / "desk.sqlite3", root / "backups", "manual")
    assert backups.rotate(root / "backups", datetime.now(UTC)) == 2
    assert len(backups.list_backups(root / "backups")) == backups.KEEP
    later = datetime.now(UTC) + backups.MAX_AGE + timedelta(days=1)
    backups.rotate(root / "backups", later)
    assert backups.list_backups(root / "backups") == []
    assert backups.daily_backup(root / "desk.sqlite3", root / "backups", datetime.now(UTC))
    assert backups.daily_backup(root / "desk.sqlite3", root / "backups", datetime.now(UTC)) is None


def test_an_erasure_removes_the_person_from_the_backups_too(tmp_path: Path) -> None:
    root, admin, customer = _workspace(tmp_path / "ws")
    made = backups.backup(root / "desk.sqlite3", root / "backups", "daily")
    old = root / "backups" / "desk-20200101T000000000000Z-0001_foundation.sqlite3"
    old.write_bytes(made.read_bytes())  # a pre-upgrade backup of another schema
    with sqlite3.connect(old) as c:
        c.execute("UPDATE alembic_version SET version_num = '0001_foundation'")
    assert NAME.encode() in made.read_bytes()
    desk = open_desk(root, with_triage=False)
    with desk.writer(author_id=admin) as w:
        erase_customer(w, EraseCustomer(customer, "KVKK m.11"))
    desk.close()
    assert NAME.encode() not in made.read_bytes()
    assert not old.exists()
