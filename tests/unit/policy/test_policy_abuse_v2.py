"""Abuse detector v2: inflected and obfuscated swearing, insults, threats, and silence on
look-alike words and on insults a customer aims at himself."""

from __future__ import annotations

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


def test_model_evidence_is_the_heaviest_words(tmp_path: Path) -> None:
    path = tmp_path / "m.tsv"
    path.write_text("# bias -1\n# threshold 0.5\nkotu\t2.0\nkotulu~\t0.5\niyi\t-1\n")
    model = load_model(path)
    assert isinstance(model, AbuseModel)
    assert model.evidence(["cok", "kotu", "adam"]) == [1]
    assert model.evidence(["cok", "kotu", "iyi"]) == []
    assert model.evidence(["kotu"]) == [0]
