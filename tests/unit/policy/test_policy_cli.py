"""`websight-desk triage`: JSON / JSON Lines in, one decision a line out; --eval scoring."""

from __future__ import annotations

import io
import json
from pathlib import Path

from websight_desk.cli.main import build_parser
from websight_desk.cli.triage import run_eval, run_stream
from websight_desk.policy import Ruleset

TICKET = {
    "subject": "WordPress kurulumu",
    "body": "WordPress kurar mısınız?",
    "service": "shared_hosting",
    "requester": "customer",
    "server_delivered": True,
    "has_sla": False,
    "managed": False,
    "received_at": "2026-11-26T11:00:00+03:00",
}


def _run(stdin: str, ruleset: Ruleset) -> tuple[int, list[dict[str, object]], str]:
    out, err = io.StringIO(), io.StringIO()
    status = run_stream(io.StringIO(stdin), ruleset, out, err)
    return status, [json.loads(line) for line in out.getvalue().splitlines()], err.getvalue()


def test_single_pretty_printed_ticket(ruleset: Ruleset) -> None:
    status, results, err = _run(json.dumps(TICKET, indent=2), ruleset)
    assert status == 0
    assert not err
    assert results[0]["verdict"] == "in_scope"
    assert results[0]["clauses"][0] == "shared.cms_install"  # type: ignore[index]


def test_json_lines_with_bad_lines(ruleset: Ruleset) -> None:
    case_line = json.dumps({"id": "c1", "ticket": TICKET, "expect": {}})
    bad_service = json.dumps({**TICKET, "service": "mainframe"})
    naive = json.dumps({**TICKET, "received_at": "2026-11-26T11:00:00"})
    stdin = "\n".join([json.dumps(TICKET), "{not json", case_line, bad_service, "", naive, "[1]"])
    status, results, err = _run(stdin, ruleset)
    assert status != 0
    assert len(results) == 2
    assert "line 2: invalid JSON" in err
    assert "line 4: 'service' must be one of" in err
    assert "line 6: 'received_at' needs a UTC offset" in err
    assert "line 7: expected a JSON object" in err


def test_eval_prints_misses_and_score(tmp_path: Path, ruleset: Ruleset) -> None:
    good = {
        "id": "ok",
        "ticket": TICKET,
        "expect": {"verdict": "in_scope", "clause": "shared.cms_install", "abuse": False},
    }
    wrong = {
        "id": "nope",
        "ticket": TICKET,
        "expect": {"verdict": "redirect", "clause": "shared.cms_install", "abuse": False},
    }
    shift = {"id": "shift", "ticket": TICKET, "expect": {**good["expect"], "shift": "on_call"}}  # type: ignore[dict-item]
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join(json.dumps(c) for c in (good, wrong, shift)) + "\n", encoding="utf-8")
    out = io.StringIO()
    assert run_eval(path, ruleset, out, io.StringIO()) == 0
    lines = out.getvalue().splitlines()
    assert lines[-1] == "policy-eval: 1/3 correct"
    assert any(line.startswith("MISS nope") for line in lines)
    assert any(line.startswith("MISS shift") for line in lines)


def test_parser_registers_triage_with_workspace() -> None:
    args = build_parser().parse_args(["triage", "--workspace", "/tmp/x", "--policy", "p.toml"])
    assert args.command == "triage"
    assert args.workspace == "/tmp/x"
    assert str(args.policy) == "p.toml"
