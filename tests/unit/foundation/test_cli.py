"""The command line: help everywhere, stats counts domain records, db upgrade reports."""

import json
from pathlib import Path

import pytest

from websight_desk.cli.main import build_parser, main
from websight_desk.domain.enums import Role
from websight_desk.services import people
from websight_desk.services.desk import open_desk


def _subcommands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


def test_every_subcommand_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    names = _subcommands()
    assert {"demo", "db", "stats", "triage"} <= set(names)
    for name in names:
        with pytest.raises(SystemExit) as done:
            main([name, "--help"])
        assert done.value.code == 0
        assert "usage:" in capsys.readouterr().out


def test_stats_json_counts_domain_tables_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws"
    d = open_desk(ws, with_triage=False)
    with d.writer() as w:
        people.add_agent(w, people.NewAgent("a", "A", Role.AGENT))
    d.close()
    assert main(["stats", "--json", "--workspace", str(ws)]) == 0
    counts = json.loads(capsys.readouterr().out)
    assert counts["agents"] == 1
    assert counts["tickets"] == 0
    assert not any(name.startswith("sync_") for name in counts)


def test_workspace_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WEBSIGHT_DESK_HOME", str(tmp_path / "envws"))
    assert main(["db", "upgrade"]) == 0
    assert str(tmp_path / "envws" / "desk.sqlite3") in capsys.readouterr().out


def test_environment_problem_exits_2_with_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = tmp_path / "ws"
    ws.mkdir()
    (ws / "desk.sqlite3").write_bytes(b"garbage" * 50)
    assert main(["stats", "--workspace", str(ws)]) == 2
    err = capsys.readouterr().err
    assert "damaged" in err or "not a Websight Desk database" in err
    assert str(ws / "desk.sqlite3") in err
