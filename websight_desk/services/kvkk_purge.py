"""The destruction job: anonymise what is past its retention unless a legal hold applies.

Callbacks lose the number, the person link and the free text (blanked, not hashed); abuse
terminations lose their evidence text (excerpt or the agent's account of the call, flagged
words) while category, channel, dates and reviews stay, so the refusal is still derived. The
run is one replicated `kvkk.purge` op, so every workstation destroys the same records, and
its log row is kept for at least three years.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from websight_desk.domain.ids import new_id
from websight_desk.services.kvkk_settings import company_settings
from websight_desk.storage.kvkk_expiry import (
    PurgeResult,
    expired_callbacks,
    expired_terminations,
    plan_purge,
    purge_payload,
)
from websight_desk.storage.models import KvkkPurgeRun

if TYPE_CHECKING:
    from websight_desk.services.desk import Desk

PURGE_EVERY = timedelta(days=182)  # the regulation's ceiling is six months


def purge(desk: Desk, now: datetime | None = None, dry_run: bool = False) -> PurgeResult:
    """Run the destruction job on this workspace (from the app menu or `kvkk purge`)."""
    when = now or desk.now()
    cfg = company_settings(desk)
    if dry_run:
        with desk.db.read() as conn:
            return plan_purge(conn, when, None)
    with desk.writer() as w:
        result = plan_purge(w.conn, when, new_id())
        w.emit("kvkk.purge", purge_payload(result, w.author_id, when, cfg.purge_log_days))
    return result


def last_purge_at(conn: Connection) -> datetime | None:
    """When the destruction job last ran here (the app nags when it is older than 6 months)."""
    return conn.execute(select(func.max(KvkkPurgeRun.created_at))).scalar_one_or_none()


__all__ = [
    "PURGE_EVERY",
    "PurgeResult",
    "expired_callbacks",
    "expired_terminations",
    "last_purge_at",
    "purge",
]
