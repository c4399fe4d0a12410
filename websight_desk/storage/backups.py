"""Local backups a person can restore, that also forget what KVKK says must be forgotten.

* `backup` copies the database with SQLite's online backup API (consistent in WAL mode).
* `daily_backup` makes one a day at most (the app runs it: `services.scheduled_backups`) and
  `rotate` keeps the newest `KEEP` and none older than `MAX_AGE` (shorter than the shortest
  retention period, so a backup never outlives the data it holds by much).
* `forget_in_backups` replays an erasure or a purge on every backup of the current schema —
  the person is removed from them too — and deletes backups of older schemas, which cannot
  replay today's ops.
* `restore` puts a backup in place of the workspace database, after checking it, and keeps
  the replaced file aside.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from websight_desk.domain.errors import StorageProblem
from websight_desk.storage import migrate
from websight_desk.storage.applier_registry import ApplyContext
from websight_desk.storage.engine import checkpoint, make_engine
from websight_desk.storage.ops import Op

KEEP = 7
MAX_AGE = timedelta(days=30)
DAILY = timedelta(hours=24)
SQLITE_HEADER = b"SQLite format 3\x00"
# A backup being made and an erasure being replayed on the backups take turns: a backup whose
# snapshot predates an erasure is finished before the replay lists the folder.
_TURNS = threading.RLock()


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made_at: datetime
    label: str


def backup(path: Path, backups_dir: Path, label: str, now: datetime | None = None) -> Path:
    """Copy the database with SQLite's online backup API (consistent even in WAL mode)."""
    with _TURNS:
        return _backup(path, backups_dir, label, now or datetime.now(UTC))


def _backup(path: Path, backups_dir: Path, label: str, now: datetime) -> Path:
    backups_dir.mkdir(parents=True, exist_ok=True)
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    target = backups_dir / f"{path.stem}-{stamp}-{label}.sqlite3"
    src = sqlite3.connect(path)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    target.chmod(0o600)
    return target


def list_backups(backups_dir: Path) -> list[BackupFile]:
    """The backups in the folder, newest first."""
    found = []
    for path in backups_dir.glob("*.sqlite3") if backups_dir.is_dir() else ():
        parts = path.stem.rsplit("-", 2)
        if len(parts) != 3:
            continue
        try:
            made = datetime.strptime(parts[1], "%Y%m%dT%H%M%S%fZ").replace(tzinfo=UTC)
        except ValueError:
            try:
                made = datetime.strptime(parts[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
            except ValueError:
                continue
        found.append(BackupFile(path, made, parts[2]))
    return sorted(found, key=lambda b: b.made_at, reverse=True)


def rotate(backups_dir: Path, now: datetime, keep: int = KEEP, max_age: timedelta = MAX_AGE) -> int:
    """Delete all but the newest `keep` backups, and any older than `max_age`."""
    removed = 0
    for index, item in enumerate(list_backups(backups_dir)):
        if index >= keep or now - item.made_at > max_age:
            item.path.unlink(missing_ok=True)
            removed += 1
    return removed


def daily_backup(path: Path, backups_dir: Path, now: datetime) -> Path | None:
    """A backup if the newest is older than a day (then rotate); None if not due."""
    with _TURNS:
        newest = last_daily(backups_dir)
        if newest is not None and now - newest < DAILY:
            return None
        made = backup(path, backups_dir, "daily", now)
        rotate(backups_dir, now)
        return made


def last_daily(backups_dir: Path) -> datetime | None:
    """When the newest daily backup was made, if there is one."""
    return next((b.made_at for b in list_backups(backups_dir) if b.label == "daily"), None)


def forget_in_backups(backups_dir: Path, ops: Sequence[Op]) -> int:
    """Replay erasures and purges on every current-schema backup; delete the older ones."""
    with _TURNS:
        return _forget_in_backups(backups_dir, ops)


def _forget_in_backups(backups_dir: Path, ops: Sequence[Op]) -> int:
    from websight_desk.storage.appliers import apply_ops
    from websight_desk.storage.forget_local import forget_locally

    changed = 0
    for item in list_backups(backups_dir):
        engine = make_engine(item.path)
        try:
            with engine.begin() as conn:
                current = migrate.current_revision(conn)
                if current != migrate.head():
                    current = None
                else:
                    apply_ops(ApplyContext(conn), list(ops))
                    forget_locally(conn, ops)
            if current is None:
                engine.dispose()
                item.path.unlink(missing_ok=True)
            else:
                checkpoint(engine)  # secure_delete has zeroed what was overwritten
            changed += 1
        finally:
            engine.dispose()
    return changed


def check_backup(path: Path) -> str:
    """The schema revision of a backup file; StorageProblem if it is not one we can use."""
    if not path.is_file() or path.stat().st_size == 0:
        raise StorageProblem(f"{path} is not a backup of a Websight Desk database (empty).")
    with path.open("rb") as fh:
        if fh.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise StorageProblem(f"{path} is not a Websight Desk database.")
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            raise StorageProblem(f"The backup {path} is damaged.")
        try:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.DatabaseError:
            row = None
    finally:
        conn.close()
    if row is None or not migrate.is_known(str(row[0])):
        raise StorageProblem(f"{path} is not a Websight Desk database this version can open.")
    return str(row[0])


def restore(backup_file: Path, database: Path, backups_dir: Path) -> Path:
    """Put `backup_file` in place of `database`; returns where the replaced file was kept."""
    check_backup(backup_file)
    kept = backups_dir
    if database.exists() and database.stat().st_size > 0:
        kept = backup(database, backups_dir, "replaced")  # with what its WAL still held
    database.unlink(missing_ok=True)
    for suffix in ("-wal", "-shm"):
        database.with_name(database.name + suffix).unlink(missing_ok=True)
    shutil.copyfile(backup_file, database)
    database.chmod(0o600)
    return kept
