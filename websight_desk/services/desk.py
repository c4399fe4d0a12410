"""`Desk`: an opened workspace — database, settings, device identity, clock, current agent."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection

from websight_desk.domain.hlc import HybridClock
from websight_desk.services import triage
from websight_desk.settings import Settings, WorkspacePaths
from websight_desk.storage.backups import forget_in_backups
from websight_desk.storage.database import Database, open_database
from websight_desk.storage.exports import forget_exports
from websight_desk.storage.forget_local import FORGETTING
from websight_desk.storage.outbox import OpWriter, load_or_create_state

# Called inside the write transaction with the tickets an op touched (e.g. re-triage).
TicketHook = Callable[[Connection, set[str], datetime], None]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Desk:
    paths: WorkspacePaths
    settings: Settings
    db: Database
    node_id: str
    clock: HybridClock
    now: Callable[[], datetime] = utc_now
    ticket_hooks: list[TicketHook] = field(default_factory=list)

    @property
    def agent_id(self) -> str | None:
        return self.settings.agent_id or None

    @contextmanager
    def writer(self, author_id: str | None = None) -> Iterator[OpWriter]:
        """One local transaction: ops applied, outbox rows, clock, derived state — or nothing."""
        with self.db.write() as conn:
            w = OpWriter(
                conn,
                node_id=self.node_id,
                clock=self.clock,
                author_id=author_id if author_id is not None else self.agent_id,
                now=self.now(),
            )
            saved_clock = self.clock.last
            try:
                yield w
                if w.touched_tickets:
                    for hook in self.ticket_hooks:
                        hook(conn, w.touched_tickets, w.now)
                w.save_clock()
            except BaseException:
                self.clock.last = saved_clock  # the transaction rolls back; so does the clock
                raise
        forgetting = [op for op in w.ops if op.kind in FORGETTING]
        if forgetting:
            self.db.checkpoint()
            forget_in_backups(self.paths.backups, forgetting)
            forget_exports(self.paths.root, forgetting)

    def save_settings(self) -> None:
        self.settings.save(self.paths.settings)

    def close(self) -> None:
        self.db.close()


def open_desk(root: Path, *, with_triage: bool = True) -> Desk:
    """Open (creating and upgrading if needed) the workspace at `root`."""
    paths = WorkspacePaths(root)
    settings = Settings.load(paths.settings)
    db = open_database(paths.database, backups_dir=paths.backups)
    try:
        with db.write() as conn:
            node_id, hlc = load_or_create_state(conn)
    except BaseException:
        db.close()
        raise
    desk = Desk(paths=paths, settings=settings, db=db, node_id=node_id, clock=HybridClock(hlc))
    if with_triage:
        desk.ticket_hooks.append(triage.hook_for(desk))
    return desk
