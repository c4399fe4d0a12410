"""Abuse detector v2: inflected and obfuscated swearing, insults, threats, and silence on
look-alike words and on insults a customer aims at himself."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from websight_desk.policy import Ruleset, evaluate
from websight_desk.policy.abuse_model import MODEL_FILE, AbuseModel, load_model

from .helpers import NOON, facts

ABUSIVE = [
    "Anasını sattığımın firması, sitem yine kapalı",
    "ananı … sizin, paramı iade edin",
    "Piç kurusu gibi davranmayın, sitemi açın",
    "Pislikler, paramı geri verin",
    "Beyinsiz herifler mailime bakın",
    "Dolandırıcılar! Kartımdan iki kez çektiniz",
    "Siz dolandırıcısınız",
    "Defolun gidin, başka firmaya geçiyorum",
    "defol git",
    "Bir daha kapanırsa kafanıza geçiririm o sunucuyu",
    "Gelip ağzını burnunu kırarım senin",
    "Adresinizi biliyorum, bekleyin beni",
    "I know where you live",
    "Şerefsizlerin sitesi yine çöktü",
    "s.i.k.t.i.r olun",
    "ŞEREFSİZ MİSİNİZ",
    "Allah belanızı versin, 3 gündür site kapalı",
    "Yarın ofisinizi basarım, sitemi açın",
    "Sabaha kadar açılmazsa canınızı okurum",
]
LOOK_ALIKES = [
    "Mail gönderirken sıkıntı yaşıyorum",
    "Şikayetimi iletmek istiyorum",
    "Amacım sitenin hızlı açılması",
    "Amsterdam lokasyonlu sunucuya geçmek istiyorum",
    "Sikke koleksiyonu sitemiz açılmıyor",
    "Scunthorpe office mail is not arriving",
    "kill -9 ile süreci öldürdüm ama tekrar başlıyor",
    "Psikolojik danışmanlık sitemde form çalışmıyor",
    "Disk sıkıştı galiba, sunucu çok yavaş",
    "Salak gibi kararsızdım, sonunda paketi yükseltmeye karar verdim",
    "Aptalca bir hata yaptım, dosyaları sildim",
    "Dolandırıcı bir mail geldi, phishing olabilir mi?",
    "Sitemde hırsız alarmı ürünleri satıyoruz, ödeme sayfası hata veriyor",
    "I got a 500 error after the update",
    "Rezalet bir hizmet, üç gündür sitem açılmıyor, yöneticinizle görüşmek istiyorum",
    "Hayvan barınağı sitemize bağış formu ekledik, çalışmıyor",
    "Yazıklar olsun, bu kadar uzun kesinti olmaz",
    "Hesabımı kapatın, defolup gidiyorum bu firmadan",
    "Kahretsin, yine site çöktü",
    "Sizi tüketici hakem heyetine şikayet edeceğim",
    "Ofisinizi ziyaret edeceğim, adresiniz nedir?",
    "Ofisinize gelip faturayı elden ödeyeceğim",
    "Mailleri okurum ama cevap yazamıyorum",
]


@pytest.mark.parametrize("text", ABUSIVE)
def test_abuse_v2_is_flagged(text: str, ruleset: Ruleset) -> None:
    decision = evaluate(facts("Destek", text), ruleset, NOON)
    assert decision.abuse, text
    evidence = decision.evidence_for("other.abuse_termination")
    assert evidence
    for item in evidence:
        assert text[item.start : item.end] == item.text


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_and_self_directed_stay_silent(text: str, ruleset: Ruleset) -> None:
    decision = evaluate(facts("Destek", text), ruleset, NOON)
    assert not decision.abuse, decision.evidence_for("other.abuse_termination")


def test_signature_and_footer_insults_are_not_new_abuse(ruleset: Ruleset) -> None:
    body = (
        "Sitem açılmıyor.\n\n> Siz aptal mısınız diye yazmıştınız\n\n"
        "Gönderen: Ali\nTarih: 1 Aralık\nserefsizler"
    )
    assert not evaluate(facts("Site", body), ruleset, NOON).abuse


def test_model_file_keeps_the_attribution() -> None:
    head = MODEL_FILE.read_text(encoding="utf-8")[:600]
    assert "OffensEval" in head
    assert "CC BY 2.0" in head


# " ko" and "kot" are n-grams of "kotu" (its edges marked by spaces), " iy" one of "iyi"
TINY = "# bias -1\n# threshold 0.3\n# grams 2 3\n ko\t1.0\t2.0\nkot\t2.0\t0.5\n iy\t1.0\t-3.0\n"


def _tiny(tmp_path: Path) -> AbuseModel:
    path = tmp_path / "m.tsv"
    path.write_text(TINY, encoding="utf-8")
    return load_model(path)


def test_model_scores_pushes_over_the_root_of_masses(tmp_path: Path) -> None:
    model = _tiny(tmp_path)
    # "kotu": push 1x2 + 2x0.5 = 3, mass 1 + 4 = 5; unknown words add nothing
    assert model.push_and_mass("kotu") == pytest.approx((3.0, 5.0))
    assert model.score(["cok", "kotu", "adam", "kotu"]) == pytest.approx(-1 + 3 / 5**0.5)
    # "iyi": push -3, mass 1
    assert model.score(["kotu", "iyi"]) == pytest.approx(-1 + 0 / 6**0.5)


def test_model_evidence_is_the_words_that_push(tmp_path: Path) -> None:
    model = _tiny(tmp_path)
    assert model.evidence(["cok", "kotu", "adam", "kotu"]) == [1]
    assert model.evidence(["cok", "kotu", "iyi"]) == []
    assert model.evidence(["adam"]) == []


def test_topical_words_never_push_towards_abuse(tmp_path: Path) -> None:
    model = replace(_tiny(tmp_path), ignore=lambda word: word in {"kotu", "iyi"})
    assert model.push_and_mass("kotu") == (0.0, 5.0)  # still weighs in the length
    assert model.push_and_mass("iyi") == (-3.0, 1.0)  # and may calm the text
    assert model.evidence(["kotu"]) == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("# bias 0\n# threshold 1\nab\t1\t1\n", "no '# grams' line"),
        ("# bias 0\n# grams 2 3\nab\t1\t1\n", "no '# threshold' line"),
        ("# bias 0\n# threshold 1\n# grams 2 3\nab\t1\n", ":4: expected n-gram"),
        ("# bias 0\n# threshold 1\n# grams 2 3\nab\tx\t1\n", "could not convert"),
    ],
)
def test_a_broken_model_file_is_refused(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "m.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError, match=problem):
        load_model(path)


def test_the_shipped_model_loads_and_flags_an_unlisted_insult() -> None:
    model = load_model()
    assert model.sizes == (2, 5)
    assert len(model.grams) > 10_000
    assert model.evidence(["sen", "tam", "bir", "kerizsin"])
