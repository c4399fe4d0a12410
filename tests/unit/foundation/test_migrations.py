"""The shipped migrations: one head, upgrade from empty, and the models agree with them."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect

from websight_desk.storage import migrate
from websight_desk.storage.database import open_database
from websight_desk.storage.migrations_filter import include_object
from websight_desk.storage.models import Base


def test_single_head() -> None:
    heads = ScriptDirectory.from_config(migrate.alembic_config()).get_heads()
    assert len(heads) == 1, heads


def test_upgrade_from_empty_creates_every_table(tmp_path: Path) -> None:
    db = open_database(tmp_path / "d.sqlite3")
    with db.read() as conn:
        tables = set(inspect(conn).get_table_names())
        assert migrate.current_revision(conn) == migrate.head()
    db.close()
    assert set(Base.metadata.tables) <= tables
    assert "search_index" in tables


def test_models_match_migrations(tmp_path: Path) -> None:
    db = open_database(tmp_path / "d.sqlite3")
    with db.read() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diff = compare_metadata(context, Base.metadata)
    db.close()
    assert diff == []


def test_migrations_run_step_by_step_and_down_again(tmp_path: Path) -> None:
    from alembic import command

    engine = create_engine(f"sqlite:///{tmp_path / 'steps.sqlite3'}")
    script = ScriptDirectory.from_config(migrate.alembic_config())
    revisions = [r.revision for r in reversed(list(script.walk_revisions()))]
    with engine.begin() as conn:
        for rev in revisions:
            command.upgrade(migrate.alembic_config(conn), rev)
        command.downgrade(migrate.alembic_config(conn), "base")
        assert set(inspect(conn).get_table_names()) <= {"alembic_version"}
    engine.dispose()
