"""A PostgreSQL server without --data still keeps its erasure ledger outside the database."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from websight_desk.server.cli import default_ledger_dir


def test_one_folder_per_database_in_the_user_data_dir_never_the_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda app, **_kw: str(tmp_path / app))
    a = default_ledger_dir("postgresql+psycopg://desk:s3cr3t@db.example:5432/desk?sslmode=require")
    b = default_ledger_dir("postgresql+psycopg://desk:other@db.example:5432/desk")
    c = default_ledger_dir("postgresql+psycopg://desk@db.example:5432/desk_test")
    assert a == b  # the same database, whoever connects
    assert a != c
    assert a.is_relative_to(tmp_path / "websight-desk-server")
    assert "s3cr3t" not in str(a)
    assert "db-example-5432-desk" in a.name
