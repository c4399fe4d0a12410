"""`websight-desk kvkk ...` end to end on a workspace, and the schema of revision 0003."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import select

from tests.unit.kvkk.conftest import NOW, World, build_world, good_call
from websight_desk.cli.main import main
from websight_desk.services.callbacks import log_callback
from websight_desk.services.desk import open_desk
from websight_desk.services.kvkk import kvkk_settings
from websight_desk.storage.migrations_filter import include_object
from websight_desk.storage.models import Base, CallbackPersonal, KvkkText
from websight_desk.storage.models import callbacks as callback_models

MY_TABLES = {
    m.__tablename__
    for m in vars(callback_models).values()
    if isinstance(m, type) and issubclass(m, Base) and m is not Base
}


def test_migration_matches_models_and_seeds_texts(world: World) -> None:
    with world.desk.db.read() as conn:
        ctx = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diff = compare_metadata(ctx, Base.metadata)
        texts = conn.execute(select(KvkkText.kind, KvkkText.version, KvkkText.lang)).all()

    def table_of(entry: object) -> str | None:
        item = entry[0] if isinstance(entry, list) else entry
        for part in item[1:] if isinstance(item, tuple) else ():
            name = getattr(part, "table", None)
            name = getattr(name, "name", None) or getattr(part, "name", None)
            if isinstance(name, str):
                return name
            if isinstance(part, str):
                return part
        return None

    assert [d for d in diff if table_of(d) in MY_TABLES] == []
    assert sorted(texts) == [
        ("notice", 1, "en"),
        ("notice", 1, "tr"),
        ("recording_consent", 1, "en"),
        ("recording_consent", 1, "tr"),
    ]
    assert len(MY_TABLES) == 9


@pytest.fixture
def cli_world(workspace: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    desk = open_desk(workspace, with_triage=False)
    desk.now = lambda: NOW
    world = build_world(desk)
    old = NOW - timedelta(days=500)
    with desk.writer() as w:
        log_callback(
            w,
            good_call(
                world, started_at=old, ended_at=old + timedelta(minutes=3), notice=None, notes=""
            ),
            kvkk_settings(desk.settings),
        )
    desk.close()
    monkeypatch.setenv("WEBSIGHT_DESK_HOME", str(workspace))
    return world


def _sign_in(workspace: Path, agent_id: str) -> None:
    desk = open_desk(workspace, with_triage=False)
    desk.settings.agent_id = agent_id
    desk.save_settings()
    desk.close()


def test_cli_purge_export_request_erase(
    cli_world: World, workspace: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["kvkk", "purge", "--dry-run"]) == 0
    assert "would anonymise 1" in capsys.readouterr().out
    assert main(["kvkk", "purge"]) == 0
    assert "anonymised 1" in capsys.readouterr().out
    out = tmp_path / "export.json"
    # The signed-in account acts: an agent may not export or erase, and cannot say otherwise.
    assert main(["kvkk", "export", "--customer", "C-1001", "--output", str(out)]) == 2
    assert "admin" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["kvkk", "erase", "--customer", "C-1001", "--reason", "x", "--as", "dpo"])
    capsys.readouterr()
    _sign_in(workspace, cli_world.admin_id)
    assert main(["kvkk", "export", "--customer", "C-1001", "--output", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["callback_personal"][0]["phone"] is None  # purged above
    assert main(["kvkk", "request", "--ticket", str(cli_world.ticket_number)]) == 0
    assert "KVKK request" in capsys.readouterr().out
    _sign_in(workspace, cli_world.agent_id)  # erasure is an admin's act
    assert main(["kvkk", "erase", "--customer", "C-1001", "--reason", "x"]) == 2
    assert "admin" in capsys.readouterr().err
    _sign_in(workspace, cli_world.admin_id)
    assert out.exists()
    assert main(["kvkk", "erase", "--customer", "C-1001", "--reason", "Art. 7"]) == 0
    assert "erased customer" in capsys.readouterr().out
    assert not out.exists()  # the export the app wrote went with the erasure
    desk = open_desk(workspace, with_triage=False)
    try:
        with desk.db.read() as conn:
            assert conn.execute(select(CallbackPersonal.anonymised_why)).scalars().all() == [
                "retention"
            ]
    finally:
        desk.close()
