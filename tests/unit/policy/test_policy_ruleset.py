"""Loading the policy: precise errors for broken files, and edited copies change decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from websight_desk.domain.errors import EnvironmentProblem
from websight_desk.domain.shift import DEFAULT_HOURS, Shift, shift_for
from websight_desk.policy import (
    CLAUSE_IDS,
    PolicyFileError,
    Ruleset,
    evaluate,
    load_ruleset,
    shift_at,
)
from websight_desk.policy.clause_texts import CLAUSE_TEXTS
from websight_desk.policy.ruleset import DEFAULT_POLICY

from .helpers import NOON, facts

ORIGINAL = DEFAULT_POLICY.read_text(encoding="utf-8")


def _copy(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "policy.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_packaged_policy_has_every_clause_in_both_languages(ruleset: Ruleset) -> None:
    assert ruleset.version
    for clause_id in CLAUSE_IDS:
        clause = ruleset.clause(clause_id)
        for lang in ("tr", "en"):
            assert clause.title(lang)
            assert clause.text(lang)
            assert clause.reason(lang)
    assert "müşteri" in ruleset.clause("shared.email_client_setup").text("tr")


@pytest.mark.parametrize(
    ("edit", "where", "problem"),
    [
        (('verdict = "redirect"', 'verdict = "maybe"'), "shared.reseller_end_customer", "verdict"),
        (
            ('[clauses."shared.cms_install"]', '[clauses."shared.cms_instal"]'),
            "cms_instal",
            "unknown clause id",
        ),
        (
            ('require = [["cms_setup"]]', 'require = [["cms_setupp"]]'),
            "shared.cms_install",
            "unknown signal 'cms_setupp'",
        ),
        (
            ('actions = ["send_setup_article"]', 'actions = ["send_article"]'),
            "shared.email_client_setup",
            "unknown action",
        ),
        (('version = "2026.1"', 'version = ""'), "version", "non-empty"),
        (('regular_end = "18:00"', 'regular_end = "8 pm"'), "settings.regular_end", "not a time"),
        (('"kur", "kurul*"', '"kur", "k*"'), "signals", "too short"),
        (("priority = 47", 'priority = "high"'), "shared.cms_install", "priority"),
    ],
)
def test_broken_policy_is_reported_precisely(
    tmp_path: Path, edit: tuple[str, str], where: str, problem: str
) -> None:
    old, new = edit
    assert old in ORIGINAL
    path = _copy(tmp_path, ORIGINAL.replace(old, new, 1))
    with pytest.raises(PolicyFileError) as info:
        load_ruleset(path)
    error = info.value
    assert isinstance(error, EnvironmentProblem)
    assert str(path) in str(error)
    assert where in error.where
    assert problem in error.problem


def test_toml_syntax_error_names_line(tmp_path: Path) -> None:
    path = _copy(tmp_path, ORIGINAL.replace('version = "2026.1"', "version = 2026.1.1", 1))
    with pytest.raises(PolicyFileError, match="line"):
        load_ruleset(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PolicyFileError, match="does not exist"):
        load_ruleset(tmp_path / "nope.toml")


def test_missing_clause_is_reported(tmp_path: Path) -> None:
    start = ORIGINAL.index('[clauses."other.phone_callback"]')
    end = ORIGINAL.index('[clauses."other.abuse_termination"]')
    path = _copy(tmp_path, ORIGINAL[:start] + ORIGINAL[end:])
    with pytest.raises(PolicyFileError, match=r"other\.phone_callback.*missing"):
        load_ruleset(path)


def test_edited_copy_changes_decisions_without_code(tmp_path: Path, ruleset: Ruleset) -> None:
    ticket = facts("Kurulum", "Hostingime Ghostfolio kurar mısınız?")
    assert evaluate(ticket, ruleset, NOON).primary_clause == "support.continuity"
    edited = ORIGINAL.replace('cms = ["wordpress*",', 'cms = ["ghostfolio", "wordpress*",', 1)
    edited = edited.replace('version = "2026.1"', 'version = "2026.1-acme"', 1)
    custom = load_ruleset(_copy(tmp_path, edited))
    decision = evaluate(ticket, custom, NOON)
    assert decision.primary_clause == "shared.cms_install"
    assert decision.ruleset_version == "2026.1-acme"


def test_edited_hours_change_the_shift(tmp_path: Path) -> None:
    custom = load_ruleset(_copy(tmp_path, ORIGINAL.replace('"09:00"', '"12:00"', 1)))
    assert evaluate(facts("Site", "Sitem açılmıyor"), custom, NOON).shift == "on_call"


def test_default_is_cached() -> None:
    assert load_ruleset() is load_ruleset(None)


def test_shift_hours_come_from_the_policy_data(ruleset: Ruleset) -> None:
    """Callers without a ruleset (the callback rules) use `DEFAULT_HOURS`: the packaged ones."""
    assert ruleset.shift_hours == DEFAULT_HOURS
    moment = NOON.replace(hour=8, minute=59)
    assert shift_at(moment, ruleset) is shift_for(moment) is Shift.ON_CALL


def test_clause_words_are_translations_not_data(tmp_path: Path) -> None:
    assert set(CLAUSE_TEXTS) == set(CLAUSE_IDS)
    edited = ORIGINAL.replace(
        '[clauses."support.hours"]\n', '[clauses."support.hours"]\ntitle = { tr = "a", en = "b" }\n'
    )
    with pytest.raises(PolicyFileError, match="translated"):
        load_ruleset(_copy(tmp_path, edited))
