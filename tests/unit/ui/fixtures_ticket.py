"""Fixtures of the ticket pane, policy panel, customer view and new-ticket tests.

A triaged workspace (the real policy hook) with known customers, services and tickets, built
through the services. Import the fixtures into a test module:
`from tests.unit.ui.fixtures_ticket import tdesk, tsample, tctx  # noqa: F401`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from websight_desk.domain.enums import RequesterKind, Role, ServiceKind
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk, open_desk
from websight_desk.ui.context import UiContext
from websight_desk.ui.runner import Runner

T_NOW = datetime(2026, 11, 26, 11, 0, tzinfo=UTC)  # 14:00 in Istanbul: the regular team

LONG_SUBJECT = (
    "Şirketimizin kurumsal e-posta hesaplarına Outlook, iPhone ve Android telefonlardan "
    "bağlanamıyoruz; ayrıca çalışanlarımızın şifreleri de sıfırlanmalı mı, lütfen acil dönüş"
)
QUOTED_BODY = (
    "Merhaba, iPhone'uma kurumsal mail hesabımı kuramadım. Kurulumu sizin yapmanızı rica "
    "ediyorum.\n\n"
    "25.11.2026 tarihinde Websight Destek yazdı:\n"
    "> Merhaba, talebiniz alınmıştır.\n"
    "> Websight Teknik Destek"
)


@dataclass(frozen=True)
class TicketSample:
    agent_id: str
    ayse: str  # customer C-1001, shared hosting
    sahin: str  # customer C-1002, VPS not delivered
    end_customer: str  # customer C-3001, bought through reseller R-2001
    reseller: str
    contact_ayse: str
    theme: str  # out of scope (themes and plugins)
    mail: str  # e-mail client setup: must send the setup article; quoted history
    abusive: str
    reseller_ticket: str


def build_sample(desk: Desk) -> TicketSample:
    """Agents, customers, services and four tickets, created an hour before `T_NOW`."""
    desk.now = lambda: T_NOW - timedelta(hours=1)
    with desk.writer() as w:
        agent = people.add_agent(w, people.NewAgent("mehmet", "Mehmet Yılmaz", Role.AGENT))
    desk.settings.agent_id = agent
    with desk.writer() as w:
        ayse = people.add_customer(
            w,
            people.NewCustomer(
                "C-1001", "individual", "Ayşe Kaya", "ayse.kaya@ornek.com.tr", "+905321234567"
            ),
        )
        sahin = people.add_customer(
            w, people.NewCustomer("C-1002", "company", "Ömer Şahin", None, "+902122223344")
        )
        reseller = people.add_customer(
            w, people.NewCustomer("R-2001", "company", "Bulut Bayi Ltd", "destek@bulutbayi.com")
        )
        end = people.add_customer(w, people.NewCustomer("C-3001", "individual", "Işıl İnce"))
        shared = people.add_service(
            w,
            people.NewService(
                ayse, ServiceKind.SHARED_HOSTING, "aysekaya.com.tr", delivered_at=T_NOW
            ),
        )
        people.add_service(w, people.NewService(sahin, ServiceKind.VPS, "vps1.sahin.com.tr"))
        resold = people.add_service(
            w,
            people.NewService(
                end, ServiceKind.SHARED_HOSTING, "isilince.com", reseller_id=reseller
            ),
        )

        def open_(customer: str, service: str, subject: str, body: str, **kw: Any) -> str:
            cmd = tickets.OpenTicket(customer, subject, body, service, **kw)
            return tickets.open_ticket(w, cmd).ticket_id

        theme = open_(
            ayse,
            shared,
            "Tema yükleme",
            "Satın aldığım Avada temasını yükleyip demo içeriğini kurar mısınız?",
        )
        mail = open_(ayse, shared, LONG_SUBJECT, QUOTED_BODY)
        abusive = open_(
            ayse, shared, "Hâlâ çözülmedi", "Beceriksizler, sitem yine açılmıyor, salaklar!"
        )
        reseller_ticket = open_(
            end,
            resold,
            "Sitem açılmıyor",
            "Merhaba, isilince.com açılmıyor.",
            requester_kind=RequesterKind.RESELLER_END_CUSTOMER,
        )
    with desk.db.read() as conn:
        from sqlalchemy import select

        from websight_desk.storage.models import Contact

        contact = conn.execute(select(Contact.id).where(Contact.customer_id == ayse)).scalar_one()
    desk.now = lambda: T_NOW
    return TicketSample(
        agent, ayse, sahin, end, reseller, contact, theme, mail, abusive, reseller_ticket
    )


def sign_in_admin(desk: Desk) -> str:
    """A data-protection admin becomes the desk's agent (KVKK export and erasure are theirs)."""
    with desk.writer() as w:
        admin = people.add_agent(w, people.NewAgent("selin", "Selin Aydın", Role.ADMIN))
    desk.settings.agent_id = admin
    return admin


@pytest.fixture
def tdesk(tmp_path: Path) -> Iterator[Desk]:
    d = open_desk(tmp_path / "ticket-ws")  # with the triage hook, like the app
    yield d
    d.close()


@pytest.fixture
def tsample(tdesk: Desk) -> TicketSample:
    return build_sample(tdesk)


@pytest.fixture
def tctx(tdesk: Desk, tsample: TicketSample, qapp: Any) -> UiContext:
    return UiContext(tdesk, runner=Runner(synchronous=True), now=lambda: T_NOW)
