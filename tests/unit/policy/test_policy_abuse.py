"""The abuse detector: insults aimed at staff, obfuscated swearing, and no false alarms."""

from __future__ import annotations

import pytest

from websight_desk.policy import Ruleset, evaluate

from .helpers import NOON, facts

ABUSIVE = [
    "Aptal mısınız siz?",
    "Beceriksiz herifler, siteyi açın!",
    "Siz ne biçim firmasınız lan, şerefsizler",
    "SEREFSIZLER PARAMI VERIN",
    "s1kt1r git",
    "S İ K T İ R",
    "a.p.t.a.l mısınız",
    "siktirrrrr",
    "amk sitesi yine çöktü",
    "@mk",
    "Salaksınız",
    "gerizekalılar",
    "You are fucking useless idiots",
    "f*ck this service",
    "sh*t hosting",
    "you morons",
    "What a bunch of idiots",
    "you are useless",
    "F.U.C.K",
    "go to hell",
    "mal mısınız",
]
CLEAN = [
    "Mail gönderirken sıkıntı yaşıyorum",
    "mail gonderirken sikinti yasiyorum",
    "Şikayetimi iletmek istiyorum",
    "sikayet ediyorum",
    "Ambulans firmasının sitesi açılmıyor",
    "Dosyaları yeni sunucuya götürmek istiyorum",
    "Malın teslimatı gecikti",
    "SINIF listesi sayfası açılmıyor",
    "Rezalet bir hizmet, yöneticinizle görüşmek istiyorum",
    "Aptalca bir hata yaptım, şifremi unuttum",
    "I got an error when uploading",
    "Your service is useless lately, the site is slow",
    "Bu kadar sıkıcı bir panel görmedim",
    "Hayvanlar için bağış sitemiz açılmıyor",
    "Mallar depoya ulaştı mı bilgisi sitede görünmüyor",
    "Please send a pic of the error",
    "LAN kablosu takılı ama sunucuya erişemiyorum",
    "Kurumsal maillerim gelmiyor",
    "Book sayfası çalışmıyor",
]


@pytest.mark.parametrize("text", ABUSIVE)
def test_abuse_is_flagged(text: str, ruleset: Ruleset) -> None:
    decision = evaluate(facts("Destek", text), ruleset, NOON)
    assert decision.abuse, text
    assert "other.abuse_termination" in decision.clauses
    assert "consider_termination" in decision.actions
    evidence = decision.evidence_for("other.abuse_termination")
    assert evidence
    for item in evidence:
        assert text[item.start : item.end] == item.text


@pytest.mark.parametrize("text", CLEAN)
def test_no_false_alarm(text: str, ruleset: Ruleset) -> None:
    decision = evaluate(facts("Destek", text), ruleset, NOON)
    assert not decision.abuse, decision.evidence_for("other.abuse_termination")
    assert "other.abuse_termination" not in decision.clauses


def test_quoted_insult_is_not_new_abuse(ruleset: Ruleset) -> None:
    body = "Tamam, teşekkürler.\n> aptal mısınız siz\n"
    assert not evaluate(facts("Re: destek", body), ruleset, NOON).abuse


def test_abuse_does_not_change_the_verdict(ruleset: Ruleset) -> None:
    decision = evaluate(facts("SİTE KAPALI", "aptal mısınız, site açılmıyor"), ruleset, NOON)
    assert decision.verdict == "in_scope"
    assert decision.primary_clause == "support.continuity"
