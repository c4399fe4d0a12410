"""How many changes wait to be pushed, without counting a six-million-row outbox.

The status bar asks every 30 s. Counting stops past `CAP` on the `ix_sync_outbox_state`
index, so the answer costs the same however long the workstation was offline; past the cap
the bar says "10,000+".
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from websight_desk.storage.models import SyncOutbox

CAP = 10_000
PENDING = "pending"
REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class Counted:
    count: int  # at most the cap
    exact: bool  # False: more than `count`

    def text(self, number: str) -> str:
        """`number` (the count as formatted for the UI language) with "+" when it stopped."""
        return number if self.exact else f"{number}+"


def count_state(conn: Connection, state: str, cap: int = CAP) -> Counted:
    """Outbox entries in this state, counted up to `cap`."""
    limited = select(SyncOutbox.seq).where(SyncOutbox.state == state).limit(cap + 1).subquery()
    n = int(conn.execute(select(func.count()).select_from(limited)).scalar_one())
    return Counted(min(n, cap), n <= cap)


def pending_changes(conn: Connection, cap: int = CAP) -> Counted:
    """Changes of this workstation not pushed yet (up to `cap`)."""
    return count_state(conn, PENDING, cap)
