"""The abuse detector on support tickets as customers write them: with and without Turkish
letters, in all caps, disguised; and silent on the hosting words that look like swearing."""

from __future__ import annotations

import pytest

from websight_desk.policy import Ruleset, evaluate

from .helpers import NOON, facts

ABUSIVE = [
    "SİTEM 3 GÜNDÜR KAPALI, ŞEREFSİZLER PARAMI İADE EDİN",
    "SITEM 3 GUNDUR KAPALI SEREFSIZLER",
    "Beyinsiz misiniz, kaç kere yazacağım aynı şeyi",
    "beyinsiz misiniz kac kere yazacagim",
    "Siz tam bir dolandırıcısınız, kartımdan çekilen parayı geri verin",
    "dolandiricilar paramı geri verin",
    "Aq sitem yine çöktü, ne iş yapıyorsunuz",
    "amk hostingi yine gitti",
    "AMK SUNUCUSU YINE COKTU",
    "Siktirin gidin, başka firmaya geçiyorum",
    "SIKTIRIN GIDIN",
    "siktir git",
    "Siktir lan, hâlâ açılmadı",
    "s1kt1r olun beceriksizler",
    "Ananızı sattığımın şirketi, mailler gelmiyor",
    "ananizi sattigimin sirketi mailler gelmiyor",
    "orospu cocuklari paramı verin",
    "oç musunuz siz",
    "pislikler 2 gundur cevap yok",
    "Yarın ofisinize gelip kafanıza geçiririm o sunucuyu",
    "yarin ofisinize gelip kafaniza gecirecegim",
    "adresinizi biliyorum bekleyin",
    "Ofis adresinizi biliyorum, bekleyin",
    "Sizi bulacağım, bunun hesabını soracağım",
    "Gelip ağzınızı burnunuzu kırarım",
    "DEFOLUN",
    "allah belanizi versin",
    "Geri zekalı mısınız, DNS kaydını yanlış girmişsiniz",
    "salak misin sen, sifreyi sifirla dedim",
    "Hepiniz aptalsınız",
    "Mk sitesi açılmıyor",
    "siktiğimin sitesi açılmıyor",
    "a.q sitesi yine gitti",
    "A Q",
    "Bu ne biçim hizmet lan, gerizekalılar",
    "YOU ARE USELESS IDIOTS",
]
SILENT = [
    "SUNUCUDA SIKINTI VAR",
    "sunucuda sikinti var",
    "SIKAYETIM HALA COZULMEDI",
    "amacim mailleri Gmail'e yonlendirmek",
    "Amsterdam veri merkezindeki VPS'e erişemiyorum",
    "Sikke satışı yapan sitemizde SSL hatası var",
    "Scunthorpe branch mailbox is full",
    "kill -9 1234 yaptım ama process tekrar açılıyor",
    "process'i öldür dediniz, öldürdüm ama site hâlâ kapalı",
    "php-fpm süreçlerini öldürmem gerekiyor mu?",
    "Siktir, bu kadar basitmiş! Hallettim, teşekkürler",
    "Hassiktir, yedek de silinmiş galiba",
    "Aptal gibi şifremi unuttum",
    "aptal gibi sifremi unuttum",
    "Kendimi aptal gibi hissediyorum, DNS ayarını yanlış yapmışım",
    "Destek mail adresinizi biliyorum ama yazdıklarım size ulaşmıyor",
    "e-posta adresinizi biliyorum fakat cevap gelmiyor",
    "Sahte bir dolandırıcılık sitesi markamızı kullanıyor, şikayet etmek istiyorum",
    "Sitede cron job'ı kill ettim",
    "Kafanıza göre ayar yapmayın lütfen, önce bana sorun",
    "Ağzınıza sağlık, çok güzel anlattınız",
    "Sitemi öldürdünüz resmen, çok yavaş",
    "Gotham temasını yükleyemedim",
    "Amazon S3 yedekleme ayarı",
    "Amin Bey'e iletir misiniz",
    "İbni Sina hastanesi sitesi açılmıyor",
    "Şerefiye hesaplaması yapan sitemiz açılmıyor",
    "SIKIŞTIRILMIŞ YEDEĞİ NASIL AÇARIM",
    "SIKISTIRILMIS YEDEGI NASIL ACARIM",
    "ANASAYFA ACILMIYOR",
    "Ananas satan e-ticaret sitemiz",
    "Fatura A.Ş. adına kesilsin",
    "M.K. Atatürk Lisesi sitesi",
    "Şu an çok sinirliyim, 3 gündür site kapalı",
    "Bu kadar beceriksizlik olmaz, yöneticinizle görüşmek istiyorum",
]


@pytest.mark.parametrize("text", ABUSIVE)
def test_support_abuse_is_flagged_with_spans(text: str, ruleset: Ruleset) -> None:
    decision = evaluate(facts("Destek", text), ruleset, NOON)
    assert decision.abuse, text
    for item in decision.evidence_for("other.abuse_termination"):
        assert text[item.start : item.end] == item.text


@pytest.mark.parametrize("text", SILENT)
def test_support_look_alikes_stay_silent(text: str, ruleset: Ruleset) -> None:
    decision = evaluate(facts("Destek", text), ruleset, NOON)
    assert not decision.abuse, decision.evidence_for("other.abuse_termination")


def test_an_undirected_exclamation_is_no_evidence_for_the_model(ruleset: Ruleset) -> None:
    # the lists excuse a bare "Siktir": the model must not take it up as evidence instead
    text = "Siktir, yine mi? Neyse, yedekten döndüm"
    assert ruleset.abuse.spans(text) == []
    assert ruleset.abuse.spans("Siktir git, yine mi?") == [(0, 6)]
