"""Alembic environment: always called with a connection from `storage.migrate`."""

from __future__ import annotations

from alembic import context

from websight_desk.storage.migrations_filter import include_object
from websight_desk.storage.models import Base


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through websight_desk.storage.migrate")
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
