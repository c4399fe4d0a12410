"""The company settings the server holds: strict values, the CLI, the table, `GET /v1/settings`."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from tests.e2e.sync.serverproc import ServerProc
from websight_desk.domain.company import CompanySettings, PublishedSettings
from websight_desk.server import cli
from websight_desk.server.company import (
    load_company_settings,
    load_published,
    save_company_settings,
    settings_history,
)
from websight_desk.server.schema import server_metadata
from websight_desk.server.store import alembic_config, open_store
from websight_desk.storage.migrations_filter import include_object
from websight_desk.storage.models import Base


def test_defaults_and_retention() -> None:
    s = CompanySettings()
    assert s.retention("callback_notes") == timedelta(days=365)
    assert s.retention("abuse_evidence") == timedelta(days=730)
    assert (s.notes_limit, s.request_days, s.allow_foreign_numbers) == (1000, 30, False)
    assert s.central_store_location == ""
    assert s.transfer_mechanism is None
    with pytest.raises(KeyError):
        s.retention("marketing")


def test_json_round_trip_and_partial_input() -> None:
    s = CompanySettings(
        retention_days={"callback_notes": 400},
        notes_limit=800,
        central_store_location="  Almanya   (Frankfurt) ",
        transfer_mechanism="KVKK standard contract, 2025-03-01",
    )
    assert s.retention_days == {"callback_notes": 400, "abuse_evidence": 730}
    assert s.central_store_location == "Almanya (Frankfurt)"
    assert CompanySettings.from_json(json.loads(json.dumps(s.to_json()))) == s
    assert CompanySettings.from_json({"notes_limit": 500}) == CompanySettings(notes_limit=500)
    published = PublishedSettings(s, 3, None)
    assert PublishedSettings.from_json(published.to_json()) == published


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"notes_limit": 50}, "notes_limit must be from 100 to 10000, not 50"),
        ({"notes_limit": 10001}, "notes_limit must be from 100 to 10000"),
        ({"notes_limit": "800"}, "notes_limit must be a whole number"),
        ({"notes_limit": True}, "notes_limit must be a whole number"),
        ({"notes_limit": 800.0}, "notes_limit must be a whole number"),
        ({"retention_days": {"callback_notes": 0}}, "retention_days.callback_notes must be"),
        ({"retention_days": {"callback_notes": 3651}}, "from 1 to 3650"),
        ({"retention_days": {"marketing": 10}}, "Unknown record class 'marketing'"),
        ({"retention_days": [365]}, "retention_days must map"),
        ({"request_days": 31}, "request_days must be from 1 to 30"),
        ({"purge_log_days": 365}, "purge_log_days must be from 1095"),
        ({"allow_foreign_numbers": "yes"}, "allow_foreign_numbers must be true or false"),
        ({"central_store_location": 5}, "central_store_location must be text"),
        ({"central_store_location": "x" * 201}, "at most 200 characters"),
        ({"transfer_mechanism": "a\x00b"}, "control characters"),
        ({"colour": "blue"}, "Unknown company setting 'colour'"),
        ([1, 2], "must be a JSON object"),
    ],
)
def test_from_json_refuses_bad_values(data: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace(")", r"\)")):
        CompanySettings.from_json(data)


def test_a_newer_servers_unknown_keys_can_be_skipped() -> None:
    s = CompanySettings.from_json({"notes_limit": 700, "future": 1}, ignore_unknown=True)
    assert s.notes_limit == 700


def test_store_abroad_needs_a_transfer_mechanism() -> None:
    assert not CompanySettings(central_store_location="TÜRKİYE (İstanbul)").store_abroad
    assert not CompanySettings(central_store_location="Turkiye, Ankara").transfer_missing
    abroad = CompanySettings(central_store_location="Almanya (Frankfurt)")
    assert abroad.store_abroad
    assert abroad.transfer_missing
    assert not CompanySettings(
        central_store_location="Almanya (Frankfurt)", transfer_mechanism="Standard contract"
    ).transfer_missing


def test_with_value_parses_what_an_administrator_types() -> None:
    s = CompanySettings()
    assert (
        s.with_value("retention_days.callback_notes", "400").retention_days["callback_notes"] == 400
    )
    assert s.with_value("allow_foreign_numbers", "yes").allow_foreign_numbers is True
    assert s.with_value("transfer_mechanism", "").transfer_mechanism is None
    with pytest.raises(ValueError, match="must be a whole number, not 'many'"):
        s.with_value("notes_limit", "many")
    with pytest.raises(ValueError, match="Unknown company setting 'note_limit'"):
        s.with_value("note_limit", "500")


def test_save_load_and_history(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        with store.read() as conn:
            assert load_published(conn) == PublishedSettings(CompanySettings(), 0, None)
        with store.write() as conn:
            first = save_company_settings(conn, CompanySettings(notes_limit=800), "admin")
            same = save_company_settings(conn, CompanySettings(notes_limit=800), "admin")
            second = save_company_settings(conn, CompanySettings(notes_limit=900), "dpo")
        assert (first.version, same.version, second.version) == (1, 1, 2)
        with store.read() as conn:
            assert load_company_settings(conn).notes_limit == 900
            history = settings_history(conn)
        assert [(c.published.version, c.updated_by) for c in history] == [(2, "dpo"), (1, "admin")]
    finally:
        store.close()


def test_server_models_match_migrations_and_step_down(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        with store.engine.begin() as conn:
            context = MigrationContext.configure(
                conn, opts={"include_object": include_object, "compare_type": True}
            )
            assert compare_metadata(context, [Base.metadata, server_metadata]) == []
            command.downgrade(alembic_config(conn), "s0001_server")
            assert "server_company_settings" not in inspect(conn).get_table_names()
            command.upgrade(alembic_config(conn), "heads")
            assert "server_company_settings" in inspect(conn).get_table_names()
    finally:
        store.close()


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_cli_set_show_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = ["--data", str(tmp_path)]
    status, out, _err = _cli(capsys, "settings", "show", *data)
    assert status == 0
    assert "the defaults" in out
    assert "retention_days.callback_notes  365" in out

    status, out, _err = _cli(
        capsys, "settings", "set", *data, "retention_days.callback_notes", "400"
    )
    assert status == 0
    assert "365 -> 400 (settings version 1)" in out
    _cli(capsys, "settings", "set", *data, "notes_limit", "800", "--by", "dpo")
    status, _out, err = _cli(
        capsys, "settings", "set", *data, "central_store_location", "Almanya (Frankfurt)"
    )
    assert "no transfer_mechanism is recorded" in err
    _cli(capsys, "settings", "set", *data, "transfer_mechanism", "KVKK standard contract")

    status, out, _err = _cli(capsys, "settings", "show", *data, "--json")
    shown = json.loads(out)
    assert shown["version"] == 4
    assert shown["updated_by"].startswith("cli")
    assert shown["settings"]["retention_days"]["callback_notes"] == 400
    assert shown["settings"]["notes_limit"] == 800
    assert shown["settings"]["central_store_location"] == "Almanya (Frankfurt)"
    assert shown["settings"]["transfer_mechanism"] == "KVKK standard contract"

    status, out, _err = _cli(capsys, "settings", "history", *data)
    lines = out.splitlines()
    assert len(lines) == 4
    assert "dpo" in lines[2]
    assert "notes_limit=800" in lines[2]


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("notes_limit", "50", "notes_limit must be from 100 to 10000, not 50."),
        ("retention_days.callback_notes", "0", "must be from 1 to 3650"),
        ("retention_days.marketing", "30", "Unknown record class 'marketing'"),
        ("request_days", "45", "request_days must be from 1 to 30"),
        ("allow_foreign_numbers", "perhaps", "must be true or false"),
        ("colour", "blue", "Unknown company setting 'colour'"),
    ],
)
def test_cli_refuses_bad_values(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: str, message: str
) -> None:
    status, _out, err = _cli(capsys, "settings", "set", "--data", str(tmp_path), key, value)
    assert status == 2
    assert message in err
    status, out, _err = _cli(capsys, "settings", "show", "--data", str(tmp_path), "--json")
    assert json.loads(out)["version"] == 0  # nothing was stored


def test_get_settings_over_http(server: ServerProc) -> None:
    _, token = server.add_account("ayse", "agent")
    auth = {"Authorization": f"Bearer {token}"}
    r = httpx.get(f"{server.url}/v1/settings", headers=auth, timeout=30)
    assert r.status_code == 200, r.text
    assert r.json() == PublishedSettings(CompanySettings()).to_json()

    store = server.store()
    try:
        with store.write() as conn:
            saved = save_company_settings(
                conn,
                CompanySettings(
                    retention_days={"callback_notes": 400},
                    central_store_location="Türkiye (İstanbul)",
                ),
                "admin",
            )
    finally:
        store.close()
    r = httpx.get(f"{server.url}/v1/settings", headers=auth, timeout=30)
    body = r.json()
    assert body["version"] == saved.version == 1
    assert body["settings"]["retention_days"]["callback_notes"] == 400
    assert body["settings"]["central_store_location"] == "Türkiye (İstanbul)"
    assert PublishedSettings.from_json(body) == saved

    r = httpx.get(f"{server.url}/v1/settings", headers={"Authorization": "Bearer no"}, timeout=30)
    assert r.status_code == 401
    assert r.json()["error"] == "unauthorized"
