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


class _Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


def test_the_daily_backup_runs_at_start_then_once_a_day_rotated(tmp_path: Path) -> None:
    from websight_desk.services.scheduled_backups import CHECK_AT_LEAST_EVERY, BackupSchedule

    root, _a, _c = _workspace(tmp_path / "ws")
    clock = _Clock(datetime(2026, 1, 5, 9, 0, tzinfo=UTC))
    schedule = BackupSchedule(root / "desk.sqlite3", root / "backups", clock)

    def made() -> list[datetime]:
        return [b.made_at for b in backups.list_backups(root / "backups")]

    assert schedule.due_in() == timedelta(0)  # the app starts and there is none: due now
    assert schedule.tick() == CHECK_AT_LEAST_EVERY
    assert made() == [clock.now]
    clock.now += timedelta(hours=20)  # open all day: not again yet
    assert schedule.due_in() == timedelta(hours=4)
    assert schedule.tick() == CHECK_AT_LEAST_EVERY
    clock.now += timedelta(hours=3, minutes=30)
    assert schedule.tick() == timedelta(minutes=30)  # sleeps only until it is due
    assert len(made()) == 1
    clock.now += timedelta(minutes=30)
    schedule.tick()
    assert made()[0] == clock.now
    assert len(made()) == 2
    for _ in range(10):  # ten more days with the app open: rotated to the newest seven
        clock.now += backups.DAILY
        schedule.tick()
    assert len(made()) == backups.KEEP
    assert made()[0] == clock.now
    clock.now += timedelta(hours=5)  # closed and opened again the same day: nothing new
    schedule.tick()
    assert len(made()) == backups.KEEP
    clock.now += timedelta(days=40)  # opened after a long leave: one now, none too old kept
    schedule.tick()
    assert made() == [clock.now]


def test_a_failed_daily_backup_is_tried_again_later_not_in_a_loop(tmp_path: Path) -> None:
    from websight_desk.services.scheduled_backups import RETRY_AFTER, BackupSchedule

    root, _a, _c = _workspace(tmp_path / "ws")
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the backups folder should be")
    schedule = BackupSchedule(root / "desk.sqlite3", blocked, _Clock(datetime.now(UTC)))
    assert schedule.tick() == RETRY_AFTER


def test_the_backup_thread_makes_the_first_backup_off_the_callers_thread(tmp_path: Path) -> None:
    import time

    from websight_desk.services.scheduled_backups import start_daily_backups

    root, _a, _c = _workspace(tmp_path / "ws")
    runner = start_daily_backups(root / "desk.sqlite3", root / "backups")
    try:
        deadline = time.monotonic() + 20
        while not backups.list_backups(root / "backups") and time.monotonic() < deadline:
            time.sleep(0.02)
    finally:
        runner.stop()
    assert runner.thread is None
    [made] = backups.list_backups(root / "backups")
    assert made.label == "daily"
    backups.check_backup(made.path)  # a whole, usable database
