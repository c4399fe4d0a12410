"""A bad data directory or database gives a clear message naming the file; nothing is lost."""

import os
import sqlite3
from pathlib import Path

import pytest

from websight_desk.domain.enums import Role
from websight_desk.domain.errors import StorageProblem
from websight_desk.services import people
from websight_desk.services.desk import open_desk
from websight_desk.storage import database, engine
from websight_desk.storage.database import CorruptDatabase, DatabaseLocked, NewerDatabase


def _add_agent(root: Path) -> None:
    d = open_desk(root, with_triage=False)
    with d.writer() as w:
        people.add_agent(w, people.NewAgent("ayse", "Ayşe", Role.AGENT))
    d.close()


def test_unwritable_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "ro"
    locked.mkdir()
    locked.chmod(0o500)
    if os.access(locked, os.W_OK):  # running as root: permissions are not enforced
        monkeypatch.setattr(database.os, "access", lambda *_a, **_k: False)
    try:
        with pytest.raises(StorageProblem, match="not writable") as err:
            open_desk(locked, with_triage=False)
        assert str(locked) in err.value.message
        assert not (locked / "desk.sqlite3").exists()
    finally:
        locked.chmod(0o700)


def test_directory_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("not a directory")
    with pytest.raises(StorageProblem, match="cannot be created") as err:
        open_desk(blocker / "ws", with_triage=False)
    assert str(blocker) in str(err.value)


def test_corrupt_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    db_file = root / "desk.sqlite3"
    garbage = b"this is not sqlite at all" * 100
    db_file.write_bytes(garbage)
    with pytest.raises(CorruptDatabase) as err:
        open_desk(root, with_triage=False)
    assert str(db_file) in err.value.message
    assert "backups" in err.value.hint
    assert db_file.read_bytes() == garbage


def test_damaged_pages_are_detected(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    _add_agent(root)
    db_file = root / "desk.sqlite3"
    data = bytearray(db_file.read_bytes())
    # Keep the header valid, scribble over the page holding the schema and tables.
    for i in range(100, min(len(data), 12000)):
        data[i] = 0xA5
    db_file.write_bytes(bytes(data))
    before = db_file.read_bytes()
    with pytest.raises(CorruptDatabase):
        open_desk(root, with_triage=False)
    assert db_file.read_bytes() == before


def test_newer_major_schema_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    _add_agent(root)
    db_file = root / "desk.sqlite3"
    with sqlite3.connect(db_file) as raw:
        raw.execute(f"PRAGMA user_version = {database.SCHEMA_MAJOR + 1}")
    before = db_file.read_bytes()
    with pytest.raises(NewerDatabase, match="newer Websight Desk"):
        open_desk(root, with_triage=False)
    assert db_file.read_bytes() == before


def test_unknown_revision_is_refused(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    _add_agent(root)
    with sqlite3.connect(root / "desk.sqlite3") as raw:
        raw.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    with pytest.raises(NewerDatabase, match="9999_from_the_future"):
        open_desk(root, with_triage=False)


def test_locked_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    _add_agent(root)
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 50)
    d = open_desk(root, with_triage=False)
    blocker = sqlite3.connect(root / "desk.sqlite3", isolation_level=None)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLocked, match="locked") as err, d.writer() as w:
            people.add_agent(w, people.NewAgent("can", "Can", Role.AGENT))
        assert str(root / "desk.sqlite3") in err.value.message
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    d.close()


def test_full_disk_loses_nothing_saved(desk_factory_root: Path) -> None:
    d = open_desk(desk_factory_root, with_triage=False)
    with d.writer() as w:
        people.add_agent(w, people.NewAgent("ayse", "Ayşe", Role.AGENT))
    with pytest.raises(StorageProblem, match="full"), d.writer() as w:
        pages = w.conn.exec_driver_sql("PRAGMA page_count").scalar_one()
        w.conn.exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        people.add_agent(w, people.NewAgent("big", "B" * 100 + "x" * 20, Role.AGENT))
        for i in range(2000):
            people.add_agent(w, people.NewAgent(f"u{i}", "x" * 110, Role.AGENT))
    d.close()
    d = open_desk(desk_factory_root, with_triage=False)
    with d.db.read() as conn:
        names = conn.exec_driver_sql("SELECT username FROM agents").scalars().all()
        pending = conn.exec_driver_sql("SELECT count(*) FROM sync_outbox").scalar_one()
    d.close()
    assert names == ["ayse"]
    assert pending == 1


@pytest.fixture
def desk_factory_root(tmp_path: Path) -> Path:
    return tmp_path / "ws"


def test_bad_settings_file_names_the_file(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    root.mkdir()
    (root / "settings.json").write_text("{ not json")
    with pytest.raises(StorageProblem) as err:
        open_desk(root, with_triage=False)
    assert "settings.json" in err.value.message


def test_upgrade_makes_a_backup_first(tmp_path: Path) -> None:
    from alembic import command
    from sqlalchemy import create_engine

    from websight_desk.storage import migrate

    root = tmp_path / "ws"
    root.mkdir()
    engine = create_engine(f"sqlite:///{root / 'desk.sqlite3'}")
    with engine.begin() as conn:
        command.upgrade(migrate.alembic_config(conn), "0001_foundation")
    engine.dispose()
    if migrate.head() == "0001_foundation":
        pytest.skip("only one revision: nothing to upgrade")
    d = open_desk(root, with_triage=False)
    d.close()
    backups = list((root / "backups").glob("desk-*-0001_foundation.sqlite3"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as raw:
        assert raw.execute("SELECT version_num FROM alembic_version").fetchone() == (
            "0001_foundation",
        )


def test_after_a_crash_a_large_database_gets_the_full_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "ws"
    d = open_desk(root, with_triage=False)
    with d.writer() as w:
        for i in range(300):
            people.add_agent(w, people.NewAgent(f"user{i}", "Ayşe " * 20, Role.AGENT))
    d.close()
    assert not (root / "desk.sqlite3.open").exists()  # a clean close leaves no marker
    monkeypatch.setattr(database, "QUICK_CHECK_BELOW", 0)  # treat the file as large
    db_file = root / "desk.sqlite3"
    data = bytearray(db_file.read_bytes())
    page = 4096
    for i in range(len(data) - 3 * page, len(data) - page):  # damage a table page, not page 1
        data[i] = 0x5A
    db_file.write_bytes(bytes(data))
    (root / "desk.sqlite3.open").touch()  # the previous session crashed
    with pytest.raises(CorruptDatabase):
        open_desk(root, with_triage=False)
