"""Score the mail suite from raw `triage` output (a decision's JSON), as the hidden sets are."""

from __future__ import annotations

import json
from typing import Any

from websight_desk.cli.triage import triage_ticket
from websight_desk.policy import Ruleset, decision_json

from .mail_cases import CASES, as_case_line

CALLBACK = "other.phone_callback"


def misses(output: dict[str, Any], expect: dict[str, Any]) -> list[str]:
    """What in one triage output differs from the case's expectations (empty: correct)."""
    clauses = output["clauses"]
    wrong = []
    if output["verdict"] != expect["verdict"]:
        wrong.append(f"verdict {output['verdict']}")
    if not clauses or clauses[0] != expect["clause"]:
        wrong.append(f"primary {clauses[0] if clauses else '-'}")
    if output["abuse"] is not expect["abuse"]:
        wrong.append(f"abuse {output['abuse']}")
    if "shift" in expect and output["shift"] != expect["shift"]:
        wrong.append(f"shift {output['shift']}")
    if "callback" in expect and (CALLBACK in clauses) is not expect["callback"]:
        wrong.append(f"callback {CALLBACK in clauses}")
    wrong += [f"no {clause}" for clause in expect.get("also", ()) if clause not in clauses]
    return wrong


def score(ruleset: Ruleset) -> tuple[int, dict[str, list[str]]]:
    """(number of cases, misses by case id) over the whole suite."""
    failed: dict[str, list[str]] = {}
    for case in CASES:
        line = as_case_line(case)
        decision = triage_ticket(line["ticket"], ruleset)
        output = json.loads(json.dumps(decision_json(decision, ruleset), ensure_ascii=False))
        wrong = misses(output, line["expect"])
        if wrong:
            failed[line["id"]] = [*wrong, f"got {','.join(output['clauses'])}"]
    return len(CASES), failed


if __name__ == "__main__":
    from websight_desk.policy import load_ruleset

    total, failed = score(load_ruleset())
    for case_id, wrong in failed.items():
        print(f"MISS {case_id}: {'; '.join(wrong)}")
    print(f"mail-suite: {total - len(failed)}/{total} correct")
