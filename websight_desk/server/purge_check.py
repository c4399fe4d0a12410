"""Server check of a pushed `kvkk.purge`: only records whose retention has ended may be destroyed.

The client decides which records are expired; a modified client could list fresh ones, so the
server compares every listed record's stored `destroy_after` with its own clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from websight_desk.storage.models import AbuseTermination, Callback
from websight_desk.storage.ops import Op, from_iso

# A workstation's clock may run a little ahead of the server's (same limit as for HLCs).
MAX_SKEW = timedelta(minutes=5)

# (payload field, model, the op kind that creates such a record, what to call it)
_LISTS: tuple[tuple[str, Any, str, str], ...] = (
    ("callback_ids", Callback, "callback.create", "callback"),
    ("termination_ids", AbuseTermination, "termination.create", "abuse termination"),
)


def purge_check(conn: Connection, op: Op, pending: Mapping[str, Op], now: datetime) -> str | None:
    """Refuse a purge that lists a missing record or one whose `destroy_after` is still ahead."""
    for field, model, create_kind, what in _LISTS:
        ids = op.payload.get(field, [])
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            return f"kvkk.purge: {field} must be a list of record ids"
        times = _stored_destroy_after(conn, model, ids)
        for record_id in ids:
            made = pending.get(record_id)
            if record_id in times:
                when = times[record_id]
            elif made is not None and made.kind == create_kind:
                # created earlier in the same push (an offline workstation's backlog)
                when = _payload_time(made.payload.get("destroy_after"))
            else:
                return f"kvkk.purge: {what} {record_id} does not exist on the server"
            if when is None or when > now + MAX_SKEW:
                until = when.isoformat() if when else "an unknown time"
                return (
                    f"kvkk.purge: {what} {record_id} must be kept until {until} "
                    f"(server time {now.isoformat()}); it cannot be destroyed yet"
                )
    return None


def _stored_destroy_after(
    conn: Connection, model: Any, ids: Sequence[str]
) -> dict[str, datetime | None]:
    wanted = sorted(set(ids))
    found: dict[str, datetime | None] = {}
    for start in range(0, len(wanted), 500):
        rows = conn.execute(
            select(model.id, model.destroy_after).where(model.id.in_(wanted[start : start + 500]))
        )
        for record_id, when in rows:
            found[record_id] = when
    return found


def _payload_time(value: object) -> datetime | None:
    try:
        return from_iso(value) if isinstance(value, str) else None
    except ValueError:
        return None
