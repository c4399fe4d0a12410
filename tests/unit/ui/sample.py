"""A small, fully known workspace for UI tests (built through the services)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from websight_desk.domain.enums import Role, ServiceKind, TicketField, TicketStatus
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk
from websight_desk.storage.models import TicketTriage

NOW = datetime(2026, 3, 10, 11, 30, tzinfo=UTC)  # 14:30 in Istanbul


@dataclass(frozen=True)
class Sample:
    agent_id: str
    password: str  # ticket "Şifre sıfırlama", assigned to the agent
    theme: str  # "Tema yükleme", out of scope
    abusive: str  # abuse suspected
    closed: str
    ids_by_number: dict[int, str]


def build(desk: Desk, extra: int = 0) -> Sample:
    """Four known tickets (+ `extra` filler tickets) created 3 hours before NOW."""
    desk.now = lambda: NOW - timedelta(hours=3)
    with desk.writer() as w:
        agent = people.add_agent(w, people.NewAgent("mehmet", "Mehmet Yılmaz", Role.AGENT))
    desk.settings.agent_id = agent
    desk.save_settings()
    with desk.writer() as w:
        cust = people.add_customer(
            w, people.NewCustomer("C-1001", "individual", "Ayşe Kaya", "ayse@example.com.tr")
        )
        svc = people.add_service(
            w, people.NewService(cust, ServiceKind.SHARED_HOSTING, "aysekaya.com.tr")
        )

        def open_(subject: str, body: str) -> str:
            return tickets.open_ticket(w, tickets.OpenTicket(cust, subject, body, svc)).ticket_id

        password = open_("Şifre sıfırlama", "Panel şifremi unuttum, sıfırlar mısınız?")
        theme = open_("Tema yükleme", "Satın aldığım Avada temasını yükleyip kurar mısınız?")
        abusive = open_("Hâlâ çözülmedi!!!", "Beceriksizler, hemen düzeltin yoksa görürsünüz")
        closed = open_("Outlook ayarları", "Outlook'ta posta kurulumu nasıl yapılır?")
        for i in range(extra):
            open_(f"Dolgu talebi {i}", f"Sitem yavaş açılıyor {i}")
        tickets.change_field(w, tickets.ChangeField(password, TicketField.ASSIGNEE, agent))
        tickets.change_field(
            w, tickets.ChangeField(closed, TicketField.STATUS, TicketStatus.CLOSED.value)
        )
        # The triage cache is derived policy output; tests set it directly (no engine needed).
        w.conn.execute(
            insert(TicketTriage),
            [
                _triage(password, "in_scope", abuse=False),
                _triage(theme, "out_of_scope", abuse=False),
                _triage(abusive, "in_scope", abuse=True),
            ],
        )
    with desk.db.read() as conn:
        from sqlalchemy import select

        from websight_desk.storage.models import Ticket

        numbers = {r.number: r.id for r in conn.execute(select(Ticket.number, Ticket.id))}
    return Sample(agent, password, theme, abusive, closed, numbers)


def _triage(ticket_id: str, verdict: str, *, abuse: bool) -> dict[str, object]:
    return {
        "ticket_id": ticket_id,
        "ruleset_version": "test",
        "verdict": verdict,
        "primary_clause": "test.clause",
        "abuse": abuse,
        "discretion": False,
    }
