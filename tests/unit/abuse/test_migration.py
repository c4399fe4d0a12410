"""0004_abuse: models == migrations for the abuse tables and the audit chain columns."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine

from websight_desk.storage import migrate
from websight_desk.storage.migrations_filter import include_object
from websight_desk.storage.models import Base

MINE = ("abuse_terminations", "abuse_reviews", "refusal_overrides", "audit_events")


def test_upgrade_then_autogenerate_is_empty_for_abuse_tables(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
    with engine.connect() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diff = [d for d in compare_metadata(ctx, Base.metadata) if any(t in repr(d) for t in MINE)]
    engine.dispose()
    assert diff == []


def test_downgrade_to_callbacks_and_back(tmp_path: Path) -> None:
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'd.db'}")
    with engine.begin() as conn:
        migrate.upgrade(conn)
    with engine.begin() as conn:
        command.downgrade(migrate.alembic_config(conn), "0003_callbacks")
    with engine.begin() as conn:
        migrate.upgrade(conn)
        assert migrate.current_revision(conn) == migrate.head()
    engine.dispose()
