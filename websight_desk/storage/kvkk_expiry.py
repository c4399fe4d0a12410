"""Which records are past their retention, and the `kvkk.purge` op that destroys them.

Shared by the workstation's destruction job (`services.kvkk_purge`) and the server's daily run
(`server.retention`). A record's end is its stored `destroy_after`, which the server computed
(`server/stamps.py`); a record under a legal hold is kept and counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select

from websight_desk.storage.kvkk_holds import held_callback_ids, held_termination_ids
from websight_desk.storage.models import AbuseTermination, Callback, CallbackPersonal
from websight_desk.storage.ops import to_iso


@dataclass(frozen=True, slots=True)
class PurgeResult:
    run_id: str | None  # None for a dry run (nothing written)
    examined: int
    anonymised: int
    held: int
    held_reasons: dict[str, str]
    callback_ids: tuple[str, ...]  # those anonymised (or that would be)
    # Abuse terminations whose evidence is past its retention (created + "abuse_evidence").
    terminations_examined: int = 0
    terminations_anonymised: int = 0
    terminations_held: int = 0
    termination_held_reasons: dict[str, str] = field(default_factory=dict)
    termination_ids: tuple[str, ...] = ()  # those blanked (or that would be)


def expired_callbacks(conn: Connection, now: datetime) -> list[str]:
    """Callbacks past their destroy-after time whose personal part is not yet blank."""
    return list(
        conn.execute(
            select(Callback.id)
            .join(CallbackPersonal, CallbackPersonal.callback_id == Callback.id)
            .where(Callback.destroy_after <= now, CallbackPersonal.anonymised_at.is_(None))
            .order_by(Callback.destroy_after, Callback.id)
        ).scalars()
    )


def expired_terminations(conn: Connection, now: datetime) -> list[str]:
    """Abuse terminations past their destroy-after time whose evidence is not yet blank."""
    t = AbuseTermination
    return list(
        conn.execute(
            select(t.id)
            .where(t.destroy_after <= now, t.anonymised_at.is_(None))
            .order_by(t.destroy_after, t.id)
        ).scalars()
    )


def plan_purge(conn: Connection, now: datetime, run_id: str | None) -> PurgeResult:
    """What a destruction run at `now` destroys and keeps (nothing is written)."""
    expired = expired_callbacks(conn, now)
    held = held_callback_ids(conn, expired)
    doomed = tuple(cid for cid in expired if cid not in held)
    terms = expired_terminations(conn, now)
    terms_held = held_termination_ids(conn, terms)
    terms_doomed = tuple(tid for tid in terms if tid not in terms_held)
    return PurgeResult(
        run_id,
        len(expired),
        len(doomed),
        len(held),
        held,
        doomed,
        terminations_examined=len(terms),
        terminations_anonymised=len(terms_doomed),
        terminations_held=len(terms_held),
        termination_held_reasons=terms_held,
        termination_ids=terms_doomed,
    )


def purge_payload(
    result: PurgeResult, ran_by: str | None, when: datetime, log_days: int
) -> dict[str, Any]:
    """The `kvkk.purge` payload of a run (its log row is kept `log_days`)."""
    return {
        "id": result.run_id,
        "ran_by": ran_by,
        "examined": result.examined,
        "anonymised": result.anonymised,
        "held": result.held,
        "callback_ids": list(result.callback_ids),
        "terminations_examined": result.terminations_examined,
        "terminations_anonymised": result.terminations_anonymised,
        "terminations_held": result.terminations_held,
        "termination_ids": list(result.termination_ids),
        "keep_until": to_iso(when + timedelta(days=log_days)),
        "created_at": to_iso(when),
    }
