"""Property tests: any text is safe, case/diacritic variants agree, decisions are deterministic."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from websight_desk.domain.enums import RequesterKind, ServiceKind
from websight_desk.domain.turkish import fold, tr_lower, tr_upper
from websight_desk.policy import Facts, Ruleset, TextPart, decision_json, evaluate, load_ruleset

RULESET: Ruleset = load_ruleset()
PHRASES = [
    "WordPress kurulumu yapar mısınız",
    "temayı yükler misiniz",
    "şifremi unuttum",
    "iPhone'a mail kuramadım",
    "PHP kodumda hata var",
    "Parse error: syntax error",
    "sunucuya erişemiyorum",
    "nginx ayarı",
    "sitem açılmıyor",
    "aptal mısınız",
    "şikayet ediyorum",
    "sıkıntı yaşıyorum",
    "eklenti memory limit hatası",
    "> On Mon wrote:",
    "Outlook IMAP ayarları",
    "hostingi bayinizden aldım",
]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(PHRASES), max_size=5).map(". ".join),
)
contexts = st.fixed_dictionaries(
    {
        "service": st.sampled_from([*ServiceKind, None]),
        "requester": st.sampled_from(list(RequesterKind)),
        "server_delivered": st.booleans(),
        "has_sla": st.booleans(),
        "managed": st.booleans(),
    }
)
moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(UTC)
)


def _facts(subject: str, body: str, ctx: dict[str, object]) -> Facts:
    return Facts(subject=subject, parts=(TextPart("body", body),), **ctx)  # type: ignore[arg-type]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(texts, texts, contexts, moments)
def test_never_crashes_and_evidence_is_exact(
    subject: str, body: str, ctx: dict[str, object], now: datetime
) -> None:
    decision = evaluate(_facts(subject, body, ctx), RULESET, now)
    assert decision.clauses[0] == decision.primary_clause
    assert "support.hours" in decision.clauses
    source = {"subject": subject, "body": body}
    for item in decision.evidence:
        assert source[item.field][item.start : item.end] == item.text
    decision_json(decision, RULESET)


@settings(max_examples=200)
@given(texts, texts, contexts, moments)
def test_deterministic(subject: str, body: str, ctx: dict[str, object], now: datetime) -> None:
    first = evaluate(_facts(subject, body, ctx), RULESET, now)
    assert evaluate(_facts(subject, body, ctx), RULESET, now) == first


@settings(max_examples=200)
@given(st.lists(st.sampled_from(PHRASES), min_size=1, max_size=4).map(". ".join), contexts)
def test_case_and_diacritic_variants_agree(body: str, ctx: dict[str, object]) -> None:
    now = datetime(2026, 11, 26, 8, tzinfo=UTC)
    base = evaluate(_facts("Destek", body, ctx), RULESET, now)
    for variant in (tr_upper(body), tr_lower(body), fold(body), tr_upper(fold(body))):
        other = evaluate(_facts("Destek", variant, ctx), RULESET, now)
        assert other.verdict == base.verdict
        assert other.primary_clause == base.primary_clause
        assert other.abuse == base.abuse
