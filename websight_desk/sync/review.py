"""What the user can open from the status bar: refused changes and lost concurrent edits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import aliased

from websight_desk.services.desk import Desk
from websight_desk.storage.models import SyncConflict, SyncQuarantine, Ticket, TicketFieldChange


@dataclass(frozen=True)
class RejectedChange:
    op_id: str
    kind: str
    reason: str
    source: str  # push: the server refused it; pull: it could not be applied here
    created_at: datetime
    payload: dict[str, Any]


@dataclass(frozen=True)
class FieldConflict:
    ticket_id: str
    ticket_number: int | None
    field: str
    lost_change_id: str
    lost_value: str | None
    lost_author_id: str | None
    lost_at: datetime
    won_change_id: str
    won_value: str | None
    won_author_id: str | None
    won_at: datetime
    detected_at: datetime


def list_rejected(desk: Desk, limit: int = 500) -> list[RejectedChange]:
    """Changes the server refused (with its reason) and pulled ones we could not apply."""
    with desk.db.read() as conn:
        rows = conn.execute(
            select(SyncQuarantine).order_by(SyncQuarantine.created_at.desc()).limit(limit)
        ).all()
        return [
            RejectedChange(
                op_id=r.op_id,
                kind=r.kind,
                reason=r.reason,
                source=r.source,
                created_at=r.created_at,
                payload=json.loads(r.payload),
            )
            for r in rows
        ]


def list_conflicts(
    desk: Desk, *, include_dismissed: bool = False, limit: int = 500
) -> list[FieldConflict]:
    """Superseded concurrent field edits (the losers) with the edit that won."""
    lost = aliased(TicketFieldChange)
    won = aliased(TicketFieldChange)
    query = (
        select(SyncConflict, lost, won, Ticket.number)
        .join(lost, lost.id == SyncConflict.loser_change_id)
        .join(won, won.id == SyncConflict.winner_change_id)
        .outerjoin(Ticket, Ticket.id == SyncConflict.ticket_id)
        .order_by(SyncConflict.detected_at.desc())
        .limit(limit)
    )
    if not include_dismissed:
        query = query.where(SyncConflict.dismissed_at.is_(None))
    with desk.db.read() as conn:
        return [
            FieldConflict(
                ticket_id=c.ticket_id,
                ticket_number=number,
                field=c.field,
                lost_change_id=lo.id,
                lost_value=lo.value,
                lost_author_id=lo.author_agent_id,
                lost_at=lo.created_at,
                won_change_id=wo.id,
                won_value=wo.value,
                won_author_id=wo.author_agent_id,
                won_at=wo.created_at,
                detected_at=c.detected_at,
            )
            for c, lo, wo, number in _rows(conn, query)
        ]


def _rows(conn: Any, query: Any) -> Any:
    from sqlalchemy.orm import Session

    with Session(bind=conn) as session:
        return session.execute(query).all()


def dismiss_conflict(desk: Desk, lost_change_id: str) -> None:
    """The user has seen this conflict; it stops counting in the status bar."""
    with desk.db.write() as conn:
        conn.execute(
            update(SyncConflict)
            .where(SyncConflict.loser_change_id == lost_change_id)
            .values(dismissed_at=datetime.now(UTC))
        )
