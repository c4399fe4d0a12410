"""Keep each ticket's policy decision current (the queue's verdict column and filters).

The decision itself is the pure policy engine; this module gathers the facts from the store
(`triage_facts`) and caches the outcome in `ticket_triage`, inside the same transaction as the
change that made it stale. Decisions made elsewhere for the same facts (a bulk loader may
evaluate them in other processes while it writes) can be handed in through `Precomputed`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Connection, Table, delete, insert, or_, select

from websight_desk.services.triage_facts import (
    RawFacts,
    Row,
    build_facts,
    decision_row,
    facts_for_tickets,
    raw_facts,
)
from websight_desk.settings import Settings
from websight_desk.storage import bulk
from websight_desk.storage.database import Database
from websight_desk.storage.models import Ticket, TicketTriage

if TYPE_CHECKING:
    from websight_desk.policy import Decision, Ruleset

CHUNK = 500


class HasSettings(Protocol):
    """Anything that carries the workspace settings (a `Desk`)."""

    @property
    def settings(self) -> Settings: ...


class Precomputed(Protocol):
    """Decisions evaluated elsewhere; `take` gives one only for exactly these inputs."""

    def take(self, ticket_id: str, facts: RawFacts, ruleset: Ruleset, now: datetime) -> Row | None:
        """The `ticket_triage` row evaluated for these facts, ruleset and time, else None."""
        ...


def load_ruleset_for(owner: HasSettings) -> Ruleset:
    """The workspace's policy: its custom policy file, else the packaged one."""
    from websight_desk.policy import load_ruleset

    custom = owner.settings.policy_file
    return load_ruleset(Path(custom) if custom else None)


def decide(conn: Connection, ticket_id: str, ruleset: Ruleset, now: datetime) -> Decision | None:
    """The full decision for one ticket (the side panel), or None if it does not exist."""
    from websight_desk.policy import evaluate

    facts = facts_for_tickets(conn, [ticket_id]).get(ticket_id)
    return None if facts is None else evaluate(facts, ruleset, now)


def refresh(
    conn: Connection,
    ticket_ids: Iterable[str],
    ruleset: Ruleset,
    now: datetime,
    *,
    precomputed: Precomputed | None = None,
) -> int:
    """Recompute and store the cached decision of these tickets; returns how many.

    Rows `precomputed` holds for exactly the facts the store now holds (and the same ruleset
    and time) are taken as they are; everything else is evaluated here.
    """
    from websight_desk.policy import evaluate

    ids = sorted(set(ticket_ids))
    done = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = []
        for ticket_id, raw in raw_facts(conn, chunk).items():
            row = precomputed.take(ticket_id, raw, ruleset, now) if precomputed else None
            if row is None:
                row = decision_row(ticket_id, evaluate(build_facts(raw), ruleset, now), ruleset)
            rows.append(row)
        _store(conn, chunk, rows)
        done += len(rows)
    return done


def _store(conn: Connection, chunk: Sequence[str], rows: list[Row]) -> None:
    table: Table = TicketTriage.__table__  # type: ignore[assignment]
    if conn.dialect.name == "sqlite":  # one upsert executemany instead of delete + insert
        bulk.sqlite_upsert(conn, table, rows)
        return
    conn.execute(delete(table).where(table.c.ticket_id.in_(chunk)))
    if rows:
        conn.execute(insert(table), rows)


class TriageHook:
    """The `Desk.ticket_hooks` entry that re-triages touched tickets with the desk's ruleset.

    Every touched ticket is triaged once per transaction: the desk hands over the set of
    tickets all its ops touched, after the last op.
    """

    def __init__(self, owner: HasSettings) -> None:
        self.owner = owner
        self.precomputed: Precomputed | None = None
        self._ruleset: Ruleset | None = None

    @property
    def ruleset(self) -> Ruleset:
        if self._ruleset is None:
            self._ruleset = load_ruleset_for(self.owner)
        return self._ruleset

    def __call__(self, conn: Connection, ticket_ids: set[str], now: datetime) -> None:
        refresh(conn, ticket_ids, self.ruleset, now, precomputed=self.precomputed)


def hook_for(owner: HasSettings) -> TriageHook:
    """A `Desk.ticket_hooks` entry that re-triages touched tickets with the desk's ruleset."""
    return TriageHook(owner)


def hook_of(hooks: Iterable[object]) -> TriageHook | None:
    """The triage hook among a desk's `ticket_hooks`, if it triages."""
    return next((h for h in hooks if isinstance(h, TriageHook)), None)


def stale_tickets(conn: Connection, version: str, limit: int) -> list[str]:
    """Tickets with no verdict yet (pulled by sync) or one made by another policy version."""
    triaged: Table = TicketTriage.__table__  # type: ignore[assignment]
    return list(
        conn.execute(
            select(Ticket.id)
            .outerjoin(triaged, triaged.c.ticket_id == Ticket.id)
            .where(or_(triaged.c.ticket_id.is_(None), triaged.c.ruleset_version != version))
            .order_by(Ticket.updated_at.desc())
            .limit(limit)
        ).scalars()
    )


def catch_up(db: Database, hook: TriageHook, now: datetime, batch: int = 2000) -> int:
    """Give every ticket a current verdict, newest first, one short transaction per batch
    (so the queue's verdict column and views are right without opening anything)."""
    done = 0
    while True:
        with db.write() as conn:
            ids = stale_tickets(conn, hook.ruleset.version, batch)
            if not ids:
                return done
            refresh(conn, set(ids), hook.ruleset, now)
        done += len(ids)
