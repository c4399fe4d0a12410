"""Fixtures: a real server process per test (SQLite or PostgreSQL) and client workstations."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.e2e.sync.serverproc import (
    ServerProc,
    Workstation,
    workstation,
)


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
