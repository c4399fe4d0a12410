"""What the status bar shows about sync, read from the local store in one go."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select

from websight_desk.services.desk import Desk
from websight_desk.settings import SEEN_REJECTIONS
from websight_desk.storage.models import SyncConflict, SyncOutbox, SyncState
from websight_desk.storage.outbox import PENDING, REJECTED
from websight_desk.storage.queries.pending import Counted, count_state


@dataclass(frozen=True)
class SyncStatus:
    configured: bool  # a server URL is set
    server_url: str
    online: bool  # the latest attempt reached the server
    pending: int  # local changes not yet accepted by the server
    rejected: int  # local changes the server refused (see review.list_rejected)
    conflicts: int  # undismissed concurrent edits that lost (see review.list_conflicts)
    last_sync_at: datetime | None  # last successful sync
    last_attempt_at: datetime | None
    last_error: str | None
    pending_exact: bool = True  # False: more than `pending` (counting stopped at the cap)
    rejected_seen: int = 0  # of `rejected`, those the user marked as seen

    @property
    def problems(self) -> int:
        """What still asks for the user's attention: unseen refusals and concurrent edits."""
        return max(0, self.rejected - self.rejected_seen) + self.conflicts


def read_status(desk: Desk, *, cap: int | None = None) -> SyncStatus:
    """The sync state; with `cap`, pending and rejected changes are counted up to it only
    (the status bar's poll must not count a six-million-row outbox every 30 s)."""
    with desk.db.read() as conn:
        state = conn.execute(
            select(SyncState.last_sync_at, SyncState.last_attempt_at, SyncState.last_error).where(
                SyncState.id == 1
            )
        ).first()
        if cap is None:
            by_state: dict[str, int] = {
                state: int(n)
                for state, n in conn.execute(
                    select(SyncOutbox.state, func.count())
                    .where(SyncOutbox.state.in_((PENDING, REJECTED)))
                    .group_by(SyncOutbox.state)
                )
            }
            pending = Counted(by_state.get(PENDING, 0), exact=True)
            rejected = Counted(by_state.get(REJECTED, 0), exact=True)
        else:
            pending = count_state(conn, PENDING, cap)
            rejected = count_state(conn, REJECTED, cap)
        seen_ids = sorted(_seen(desk))
        seen = 0
        for i in range(0, len(seen_ids), 500):
            seen += conn.execute(
                select(func.count())
                .select_from(SyncOutbox)
                .where(SyncOutbox.op_id.in_(seen_ids[i : i + 500]), SyncOutbox.state == REJECTED)
            ).scalar_one()
        conflicts = conn.execute(
            select(func.count())
            .select_from(SyncConflict)
            .where(SyncConflict.dismissed_at.is_(None))
        ).scalar_one()
    last_sync = state.last_sync_at if state else None
    last_attempt = state.last_attempt_at if state else None
    last_error = state.last_error if state else None
    return SyncStatus(
        configured=bool(desk.settings.server_url),
        server_url=desk.settings.server_url,
        online=last_attempt is not None and last_error is None,
        pending=pending.count,
        rejected=rejected.count,
        conflicts=int(conflicts),
        last_sync_at=last_sync,
        last_attempt_at=last_attempt,
        last_error=last_error,
        pending_exact=pending.exact,
        rejected_seen=int(seen),
    )


def _seen(desk: Desk) -> set[str]:
    value = desk.settings.extra.get(SEEN_REJECTIONS, [])
    return {str(v) for v in value} if isinstance(value, list) else set()
