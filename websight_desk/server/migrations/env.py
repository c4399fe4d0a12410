"""Alembic environment of the server: the client's domain chain plus the server branch."""

from __future__ import annotations

from alembic import context

from websight_desk.server.schema import server_metadata
from websight_desk.storage.models import Base

IGNORED_TABLE_PREFIXES = ("search_index",)  # FTS5 exists on SQLite clients only


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    return not (type_ == "table" and name is not None and name.startswith(IGNORED_TABLE_PREFIXES))


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        raise RuntimeError("run migrations through websight_desk.server.store")
    context.configure(
        connection=connection,
        target_metadata=[Base.metadata, server_metadata],
        render_as_batch=True,
        include_object=include_object,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
