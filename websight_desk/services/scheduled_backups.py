"""The app's daily backup: at start when the newest is a day old, then once a day while open.

It runs in a thread of its own, never the GUI's (a backup of a large workspace takes seconds),
and uses `storage.backups.daily_backup`, which rotates (at most 7, none older than 30 days)
and takes turns with the replay of an erasure on the backups. The schedule reads an injected
clock, so a test can move time without waiting. A failed backup (a full disk) is logged and
tried again an hour later; the agent's work is never interrupted by it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from websight_desk.storage import backups

log = logging.getLogger(__name__)

CHECK_AT_LEAST_EVERY = timedelta(hours=1)  # a computer that slept wakes into a due backup
RETRY_AFTER = timedelta(hours=1)


def _utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class BackupSchedule:
    """When the next daily backup of one workspace is due, and making it when it is."""

    database: Path
    backups_dir: Path
    clock: Callable[[], datetime] = _utc_now

    def due_in(self) -> timedelta:
        """Zero when a backup is due now; else the time until it is."""
        last = backups.last_daily(self.backups_dir)
        if last is None:
            return timedelta(0)
        return max(timedelta(0), last + backups.DAILY - self.clock())

    def tick(self) -> timedelta:
        """Make the backup if it is due; returns how long to sleep before the next look."""
        if self.due_in() == timedelta(0):
            try:
                made = backups.daily_backup(self.database, self.backups_dir, self.clock())
            except Exception:  # a full disk, a locked file: never the agent's problem now
                log.exception("the daily backup failed; it is tried again in an hour")
                return RETRY_AFTER
            if made is not None:
                log.info("daily backup made: %s", made.name)
        return min(self.due_in(), CHECK_AT_LEAST_EVERY)


@dataclass
class DailyBackups:
    """The thread that runs a `BackupSchedule` while the app is open."""

    schedule: BackupSchedule
    stopping: threading.Event = field(default_factory=threading.Event)
    thread: threading.Thread | None = None

    def start(self) -> None:
        if self.thread is not None:
            return
        self.thread = threading.Thread(target=self._loop, name="daily-backup", daemon=True)
        self.thread.start()

    def _loop(self) -> None:
        while not self.stopping.is_set():
            wait = self.schedule.tick()
            self.stopping.wait(max(wait.total_seconds(), 1.0))

    def stop(self, timeout: float = 30.0) -> None:
        """Stop; a backup being written is finished first (up to `timeout` seconds)."""
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout)
            self.thread = None


def start_daily_backups(database: Path, backups_dir: Path) -> DailyBackups:
    """Start the daily backups of a workspace (the app calls this once its window is shown)."""
    runner = DailyBackups(BackupSchedule(database, backups_dir))
    runner.start()
    return runner
