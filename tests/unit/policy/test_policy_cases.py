"""Labelled tickets: our own varied cases (both languages, caps, no Turkish letters, quotes)."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from websight_desk.cli.triage import run_eval, triage_ticket
from websight_desk.policy import Ruleset

HERE = Path(__file__).parent
EXTRA = HERE / "cases_extra.jsonl"
# The labelled dev cases live beside the repository (`../shared/`), not in it.
REPO = HERE.parent.parent.parent
DEV = REPO.parent / "shared" / "policy-cases" / "dev.jsonl"


def _cases(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("case", _cases(EXTRA), ids=lambda c: c["id"])
def test_extra_case(case: dict[str, Any], ruleset: Ruleset) -> None:
    decision = triage_ticket(case["ticket"], ruleset)
    expect = case["expect"]
    assert decision.verdict.value == expect["verdict"]
    assert expect["clause"] in decision.clauses
    assert decision.primary_clause == expect["clause"]
    assert decision.abuse is expect["abuse"]
    if "shift" in expect:
        assert decision.shift.value == expect["shift"]


def test_extra_cases_are_many_and_varied() -> None:
    cases = _cases(EXTRA)
    assert len(cases) >= 50
    clauses = {c["expect"]["clause"] for c in cases}
    assert len(clauses) >= 11  # every topic clause is exercised


@pytest.mark.skipif(
    not DEV.exists(),
    reason=f"the shared dev cases are not at {DEV} (../shared beside the repository)",
)
def test_dev_set_score(ruleset: Ruleset) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert run_eval(DEV, ruleset, out, err) == 0
    last = out.getvalue().splitlines()[-1]
    correct, total = last.removeprefix("policy-eval: ").removesuffix(" correct").split("/")
    assert int(total) == 41
    assert int(correct) >= 40, out.getvalue()
