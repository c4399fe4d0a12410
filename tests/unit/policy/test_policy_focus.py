"""Request focus (extra requests), problems reported solved, English negation, virus lines."""

from __future__ import annotations

import pytest

from websight_desk.policy import Ruleset, evaluate
from websight_desk.policy.focus import secondary_ranges
from websight_desk.policy.words import scan_words

from .helpers import NOON, facts


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("WordPress kurar mısınız? Ayrıca Outlook ayarlarını gönderin.", "ayrica outlook"),
        ("Site açılmıyor. Also, how do I add Outlook?", "also, how"),
        ("Önce siteyi açın, sonra da temaya bakın.", "sonra da temaya"),
        ("Mail gelmiyor.\nP.S. eklentiyi kurar mısınız", "p.s. eklentiyi"),
    ],
)
def test_extra_request_marked_to_sentence_end(text: str, marked: str) -> None:
    from websight_desk.domain.turkish import fold

    folded = fold(text)
    ((start, end),) = secondary_ranges(folded, scan_words(folded)[0])
    assert folded[start:end].startswith(marked)
    assert not folded[end:].strip(" .") or folded[end] in ".?!\n"


def test_no_marker_no_range() -> None:
    for text in ("it is also known as", "sitem acilmiyor"):  # "also" not at a sentence start
        assert secondary_ranges(text, scan_words(text)[0]) == []


def test_first_request_decides_the_extra_is_cited(ruleset: Ruleset) -> None:
    text = "Yeni alan adıma WordPress kurar mısınız? Ayrıca Outlook'a mail hesabı kurulumu için "
    d = evaluate(facts("İki konu", text + "ayarları da gönderin."), ruleset, NOON)
    assert d.primary_clause == "shared.cms_install"
    assert "shared.email_client_setup" in d.clauses


def test_callback_asked_in_an_extra_request_is_still_offered(ruleset: Ruleset) -> None:
    text = "Sitem açılmıyor. Ayrıca beni telefonla arayabilir misiniz?"
    assert "other.phone_callback" in evaluate(facts("Site", text), ruleset, NOON).clauses


@pytest.mark.parametrize(
    "text",
    [
        "Sorun çözüldü, teşekkürler. Outlook'a mail hesabı eklemek istiyorum, ayarlar nedir?",
        "The outage is resolved, thanks. How do I add my mailbox to Outlook on my laptop?",
    ],
)
def test_solved_problem_does_not_decide(text: str, ruleset: Ruleset) -> None:
    d = evaluate(facts("Re: Mail", text), ruleset, NOON)
    assert d.primary_clause == "shared.email_client_setup"


def test_english_not_a_topic_problem(ruleset: Ruleset) -> None:
    text = "This is not an Outlook configuration problem: webmail cannot send either."
    assert evaluate(facts("Mail", text), ruleset, NOON).primary_clause == "support.continuity"


def test_checked_for_viruses_line_is_a_footer(ruleset: Ruleset) -> None:
    text = (
        "Hello, every mail to our domain bounces since yesterday.\n\n---\n"
        "This email has been checked for viruses by AVG antivirus software."
    )
    d = evaluate(facts("Mail", text), ruleset, NOON)
    assert d.clauses[0] == "support.continuity"
    assert "shared.website_software" not in d.clauses


def test_mail_set_up_on_devices_is_not_a_setup_request(ruleset: Ruleset) -> None:
    text = "Telefonumda mail kurulu, 'mailbox full' hatası alıyorum. Kotayı artırır mısınız?"
    assert evaluate(facts("Mail", text), ruleset, NOON).primary_clause == "support.continuity"
