# ruff: noqa: F811
"""Canned replies filled from the ticket, customer, service, reseller, agent and the company's
values (article links as company settings); unknown values stay visible, never invented."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.unit.ui.fixtures_ticket import TicketSample, tdesk, tsample  # noqa: F401
from websight_desk.domain.company import CompanySettings, PublishedSettings
from websight_desk.domain.enums import MessageKind
from websight_desk.services import tickets
from websight_desk.services.canned_fill import FillCanned, fill_canned, unfilled
from websight_desk.services.desk import Desk
from websight_desk.storage.company_settings import keep_published

ARTICLE = "https://destek.websight.example/e-posta-kurulumu"
WHEN = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def _publish(desk: Desk, **values: str) -> None:
    settings = CompanySettings(canned_values=values)
    with desk.db.write() as conn:
        keep_published(conn, PublishedSettings(settings, 1, WHEN), WHEN)


def test_mail_article_takes_the_ticket_and_company_values(
    tdesk: Desk, tsample: TicketSample
) -> None:
    bare = fill_canned(tdesk, FillCanned(tsample.mail, "email_setup_article", "tr"))
    assert "Ayşe Kaya" in bare.text
    assert "Mehmet Yılmaz" in bare.text
    assert "mail.aysekaya.com.tr" in bare.text
    assert "993" in bare.text
    assert "465" in bare.text
    # no mailbox on aysekaya.com.tr is known, and the company has no article link yet
    assert bare.missing == ("email_address", "article_url")
    assert [u.name for u in unfilled(bare.text)] == ["email_address", "article_url"]
    _publish(tdesk, article_url=ARTICLE, incoming_port="995")
    filled = fill_canned(tdesk, FillCanned(tsample.mail, "email_setup_article", "en"))
    assert ARTICLE in filled.text
    assert "port 995" in filled.text
    assert filled.missing == ("email_address",)


def test_the_mailbox_is_one_the_customer_wrote_on_their_own_domain(
    tdesk: Desk, tsample: TicketSample
) -> None:
    with tdesk.writer() as w:
        body = "Hesap: muhasebe@aysekaya.com.tr (gmail: x@gmail.com)"
        tickets.post_message(w, tickets.PostMessage(tsample.mail, MessageKind.INBOUND, body))
    general = "https://websight.example/makaleler"
    _publish(tdesk, **{"email_setup_article.article_url": ARTICLE, "article_url": general})
    done = fill_canned(tdesk, FillCanned(tsample.mail, "email_setup_article", "tr"))
    assert "muhasebe@aysekaya.com.tr" in done.text
    assert "gmail" not in done.text
    assert ARTICLE in done.text  # the reply's own link wins over the general one
    assert done.missing == ()
    assert unfilled(done.text) == ()


def test_reseller_values_and_a_workstation_value(tdesk: Desk, tsample: TicketSample) -> None:
    done = fill_canned(
        tdesk, FillCanned(tsample.reseller_ticket, "reseller_redirect_requester", "tr")
    )
    assert "Bulut Bayi Ltd" in done.text
    assert "destek@bulutbayi.com" in done.text
    assert "Işıl İnce" in done.text
    assert done.missing == ()
    tdesk.settings.extra["canned_values"] = {"sla_url": "https://websight.example/sla"}
    sla = fill_canned(tdesk, FillCanned(tsample.mail, "server_offer_sla", "en"))
    assert "https://websight.example/sla" in sla.text
    assert sla.missing == ()


def test_company_canned_values_are_checked_where_they_are_set() -> None:
    s = CompanySettings().with_value("canned.article_url", f"  {ARTICLE} ")
    assert s.canned_values == {"article_url": ARTICLE}
    assert s.value("canned.sla_url") == ""
    assert "canned.sla_url" in s.names()
    s = s.with_value("canned.email_setup_article.article_url", ARTICLE)
    assert CompanySettings.from_json(s.to_json()) == s
    assert s.with_value("canned.article_url", "").canned_values == {
        "email_setup_article.article_url": ARTICLE
    }
    assert CompanySettings().with_value("canned.outgoing_server", "smtp.{domain}")
    for key, value, says in (
        ("canned.article_url", "destek.websight.example", "web address"),
        ("canned.incoming_port", "99999", "port"),
        ("canned.incoming_server", "mail server!", "host name"),
        ("canned.customer_name", "Ayşe", "Unknown canned-reply value"),
    ):
        with pytest.raises(ValueError, match=says):
            CompanySettings().with_value(key, value)
