"""`SyncEngine`: one workstation's sync — push the outbox, then pull until caught up."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import update

from websight_desk.services import triage
from websight_desk.services.desk import Desk
from websight_desk.storage.forget_local import prune_acked
from websight_desk.storage.models import SyncOutbox, SyncState
from websight_desk.storage.outbox import ACKED, PENDING
from websight_desk.sync import credentials
from websight_desk.sync.client import SyncClient
from websight_desk.sync.company import refresh_company_settings
from websight_desk.sync.errors import NotConnected, ResyncRequired, SyncProblem
from websight_desk.sync.pull import apply_page, read_cursor
from websight_desk.sync.push import PushCounts, push_pending

PAGE = 2000  # the server's largest page (`server.wire.MAX_PAGE`)
SETTINGS_EVERY_S = 60.0  # the background puller asks for the company settings this often
# (changes applied so far, changes to apply in total) during a pull
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SyncReport:
    applied: int
    duplicate: int
    rejected: int
    pulled: int
    quarantined: int
    cursor: int
    resynced: bool = False


def client_for(
    desk: Desk, *, timeout: float = 30.0, retries: int = 3, token: str | None = None
) -> SyncClient:
    """A client for the workstation's configured server and token.

    `token` is one the user typed in this session (no keyring): kept in memory only.
    """
    url = desk.settings.server_url
    if not url:
        raise NotConnected(
            "This workstation is not connected to a sync server.",
            hint="Connect with: websight-desk connect URL",
        )
    token = token or credentials.load_token(url)
    if not token:
        raise NotConnected(
            f"No access token for {url} on this workstation.",
            hint="Connect again with: websight-desk connect URL",
        )
    return SyncClient(url, token, timeout=timeout, retries=retries)


def record_attempt(desk: Desk, error: str | None) -> None:
    """Remember the outcome for the status bar (online/offline, last successful sync)."""
    now = datetime.now(UTC)
    values: dict[str, object] = {"last_attempt_at": now, "last_error": error}
    if error is None:
        values["last_sync_at"] = now
    with desk.db.write() as conn:
        conn.execute(update(SyncState).where(SyncState.id == 1).values(values))


def resync(desk: Desk) -> None:
    """Start over with the server: pull everything again and re-offer every acked op.

    Safe because appliers are idempotent and the server answers `duplicate` for what it has;
    needed when the server was restored from a backup older than our cursor.
    """
    with desk.db.write() as conn:
        conn.execute(update(SyncOutbox).where(SyncOutbox.state == ACKED).values(state=PENDING))
        conn.execute(update(SyncState).where(SyncState.id == 1).values(pull_cursor=0))


class SyncEngine:
    def __init__(self, desk: Desk, client: SyncClient) -> None:
        self.desk = desk
        self.client = client
        self._settings_due = 0.0  # time.monotonic() of the next settings check
        self._caught_up = False  # verdicts checked once against the current policy version

    def push(self) -> PushCounts:
        return push_pending(self.client, self.desk)

    def refresh_settings(self) -> bool:
        """Fetch the company settings the server publishes (at most once a minute)."""
        now = time.monotonic()
        if now < self._settings_due:
            return False
        changed = refresh_company_settings(self.desk, self.client)
        self._settings_due = now + SETTINGS_EVERY_S
        return changed

    def pull(self, *, wait: int = 0, progress: Progress | None = None) -> tuple[int, int]:
        """Pull pages until caught up, then the company settings; (applied, quarantined)."""
        result = self._pull_pages(wait, progress)
        self.refresh_settings()
        return result

    def _pull_pages(self, wait: int, progress: Progress | None) -> tuple[int, int]:
        """Pages are applied one after another, in order; the next one is fetched (read-only)
        while this one is applied. A failure leaves the cursor after the last page applied."""
        with self.desk.db.read() as conn:
            cursor = start = read_cursor(conn)
        pulled = quarantined = 0
        with ThreadPoolExecutor(1, thread_name_prefix="sync-pull-fetch") as fetcher:
            page = self.client.changes(cursor, limit=PAGE, wait=wait)
            while page.changes:
                following = (
                    fetcher.submit(self.client.changes, page.next_cursor, limit=PAGE)
                    if page.more
                    else None
                )
                ops = [op for _, op in page.changes]
                quarantined += apply_page(self.desk, ops, page.next_cursor)
                pulled += len(page.changes)
                cursor = page.next_cursor
                if progress is not None:
                    progress(cursor - start, max(page.head - start, cursor - start))
                if following is None:
                    break
                page = following.result()
        return pulled, quarantined

    def run_once(self, progress: Progress | None = None) -> SyncReport:
        """Push then pull until caught up; records the outcome for the status bar."""
        resynced = False
        try:
            try:
                pushed = self.push()
                pulled, quarantined = self.pull(progress=progress)
            except ResyncRequired:
                resync(self.desk)
                resynced = True
                pushed = self.push()
                pulled, quarantined = self.pull(progress=progress)
        except SyncProblem as exc:
            record_attempt(self.desk, str(exc))
            raise
        record_attempt(self.desk, None)
        with self.desk.db.write() as conn:  # confirmed long ago: the server has it
            prune_acked(conn, datetime.now(UTC))
        hook = triage.hook_of(self.desk.ticket_hooks)
        if hook is not None and (pulled or not self._caught_up):
            # pulled tickets (and any made by another policy version) get their verdict now,
            # so the queue's verdict column and views are right without opening anything
            triage.catch_up(self.desk.db, hook, self.desk.now())
            self._caught_up = True
        with self.desk.db.read() as conn:
            cursor = read_cursor(conn)
        return SyncReport(
            applied=pushed.applied,
            duplicate=pushed.duplicate,
            rejected=pushed.rejected,
            pulled=pulled,
            quarantined=quarantined,
            cursor=cursor,
            resynced=resynced,
        )
