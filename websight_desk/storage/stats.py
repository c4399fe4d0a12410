"""Record counts of the domain tables (the synced ones), for `stats --json` on both sides."""

from __future__ import annotations

from sqlalchemy import Connection, Table, func, select

from websight_desk.storage.models import Base


def domain_tables() -> list[Table]:
    """Synced domain tables: those whose rows carry an HLC. Sync bookkeeping does not."""
    return sorted(
        (
            t
            for t in Base.metadata.sorted_tables
            if {"hlc", "node_id", "created_at"} <= set(t.c.keys())
        ),
        key=lambda t: t.name,
    )


def record_counts(conn: Connection) -> dict[str, int]:
    return {
        t.name: int(conn.execute(select(func.count()).select_from(t)).scalar_one())
        for t in domain_tables()
    }
