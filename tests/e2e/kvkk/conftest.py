"""Servers of the KVKK end-to-end tests: they keep the erasure ledger on both engines."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e.kvkk.servers import PG, LedgeredServer
from tests.e2e.sync.serverproc import BACKENDS, create_pg_database, drop_pg_database


def _start(engine: str, template: str | None, root: Path) -> LedgeredServer:
    url = None
    if engine == "postgresql":
        if template is None:
            pytest.skip("PostgreSQL is not reachable at 127.0.0.1:5432 (user postgres)")
        url = PG + create_pg_database(template)
    data = root / "server"
    data.mkdir(parents=True)
    server = LedgeredServer(data_dir=data, db_url=url)
    server.start()
    return server


def _stop(server: LedgeredServer) -> None:
    server.kill()
    if server.db_name:
        drop_pg_database(server.db_name)


@pytest.fixture(params=BACKENDS)
def ledgered_server(
    request: pytest.FixtureRequest, tmp_path: Path, _pg_template: str | None
) -> Iterator[LedgeredServer]:
    """A server of this test alone (for tests that stop and restore it)."""
    server = _start(request.param, _pg_template, tmp_path)
    yield server
    _stop(server)


@pytest.fixture(scope="module", params=BACKENDS)
def team_server(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    _pg_template: str | None,
) -> Iterator[LedgeredServer]:
    """One server per engine for the whole module: tests use their own accounts and data."""
    server = _start(request.param, _pg_template, tmp_path_factory.mktemp("team"))
    yield server
    _stop(server)
