"""Canned replies: complete data, placeholder rendering, suggestions ordered by relevance."""

from __future__ import annotations

from pathlib import Path

import pytest

from websight_desk.domain.enums import RequesterKind
from websight_desk.policy import Action, Ruleset, evaluate
from websight_desk.policy.canned import CannedFileError, load_canned, render

from .helpers import NOON, facts


def test_every_action_has_a_reply() -> None:
    library = load_canned()
    for action in Action:
        assert library.for_action(action), action


def test_render_fills_and_reports_missing() -> None:
    reply = load_canned().get("email_setup_article")
    values = {
        "customer_name": "Ayşe Hanım",
        "incoming_server": "mail.ornek.com.tr",
        "incoming_port": "993",
    }
    result = render(reply, "tr", values)
    assert "Ayşe Hanım" in result.text
    assert "993" in result.text
    assert "outgoing_port" in result.missing
    assert "{outgoing_port}" in result.text
    assert "customer_name" not in result.missing
    english = render(reply, "en", values)
    assert english.text.startswith("Hello Ayşe Hanım")


def test_suggestions_follow_the_decision(ruleset: Ruleset) -> None:
    library = load_canned()
    decision = evaluate(
        facts("Mail", "Mail gönderemiyorum", requester=RequesterKind.RESELLER_END_CUSTOMER),
        ruleset,
        NOON,
    )
    suggested = [r.id for r in library.suggest(decision)]
    assert suggested[0].startswith("reseller_")
    abusive = evaluate(facts("Site", "aptal mısınız, site açılmıyor"), ruleset, NOON)
    assert "abuse_warning" in [r.id for r in library.suggest(abusive)]


def test_unknown_placeholder_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "canned.toml"
    path.write_text(
        '[[reply]]\nid = "x"\nclause = "support.continuity"\n'
        'title = { tr = "a", en = "b" }\nbody = { tr = "{musteri}", en = "{musteri}" }\n',
        encoding="utf-8",
    )
    with pytest.raises(CannedFileError, match="unknown placeholder"):
        load_canned(path)


def test_suggest_deduplicates_a_reply_matched_twice(ruleset: Ruleset) -> None:
    # the setup article is both the action's and the clause's reply: once, and first
    decision = evaluate(facts("Outlook", "Outlook'a mail hesabımı ekleyemedim"), ruleset, NOON)
    assert decision.primary_clause == "shared.email_client_setup"
    suggested = [r.id for r in load_canned().suggest(decision)]
    assert suggested[0] == "email_setup_article"
    assert len(suggested) == len(set(suggested))


@pytest.mark.parametrize(
    "text",
    [
        "WordPress kurar mısınız",
        "Temayı yükler misiniz",
        "Sunucum kapandı",
        "Parse error: syntax error",
        "aptal mısınız, site açılmıyor",
    ],
)
def test_suggest_works_for_every_kind_of_decision(text: str, ruleset: Ruleset) -> None:
    decision = evaluate(facts("Destek", text), ruleset, NOON)
    suggested = load_canned().suggest(decision)
    assert suggested, text
    assert len({r.id for r in suggested}) == len(suggested)
    assert all(r.clause in decision.clauses for r in suggested)
