"""The paraphrase suite (`paraphrase_cases.py`): every clause in realistic phrasings."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Callable

import pytest

from websight_desk.domain.enums import RequesterKind, ServiceKind
from websight_desk.domain.turkish import fold, tr_upper
from websight_desk.policy import Facts, Ruleset, TextPart, evaluate
from websight_desk.policy.ruleset import DEFAULT_POLICY

from .helpers import NOON
from .paraphrase_cases import CASES, Case

MIN_PHRASINGS = 5


def _facts(case: Case) -> Facts:
    _id, _clause, subject, body, context, _flags = case
    service = context.get("service", "shared_hosting")
    return Facts(
        subject=subject,
        parts=(TextPart("body", body),),
        service=None if service == "unknown" else ServiceKind(service),
        requester=RequesterKind(context.get("requester", "customer")),
        server_delivered=context.get("server_delivered", True),
        has_sla=context.get("has_sla", False),
        managed=context.get("managed", False),
    )


@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_paraphrase(case: Case, ruleset: Ruleset) -> None:
    decision = evaluate(_facts(case), ruleset, NOON)
    clause, flags = case[1], case[5]
    assert decision.primary_clause == clause, decision.evidence
    assert decision.verdict == ruleset.clause(clause).verdict
    if "callback" in flags:
        assert ("other.phone_callback" in decision.clauses) is flags["callback"]
    abuse = flags.get("abuse", False)  # a ticket is not abusive unless the case says so
    assert decision.abuse is abuse, decision.evidence_for("other.abuse_termination")


def test_every_clause_has_five_phrasings(ruleset: Ruleset) -> None:
    counts = Counter(case[1] for case in CASES)
    for flag in ("callback", "abuse"):
        counts[flag] = sum(1 for case in CASES if flag in case[5])
    topical = [c for c, clause in ruleset.clauses.items() if clause.verdict is not None]
    for name in [*topical, "callback", "abuse"]:
        assert counts[name] >= MIN_PHRASINGS, name


def test_policy_data_has_no_sentence_of_the_cases() -> None:
    """Terms of four words or more must not be copied from the suite's tickets."""
    raw = tomllib.loads(DEFAULT_POLICY.read_text(encoding="utf-8"))
    tables = [raw["signals"], raw["signal_exceptions"]]
    terms = [t for table in tables for ts in table.values() for t in ts]
    texts = [fold(f"{c[2]} {c[3]}") for c in CASES]
    for term in terms:
        words = re.findall(r"[^\W_]+", fold(term))
        if len(words) < 4 or "*" in term or "@" in term:
            continue
        phrase = " ".join(words)
        assert not any(phrase in " ".join(re.findall(r"[^\W_]+", t)) for t in texts), term


@pytest.mark.parametrize("spelling", [fold, tr_upper], ids=["no-turkish-letters", "all-caps"])
def test_paraphrases_without_turkish_letters_and_in_capitals(
    spelling: Callable[[str], str], ruleset: Ruleset
) -> None:
    wrong = []
    for case in CASES:
        case_id, clause, subject, body, context, flags = case
        respelt = (case_id, clause, spelling(subject), spelling(body), context, flags)
        decision = evaluate(_facts(respelt), ruleset, NOON)
        if decision.primary_clause != clause or decision.abuse is not flags.get("abuse", False):
            wrong.append(case_id)
    assert not wrong
