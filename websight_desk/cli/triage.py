"""`websight-desk triage`: apply the support policy to JSON tickets on stdin, or `--eval` cases."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from websight_desk.domain.errors import ValidationError
from websight_desk.policy import (
    Decision,
    Facts,
    Ruleset,
    decision_json,
    evaluate,
    load_ruleset,
)


def register(subparsers: Any) -> None:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "triage",
        help="apply the support policy to tickets (JSON or JSON Lines on stdin)",
        description="Read one JSON ticket, or JSON Lines, on stdin and write one JSON decision "
        "a line. A ticket is {subject, body, service, requester, server_delivered, has_sla, "
        "managed, received_at}; a labelled case line {id, ticket, expect} is accepted too.",
    )
    from websight_desk.cli.common import add_workspace_option

    add_workspace_option(parser)
    parser.add_argument(
        "--eval",
        metavar="FILE",
        type=Path,
        help="run labelled cases (JSON Lines with id, ticket, expect); print misses and a score",
    )
    parser.add_argument(
        "--policy",
        metavar="FILE",
        type=Path,
        help="use this policy file (an edited copy) instead of the built-in one",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    ruleset = load_ruleset(args.policy)
    if args.eval is not None:
        return run_eval(args.eval, ruleset, sys.stdout, sys.stderr)
    return run_stream(sys.stdin, ruleset, sys.stdout, sys.stderr)


def triage_ticket(ticket: dict[str, Any], ruleset: Ruleset) -> Decision:
    """Decide one ticket object; ValidationError names the bad field."""
    if isinstance(ticket, dict) and isinstance(ticket.get("ticket"), dict):
        ticket = ticket["ticket"]  # a whole labelled case line
    facts = Facts.from_ticket_json(ticket)
    return evaluate(facts, ruleset, _received_at(ticket))


def run_stream(stdin: TextIO, ruleset: Ruleset, out: TextIO, err: TextIO) -> int:
    failures = 0
    for number, item in _items(stdin.read()):
        try:
            if isinstance(item, _Bad):
                raise ValidationError(item.problem)
            decision = triage_ticket(item, ruleset)
        except ValidationError as exc:
            failures += 1
            print(f"websight-desk triage: line {number}: {exc.message}", file=err)
            continue
        print(json.dumps(decision_json(decision, ruleset), ensure_ascii=False), file=out)
    return 1 if failures else 0


def run_eval(path: Path, ruleset: Ruleset, out: TextIO, err: TextIO) -> int:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ValidationError(f"cannot read {path}: {exc.strerror or exc}") from None
    total = correct = bad_lines = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        total += 1
        try:
            case = json.loads(line)
            if not isinstance(case, dict) or not isinstance(case.get("expect"), dict):
                raise ValidationError("a case needs 'ticket' and 'expect' objects")
            expect = case["expect"]
            decision = triage_ticket(case, ruleset)
        except (json.JSONDecodeError, ValidationError) as exc:
            bad_lines += 1
            print(f"websight-desk triage: {path}:{number}: {_problem(exc)}", file=err)
            continue
        if _matches(decision, expect):
            correct += 1
        else:
            print(
                f"MISS {case.get('id', f'line {number}')}: expected "
                f"{expect.get('verdict')}/{expect.get('clause')} abuse={expect.get('abuse')} "
                f"shift={expect.get('shift', '-')}; got {decision.verdict.value}/"
                f"{','.join(decision.clauses)} abuse={decision.abuse} "
                f"shift={decision.shift.value}",
                file=out,
            )
    print(f"policy-eval: {correct}/{total} correct", file=out)
    return 1 if bad_lines else 0


def _matches(decision: Decision, expect: dict[str, Any]) -> bool:
    return (
        decision.verdict.value == expect.get("verdict")
        and decision.abuse == bool(expect.get("abuse", False))
        and ("shift" not in expect or decision.shift.value == expect["shift"])
        and expect.get("clause") in decision.clauses
    )


class _Bad:
    def __init__(self, problem: str) -> None:
        self.problem = problem


def _items(data: str) -> Iterator[tuple[int, Any]]:
    """Yield (line number, parsed object or _Bad): one JSON document, or JSON Lines."""
    if data.strip():
        try:
            whole = json.loads(data)
        except json.JSONDecodeError:
            pass
        else:
            if isinstance(whole, dict):
                yield 1, whole
                return
    for number, line in enumerate(data.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            yield number, _Bad(_problem(exc))
            continue
        yield number, item if isinstance(item, dict) else _Bad("expected a JSON object")


def _problem(exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON: {exc.msg} (column {exc.colno})"
    if isinstance(exc, ValidationError):
        return exc.message
    return str(exc)


def _received_at(ticket: dict[str, Any]) -> datetime:
    raw = ticket.get("received_at")
    if raw is None:
        return datetime.now(UTC)  # the CLI may read the clock; the engine never does
    if not isinstance(raw, str):
        raise ValidationError("'received_at' must be an ISO 8601 string")
    try:
        when = datetime.fromisoformat(raw)
    except ValueError:
        raise ValidationError(f"'received_at' is not an ISO 8601 date-time: {raw!r}") from None
    if when.tzinfo is None:
        raise ValidationError(f"'received_at' needs a UTC offset (e.g. +03:00): {raw!r}")
    return when
