"""Fixtures of every end-to-end test: a real server process per test, SQLite or PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.sync.serverproc import (
    BACKENDS,
    ServerProc,
    create_pg_database,
    drop_pg_database,
    migrated_pg_template,
    pg_available,
)


@pytest.fixture(scope="session")
def _pg_template() -> Iterator[str | None]:
    if not pg_available():
        yield None
        return
    name = migrated_pg_template()
    yield name
    drop_pg_database(name)


@pytest.fixture(params=BACKENDS)
def server(
    request: pytest.FixtureRequest, tmp_path: Path, _pg_template: str | None
) -> Iterator[ServerProc]:
    db_name = None
    url = None
    if request.param == "postgresql":
        if _pg_template is None:
            pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres)")
        db_name = create_pg_database(_pg_template)
        url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{db_name}"
    data = tmp_path / "server"
    data.mkdir()
    proc = ServerProc(data_dir=data, db_url=url)
    proc.start()
    yield proc
    proc.kill()
    if db_name:
        drop_pg_database(db_name)
