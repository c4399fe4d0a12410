"""The destruction job: anonymise what is past its retention unless a legal hold applies.

Callbacks lose the number, the person link and the free text (blanked, not hashed); abuse
terminations lose their evidence text (excerpt or the agent's account of the call, flagged
words) while category, channel, dates and reviews stay, so the refusal is still derived. The
run is one replicated `kvkk.purge` op, so every workstation destroys the same records, and
its log row is kept for at least three years.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Connection, func, select

from websight_desk.domain.abuse import RETENTION_CLASS as ABUSE_EVIDENCE
from websight_desk.domain.ids import new_id
from websight_desk.services.kvkk_settings import KvkkSettings, kvkk_settings
from websight_desk.storage.kvkk_holds import held_callback_ids, held_termination_ids
from websight_desk.storage.models import AbuseTermination, Callback, CallbackPersonal, KvkkPurgeRun
from websight_desk.storage.ops import to_iso

if TYPE_CHECKING:
    from websight_desk.services.desk import Desk

PURGE_EVERY = timedelta(days=182)  # the regulation's ceiling is six months


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


def expired_terminations(conn: Connection, now: datetime, retention: timedelta) -> list[str]:
    """Abuse terminations older than the retention whose evidence is not yet blank."""
    t = AbuseTermination
    return list(
        conn.execute(
            select(t.id)
            .where(t.created_at <= now - retention, t.anonymised_at.is_(None))
            .order_by(t.created_at, t.id)
        ).scalars()
    )


def purge(desk: Desk, now: datetime | None = None, dry_run: bool = False) -> PurgeResult:
    """Run the destruction job on this workspace (from the app menu or `kvkk purge`)."""
    when = now or desk.now()
    cfg = kvkk_settings(desk.settings)
    if dry_run:
        with desk.db.read() as conn:
            return _plan(conn, when, None, cfg)
    with desk.writer() as w:
        result = _plan(w.conn, when, new_id(), cfg)
        w.emit(
            "kvkk.purge",
            {
                "id": result.run_id,
                "ran_by": w.author_id,
                "examined": result.examined,
                "anonymised": result.anonymised,
                "held": result.held,
                "callback_ids": list(result.callback_ids),
                "terminations_examined": result.terminations_examined,
                "terminations_anonymised": result.terminations_anonymised,
                "terminations_held": result.terminations_held,
                "termination_ids": list(result.termination_ids),
                "keep_until": to_iso(when + timedelta(days=cfg.purge_log_days)),
                "created_at": to_iso(when),
            },
        )
    return result


def _plan(conn: Connection, now: datetime, run_id: str | None, cfg: KvkkSettings) -> PurgeResult:
    expired = expired_callbacks(conn, now)
    held = held_callback_ids(conn, expired)
    doomed = tuple(cid for cid in expired if cid not in held)
    terms = expired_terminations(conn, now, cfg.retention(ABUSE_EVIDENCE))
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


def last_purge_at(conn: Connection) -> datetime | None:
    """When the destruction job last ran here (the app nags when it is older than 6 months)."""
    return conn.execute(select(func.max(KvkkPurgeRun.created_at))).scalar_one_or_none()
