"""Everyday words that look like a topic, quoted history, signatures, footers and negations."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from websight_desk.domain.enums import ServiceKind
from websight_desk.domain.turkish import fold
from websight_desk.policy import Ruleset, Verdict, evaluate, quoting
from websight_desk.policy.matching import TermError, Vocabulary
from websight_desk.policy.negation import may_negate, negated_ranges
from websight_desk.policy.quoting import aside_ranges
from websight_desk.policy.suffixes import is_noun_ending
from websight_desk.policy.words import scan_words

from .helpers import NOON, facts

CONTINUITY = "support.continuity"


def _primary(ruleset: Ruleset, subject: str, body: str, **kw: object) -> str:
    return evaluate(facts(subject, body, **kw), ruleset, NOON).primary_clause  # type: ignore[arg-type]


# --- stems that over-match everyday words ---------------------------------------------------


def test_bugun_is_today_not_a_bug(ruleset: Ruleset) -> None:
    assert _primary(ruleset, "Site", "Sitem bugün açılmıyor") == CONTINUITY
    assert _primary(ruleset, "Site", "Sitemde bir bug var, kodu düzeltir misiniz") != CONTINUITY


def test_sinirliyim_is_angry_not_a_limit(ruleset: Ruleset) -> None:
    body = "Çok sinirliyim, WordPress sitem 3 saattir açılmıyor"
    assert _primary(ruleset, "Site", body) == CONTINUITY
    body = "WordPress eklentisi yüklenmiyor, paket sınırını aşıyor galiba"
    assert _primary(ruleset, "Eklenti", body) == "shared.cms_limits"


def test_iptal_is_not_an_ip(ruleset: Ruleset) -> None:
    body = "Siparişimin iptal edilmesini istemiyorum, sunucu kurulumunu bekliyorum"
    d = evaluate(facts("Sipariş", body, service=ServiceKind.VPS, delivered=False), ruleset, NOON)
    assert d.primary_clause == "server.delivery"
    d = evaluate(facts("İptal", "iptal talebim var", service=ServiceKind.VPS), ruleset, NOON)
    assert d.primary_clause == "server.post_delivery"
    assert not any(e.text.lower().startswith("iptal") for e in d.evidence)


def test_header_part_of_a_broken_site_is_an_outage(ruleset: Ruleset) -> None:
    assert _primary(ruleset, "Site", "Sitemin header kısmı açılmıyor, 500 hatası") == CONTINUITY
    body = "Temamın header kısmını düzenleyip logoyu büyütür müsünüz?"
    assert _primary(ruleset, "Tasarım", body) == "shared.cms_themes_plugins"


def test_quota_counted_wrong_is_not_website_code(ruleset: Ruleset) -> None:
    assert _primary(ruleset, "Kota", "Disk kotam yanlış hesaplanıyor") == CONTINUITY


def test_virus_in_a_mail_footer_is_not_website_software(ruleset: Ruleset) -> None:
    body = (
        "Merhaba, mail gelmiyor.\n\nİyi çalışmalar\nAyşe Demir\n\n"
        "Bu e-posta virüslere karşı Avast yazılımı ile taranmıştır."
    )
    assert _primary(ruleset, "Mail", body) == CONTINUITY


def test_noun_endings() -> None:
    for rest in ("", "i", "ler", "leri", "imiz", "inizden", "si", "de", "den", "in", "s", "dir"):
        assert is_noun_ending(rest), rest
    for rest in ("tal", "liyim", "siz", "lik", "ad", "ucu", "hone"):
        assert not is_noun_ending(rest), rest


def test_stem_plus_and_stem_exceptions() -> None:
    vocab = Vocabulary({"g": ["ip+", "bug+"]}, stem_excepts={"bug+": ["bugun*"]})
    assert vocab.word_pids("ipler")
    assert vocab.word_pids("ip")
    assert not vocab.word_pids("iptal")
    assert not vocab.word_pids("ipucu")
    assert vocab.word_pids("buglar")
    assert not vocab.word_pids("bugun")
    with pytest.raises(TermError):
        Vocabulary({"g": ["ip+"]}, stem_excepts={"ip": ["iptal"]})


# --- segmenting: quoted history, signatures, footers -----------------------------------------


def test_signature_after_closing_is_aside() -> None:
    text = "Sitem açılmıyor.\n\nSaygılarımla,\nAhmet Yılmaz\nYılmaz Ltd. Şti.\nTel: 0532 000 00 00"
    ranges = aside_ranges(text)
    assert ranges
    assert text[ranges[0][0] :].startswith("Saygılarımla")


def test_greeting_is_not_a_signature() -> None:
    assert aside_ranges("Merhaba,\nİyi çalışmalar.\nSitem açılmıyor, bakar mısınız?") == []


def test_signature_words_do_not_vote(ruleset: Ruleset) -> None:
    body = (
        "Sitem açılmıyor, bakar mısınız?\n--\nMehmet Kaya\nWordPress & Outlook Uzmanı\n"
        "Sent from my iPhone"
    )
    assert _primary(ruleset, "Acil", body) == CONTINUITY


def test_english_disclaimer_does_not_vote(ruleset: Ruleset) -> None:
    body = (
        "Hi, our site returns 503 since this morning.\n\nBest regards,\nJohn Smith\n\n"
        "This e-mail and any attachments are confidential and intended solely for the "
        "addressee. Install WordPress plugin updates regularly."
    )
    assert _primary(ruleset, "503", body) == CONTINUITY


def test_outlook_reply_block_is_history(ruleset: Ruleset) -> None:
    body = (
        "Hâlâ gelmiyor maillerim.\n\nGönderen: Websight Destek\nTarih: 24 Kasım 2026\n"
        "Konu: Outlook kurulumu\nOutlook'a mail hesabınızı kurmak için makaleyi ekledik."
    )
    assert _primary(ruleset, "Ynt: Outlook kurulumu", body) == CONTINUITY


# --- negation and "already done" -------------------------------------------------------------


def test_already_installed_and_do_not_reinstall(ruleset: Ruleset) -> None:
    body = (
        "WordPress zaten kurulu, onu tekrar kurmayın; sadece Astra temasını yükleyip "
        "renklerini ayarlar mısınız?"
    )
    d = evaluate(facts("Tema", body), ruleset, NOON)
    assert d.primary_clause == "shared.cms_themes_plugins"
    assert d.verdict is Verdict.OUT_OF_SCOPE


def test_not_an_outlook_problem(ruleset: Ruleset) -> None:
    body = "Bu Outlook kurulumuyla ilgili bir durum değil, sunucuya hiç mail gelmiyor"
    assert _primary(ruleset, "Mail", body) == CONTINUITY


def test_complaints_are_not_negations() -> None:
    assert negated_ranges("sitem acilmiyor, wordpress kuramiyorum") == []
    assert negated_ranges("tarayici guvenli degil diyor") == []
    assert negated_ranges("sorun sizde degil mi?") == []
    text = "outlook degil, webmail de calismiyor"
    assert negated_ranges(text) == [(0, text.index(","))]


# --- morphology, paraphrase and context ------------------------------------------------------


def test_plural_abilitative_mail_accounts(ruleset: Ruleset) -> None:
    body = "Şirketimizin mail hesaplarını tanımlayabilir misiniz, ayarları bilmiyorum"
    assert _primary(ruleset, "Mail", body) == "shared.email_client_setup"


def test_evidential_reseller_claim(ruleset: Ruleset) -> None:
    body = "Hostingimi aldığım firma sizin bayinizmiş, site açılmıyor"
    assert _primary(ruleset, "Site", body) == "shared.reseller_end_customer"


def test_english_reseller_paraphrase(ruleset: Ruleset) -> None:
    body = "My web designer resells your hosting, I'm his client. My site is down."
    assert _primary(ruleset, "Site", body) == "shared.reseller_end_customer"


def test_locked_out_by_own_ssh_port_change_is_not_an_outage(ruleset: Ruleset) -> None:
    body = "SSH portunu 2222 yaptım, değiştirdikten sonra sunucuya bağlanamıyorum"
    assert _primary(ruleset, "SSH", body, service=ServiceKind.VPS) == "server.post_delivery"
    body = "Sunucuma bağlanamıyorum, ping de atmıyor"
    assert _primary(ruleset, "SSH", body, service=ServiceKind.VPS) == CONTINUITY


def test_planned_downtime_in_an_upgrade_request_is_not_an_outage(ruleset: Ruleset) -> None:
    body = "We'd like to upgrade the VPS to 8 GB RAM tonight; planned downtime is fine for us."
    d = evaluate(facts("Upgrade", body, service=ServiceKind.VPS), ruleset, NOON)
    assert d.primary_clause != CONTINUITY


@pytest.mark.parametrize(
    "body",
    [
        "Telefondan yazıyorum kusura bakmayın, mail gelmiyor",
        "Anlamadım, sitem neden açılmıyor?",
        "I'm writing from my phone, the site is down",
    ],
)
def test_no_unasked_callback(ruleset: Ruleset, body: str) -> None:
    d = evaluate(facts("Destek", body), ruleset, NOON)
    assert "other.phone_callback" not in d.clauses


def test_asked_callback(ruleset: Ruleset) -> None:
    d = evaluate(facts("Destek", "Müsaitseniz beni telefonla arayabilir misiniz?"), ruleset, NOON)
    assert "other.phone_callback" in d.clauses


def test_what_the_customer_did_not_change_does_not_decide(ruleset: Ruleset) -> None:
    body = (
        "Dün akşamdan beri dışarıdan gelen mailler ulaşmıyor. Outlook'ta bir ayar "
        "değiştirmedik, telefonlarda da aynı durum var."
    )
    assert _primary(ruleset, "Mail", body) == CONTINUITY
    body = "Sitemiz yavaş açılıyor. Kod tarafında bir değişiklik yapmadık."
    assert _primary(ruleset, "Yavaş", body) == CONTINUITY


def test_a_setup_already_done_leaves_the_complaint_to_decide(ruleset: Ruleset) -> None:
    body = "Mail hesabımı telefonuma kurdum, kurulum tamam. Ancak iki gündür hiç mail gelmiyor."
    assert _primary(ruleset, "Mail", body) == CONTINUITY
    body = "Outlook'a mail hesabımı nasıl kurarım, gelen sunucu ayarları nedir?"
    assert _primary(ruleset, "Mail", body) == "shared.email_client_setup"


def test_what_the_customer_will_do_himself_is_not_asked(ruleset: Ruleset) -> None:
    body = "Sitede bir şey yok şu an, WordPress kurar mısınız? Temayı ben yüklerim."
    assert _primary(ruleset, "Kurulum", body) == "shared.cms_install"


def test_phrases_do_not_run_across_sentences() -> None:
    vocab = Vocabulary({"g": ["wordpress tema*"]})
    words, starts = ["wordpress", "tema"], [0, 11]
    assert vocab.find_words(words, starts, [1.0, 1.0])[0]
    assert not vocab.find_words(words, starts, [1.0, 1.0], breaks=[9])[0]


def test_a_stopped_service_on_a_server_is_administration(ruleset: Ruleset) -> None:
    body = "Sunucuda MySQL servisi durdu, yeniden başlatamıyorum."
    assert _primary(ruleset, "MySQL", body, service=ServiceKind.VPS) == "server.post_delivery"


@pytest.mark.parametrize(
    "body",
    [
        "Joomla'yı yeni alan adıma kurar mısınız?",
        "WordPress'i yeni açtığım hosting hesabıma kurabilir misiniz?",
        "Can you please install the latest version of WordPress for me?",
    ],
)
def test_words_between_the_cms_and_the_verb(ruleset: Ruleset, body: str) -> None:
    assert _primary(ruleset, "Kurulum", body) == "shared.cms_install"


def test_a_plugin_for_the_cms_is_not_a_cms_install(ruleset: Ruleset) -> None:
    body = "Eklentiyi WordPress'e kurar mısınız?"
    assert _primary(ruleset, "Eklenti", body) == "shared.cms_themes_plugins"


@pytest.mark.parametrize(
    ("body", "clause"),
    [
        ("Merhaba, nasılsınız? Telefonuma gelen mailler iki gündür gelmiyor.", CONTINUITY),
        ("Dün yazdığım maile hâlâ dönüş yok, sitem açılmıyor.", CONTINUITY),
        ("Yazdıklarımı okumadınız mı? Mail gönderemiyorum diyorum.", CONTINUITY),
        ("Antakya/Hatay şubemizin maili gelmiyor.", CONTINUITY),
        ("Benim yazdığım sorguda hata var, bakabilir misiniz?", "shared.website_software"),
    ],
)
def test_everyday_words_near_topic_stems(ruleset: Ruleset, body: str, clause: str) -> None:
    assert _primary(ruleset, "Destek", body) == clause


def test_sorunsuz_is_not_a_problem(ruleset: Ruleset) -> None:
    d = evaluate(
        facts("Tema", "Sitemiz sorunsuz çalışıyor, tema rengini değiştirir misiniz?"), ruleset, NOON
    )
    assert d.primary_clause == "shared.cms_themes_plugins"
    assert not d.evidence_for(CONTINUITY)


def test_a_sentence_after_a_thanks_is_not_a_signature() -> None:
    assert aside_ranges("MERHABA\nTESEKKURLER\nWORDPRESS KURAR MISINIZ") == []
    assert aside_ranges("Mail gelmiyor bakar misiniz\nTesekkurler\nSitem Acilmiyor Ayrica") == []


@pytest.mark.parametrize(
    "text",
    [
        "Mail telefondan gönderildi ama ulaşmadı, bakar mısınız",
        "How do I get Outlook to work?\nThe mail was sent from my iPhone",
        "Sunucuya antivirüs kurar mısınız? Virüs taraması yapılsın.",
    ],
)
def test_footer_words_inside_a_request_are_not_a_footer(text: str) -> None:
    assert aside_ranges(text) == []


def test_device_and_antivirus_footers() -> None:
    for text, footer in [
        ("Sitem açılmıyor.\n\niPhone'umdan gönderildi", "iPhone'umdan gönderildi"),
        ("Site down\nThis message has been scanned for viruses by Avast.", "This message"),
    ]:
        ranges = aside_ranges(text)
        assert ranges
        assert text[ranges[0][0] :].startswith(footer)


@pytest.mark.parametrize(
    ("body", "clause"),
    [
        ("Ben üç gündür mail gönderemiyorum, acil bakın.", CONTINUITY),
        ("Biz WordPress kurulmasını isteriz, alan adımız hazır.", "shared.cms_install"),
        ("Temayı kendim yüklemeye çalıştım ama memory limit hatası aldım.", "shared.cms_limits"),
    ],
)
def test_first_person_complaints_and_wishes_are_not_negations(
    ruleset: Ruleset, body: str, clause: str
) -> None:
    assert _primary(ruleset, "Destek", body) == clause


NEGATION_WORDS = [
    "değil",
    "değil mi",
    "zaten",
    "kurulu",
    "kurmayın",
    "yüklemeyiniz",
    "kurulmasın",
    "gerek yok",
    "istemiyorum",
    "sorunum yok",
    "ihtiyacım",
    "problem",
    "yok",
    "kuramadım",
    "silmedim",
    "bekletmeyin",
    "_kurmayın",
    "not about",
    "isn't",
    "no need",
    "already",
    "installed",
    "don't",
    "do not",
    "never",
    "touch",
    "didn't",
    "change",
    "haven't",
    "değiştirmedik",
    "ben",
    "biz",
    "yüklerim",
    "hallederiz",
    "we'll",
    "handle",
    "I will",
    "do",
    "kurulum",
    "tamam",
    "ayarlar",
    "doğru",
    "sorunsuz",
    "açılmıyor",
    "kuramıyorum",
    ",",
    ".",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(NEGATION_WORDS), max_size=10).map(" ".join))
def test_the_cheap_negation_test_never_misses(text: str) -> None:
    folded = fold(text)
    words, _ = scan_words(folded)
    if negated_ranges(folded):
        assert may_negate(words, folded)


FOOTER_PIECES = [
    "Bu e-posta ve ekleri",
    "gizli",
    "yasal uyarı",
    "disclaimer",
    "This e-mail is confidential",
    "If you have received this",
    "virus-free",
    "Virüslere karşı taranmıştır",
    "antivirüs",
    "Avast ile korunmaktadır",
    "scanned for viruses",
    "\nSent from my iPhone",
    "\nGet Outlook for iOS",
    "\nSamsung cihazımdan gönderildi",
    "\niOS için Outlook",
    "\n",
    "Windows için Posta",
    "Saygılarımla",
    "Ahmet Yılmaz",
    "sitem açılmıyor",
    "--",
    "Bu e-posta",
    "ekleri",
    "ve",
    "gizlidir",
    "this email",
    "is confidential",
    "> alıntı",
    "On Mon, Ali wrote:",
    "12.11.2026 tarihinde Ali yazdı:",
    "From: Ali",
    "Sent: Monday",
    "-----Original Message-----",
    "Teşekkürler",
    "Best regards,",
]


@settings(max_examples=300)
@given(st.lists(st.sampled_from(FOOTER_PIECES), max_size=8).map(" ".join))
def test_the_cheap_footer_tests_never_miss(text: str) -> None:
    folded = fold(text)
    if quoting._FOOTER.search(folded):
        assert quoting._may_hold_footer(folded)
    if quoting._CLOSING.search(folded):
        assert quoting._any_in(quoting._CLOSING_KEYS, folded)
    if quoting._HISTORY_START.search(folded):
        assert quoting._any_in(quoting._HISTORY_KEYS, folded)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(FOOTER_PIECES), max_size=8).map("\n".join))
def test_the_line_start_searches_find_what_a_full_search_finds(text: str) -> None:
    folded = fold(text)
    for pattern in (quoting._FOOTER, quoting._HISTORY_START, quoting._DASHES):
        for end in (len(folded), len(folded) // 2):
            m = pattern.search(folded, 0, end)
            assert quoting._first_line_match(pattern, folded, end) == (m.start() if m else None)
    every = [m.span() for m in quoting._CLOSING.finditer(folded)]
    assert [m.span() for m in quoting._line_matches(quoting._CLOSING, folded, len(folded))] == every


def test_urging_is_not_refusing(ruleset: Ruleset) -> None:
    assert negated_ranges("lutfen beni bekletmeyin sitem acilmiyor") == []
    body = "Lütfen beni bekletmeyin sunucuma erişemiyorum"
    assert _primary(ruleset, "Acil", body, service=ServiceKind.VPS) == CONTINUITY
