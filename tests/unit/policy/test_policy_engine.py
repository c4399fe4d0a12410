"""Engine behaviour: context, shift boundaries, evidence offsets, quoting, decision shape."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from websight_desk.domain.enums import RequesterKind, ServiceKind
from websight_desk.policy import (
    Action,
    Facts,
    Ruleset,
    Shift,
    TextPart,
    Verdict,
    decision_json,
    evaluate,
    explain,
)

from .helpers import NOON, facts

IST = ZoneInfo("Europe/Istanbul")
NGINX = "Sunucuma nginx kurdum, unknown directive hatası alıyorum. nginx.conf'u düzeltir misiniz?"


@pytest.mark.parametrize(
    ("local", "shift"),
    [
        ((8, 59), Shift.ON_CALL),
        ((9, 0), Shift.REGULAR),
        ((17, 59), Shift.REGULAR),
        ((18, 0), Shift.ON_CALL),
        ((23, 40), Shift.ON_CALL),
        ((0, 0), Shift.ON_CALL),
    ],
)
def test_shift_boundaries(local: tuple[int, int], shift: Shift, ruleset: Ruleset) -> None:
    for day in (23, 28, 29):  # a Monday, a Saturday and a Sunday
        now = datetime(2026, 11, day, *local, tzinfo=IST)
        assert evaluate(facts("Site", "açılmıyor"), ruleset, now.astimezone(UTC)).shift == shift


def test_naive_now_is_refused(ruleset: Ruleset) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        evaluate(facts("x"), ruleset, datetime(2026, 1, 1, 10))


@pytest.mark.parametrize(
    ("kwargs", "clause", "verdict"),
    [
        ({}, "server.post_delivery", Verdict.OUT_OF_SCOPE),
        ({"sla": True}, "server.sla_managed", Verdict.IN_SCOPE),
        ({"managed": True}, "server.sla_managed", Verdict.IN_SCOPE),
        ({"delivered": False}, "server.delivery", Verdict.IN_SCOPE),
        (
            {"requester": RequesterKind.RESELLER_END_CUSTOMER},
            "shared.reseller_end_customer",
            Verdict.REDIRECT,
        ),
    ],
)
def test_server_context_decides(
    kwargs: dict[str, object], clause: str, verdict: Verdict, ruleset: Ruleset
) -> None:
    decision = evaluate(facts("nginx", NGINX, service=ServiceKind.VPS, **kwargs), ruleset, NOON)  # type: ignore[arg-type]
    assert decision.primary_clause == clause
    assert decision.verdict == verdict


def test_unreachable_server_is_continuity_even_after_delivery(ruleset: Ruleset) -> None:
    for service in (ServiceKind.VPS, ServiceKind.VDS, ServiceKind.CLOUD, ServiceKind.DEDICATED):
        ticket = facts(
            "Sunucu çöktü", "Sunucuma SSH ile bağlanamıyorum, ping de atmıyor.", service=service
        )
        assert evaluate(ticket, ruleset, NOON).primary_clause == "support.continuity"


def test_post_delivery_actions_and_discretion(ruleset: Ruleset) -> None:
    decision = evaluate(facts("nginx", NGINX, service=ServiceKind.VDS), ruleset, NOON)
    assert decision.actions == (Action.OFFER_SLA_OR_MANAGED,)
    assert decision.discretion


def test_email_setup_must_send_article(ruleset: Ruleset) -> None:
    decision = evaluate(facts("Outlook", "Outlook'a mail hesabımı nasıl eklerim?"), ruleset, NOON)
    assert Action.SEND_SETUP_ARTICLE in decision.actions


def test_clauses_always_cite_hours_and_primary_first(ruleset: Ruleset) -> None:
    decision = evaluate(facts("", ""), ruleset, NOON)
    assert decision.clauses[0] == "support.continuity"
    assert "support.hours" in decision.clauses
    assert decision.clauses.count("support.hours") == 1


def test_evidence_offsets_point_into_original_text(ruleset: Ruleset) -> None:
    body = "İPHONE'UMA KURUMSAL MAİLİMİ KURAMIYORUM, IMAP AYARLARI NEDİR?"
    decision = evaluate(facts("Mail kurulumu", body), ruleset, NOON)
    assert decision.primary_clause == "shared.email_client_setup"
    texts = {"subject": "Mail kurulumu", "body": body}
    assert decision.evidence
    for item in decision.evidence:
        assert texts[item.field][item.start : item.end] == item.text


def test_message_parts_keep_their_field(ruleset: Ruleset) -> None:
    ticket = Facts(
        subject="Destek",
        parts=(
            TextPart("message:0190-a", "Merhaba"),
            TextPart("message:0190-b", "WordPress kurulumu yapar mısınız?"),
        ),
    )
    decision = evaluate(ticket, ruleset, NOON)
    assert decision.primary_clause == "shared.cms_install"
    assert {e.field for e in decision.evidence_for("shared.cms_install")} == {"message:0190-b"}


def test_quoted_history_counts_less_than_new_text(ruleset: Ruleset) -> None:
    body = (
        "Eklentiyi kurmama yardım eder misiniz?\n\n"
        "On Mon, 24 Nov 2026 at 10:00, Websight <destek@websight.com.tr> wrote:\n"
        "> WordPress kurulumunuz tamamlandı.\n> Sitem açılmıyor demiştiniz.\n"
    )
    decision = evaluate(facts("Yardım", body), ruleset, NOON)
    assert decision.primary_clause == "shared.cms_themes_plugins"


def test_quoted_only_topic_beats_nothing(ruleset: Ruleset) -> None:
    body = "Bir gelişme var mı?\n\n> WordPress kurulumu yapar mısınız?\n"
    assert evaluate(facts("Soru", body), ruleset, NOON).primary_clause == "shared.cms_install"


def test_callback_request_is_offered(ruleset: Ruleset) -> None:
    decision = evaluate(
        facts("Site", "Sorunu anlatamıyorum, beni telefonla arayabilir misiniz?"), ruleset, NOON
    )
    assert "other.phone_callback" in decision.clauses
    assert Action.OFFER_PHONE_CALLBACK in decision.actions


def test_decision_json_shape(ruleset: Ruleset) -> None:
    data = decision_json(evaluate(facts("SSL", "Sertifika süresi dolmuş"), ruleset, NOON), ruleset)
    assert set(data) == {
        "verdict",
        "clauses",
        "actions",
        "abuse",
        "discretion",
        "shift",
        "evidence",
        "explanation",
    }
    assert set(data["explanation"]) == {"tr", "en"}
    assert "Hizmet sürekliliği" in data["explanation"]["tr"]
    assert "Service continuity" in data["explanation"]["en"]
    for item in data["evidence"]:
        assert set(item) == {"clause", "field", "text", "start", "end"}


def test_on_call_explained(ruleset: Ruleset) -> None:
    night = NOON + timedelta(hours=12)
    decision = evaluate(facts("Site", "açılmıyor"), ruleset, night)
    assert "nöbetçi" in explain(decision, ruleset, "tr")
    assert "on-call" in explain(decision, ruleset, "en")
