"""Fixtures: a real server process per test (SQLite or PostgreSQL) and client workstations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.sync.serverproc import (
    BACKENDS,
    ServerProc,
    Workstation,
    create_pg_database,
    drop_pg_database,
    migrated_pg_template,
    pg_available,
    workstation,
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


@pytest.fixture
def make_ws(server: ServerProc, tmp_path: Path) -> Iterator[Callable[..., Workstation]]:
    made: list[Workstation] = []

    def make(name: str, role: str = "admin") -> Workstation:
        ws = workstation(server, tmp_path / name, name, role)
        made.append(ws)
        return ws

    yield make
    for ws in made:
        ws.close()
