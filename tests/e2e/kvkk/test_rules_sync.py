"""Each KVKK rule with an effect through sync, on a SQLite and a PostgreSQL server.

One server per engine for the module (`team_server`); every rule makes its own accounts,
workstations and people, and checks only its own records. `RULES` at the bottom is the table:
erasure reaches every workstation and the server's change log; the server's retention purge
reaches every workstation; export is the admin's alone (the role comes from the server) and
audited everywhere; a legal hold keeps what it holds from an erasure made elsewhere; the server
refuses callbacks that break the callback rules (notice first, recording only with consent,
no premium numbers, a callback's legal basis); notice texts are versioned by the admin and
never overwritten; a KVKK request carries its 30-day deadline and is closed once; revealing a
number is audited on the server; the central store's location comes from the server; only a
shift lead decides a refusal of service.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

import httpx
import pytest
from sqlalchemy import Connection, select

from tests.e2e.kvkk.servers import LedgeredServer, server_read, server_text
from tests.e2e.sync.serverproc import Workstation, workstation
from tests.unit.kvkk.builders import valid_callback
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.domain.callbacks import TextKind
from websight_desk.domain.enums import MessageKind
from websight_desk.domain.errors import PermissionDenied
from websight_desk.domain.ids import new_id
from websight_desk.server import retention
from websight_desk.server.company import load_company_settings, save_company_settings
from websight_desk.services import abuse, kvkk, people, tickets
from websight_desk.services.callbacks import callback_payload, log_callback
from websight_desk.services.kvkk_erase import EraseCustomer, erase_customer
from websight_desk.services.kvkk_export import export_customer
from websight_desk.services.kvkk_requests import (
    close_request,
    kvkk_deadlines,
    mark_request,
    set_legal_hold,
)
from websight_desk.services.kvkk_settings import settings_overview
from websight_desk.services.kvkk_texts import new_text_version, text_versions
from websight_desk.services.reveal import RevealContact, record_reveal
from websight_desk.storage.models import (
    AbuseReview,
    AuditEvent,
    Callback,
    CallbackPersonal,
    Contact,
    KvkkErasure,
    KvkkRequestClosure,
    KvkkText,
    Message,
    Ticket,
)
from websight_desk.storage.ops import to_iso
from websight_desk.sync.review import list_rejected


@dataclass
class Team:
    server: LedgeredServer
    root: Path
    made: list[Workstation] = field(default_factory=list)

    def ws(self, name: str, role: str = "agent") -> Workstation:
        unique = f"{name}-{uuid.uuid4().hex[:6]}"
        made = workstation(self.server, self.root / unique, unique, role)
        self.made.append(made)
        return made

    def sync(self, *stations: Workstation) -> None:
        for ws in stations:
            report = ws.engine.run_once()
            assert report.rejected == 0, [r.reason for r in list_rejected(ws.desk)]


@pytest.fixture
def team(team_server: LedgeredServer, tmp_path: Path) -> Iterator[Team]:
    made = Team(team_server, tmp_path)
    yield made
    for ws in made.made:
        ws.close()


def _person(ws: Workstation, name: str, phone: str) -> tuple[str, str, str]:
    """A customer with a contact, a ticket naming them and a callback; (customer, ticket, call)."""
    code = f"K-{uuid.uuid4().hex[:6]}"
    with ws.desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer(code, "individual", name, None, phone))
        ticket = tickets.open_ticket(
            w, tickets.OpenTicket(customer, f"{name} arıyor", f"Ben {name}")
        ).ticket_id
        contact = w.conn.execute(
            select(Contact.id).where(Contact.customer_id == customer)
        ).scalar_one()
    start = datetime.now(UTC) - timedelta(hours=1)
    with ws.desk.writer() as w:
        call = log_callback(
            w,
            dataclasses.replace(
                valid_callback(ticket, contact, start, f"{name} geri aranacak"), phone=phone
            ),
            kvkk.company_settings(ws.desk),
        )
    return customer, ticket, call


def _personal(conn: Connection, call: str) -> tuple[str | None, str | None]:
    row = conn.execute(
        select(CallbackPersonal.phone, CallbackPersonal.notes).where(
            CallbackPersonal.callback_id == call
        )
    ).one()
    return row.phone, row.notes


def _all(team: Team) -> list[Workstation]:
    return list(team.made)


def erasure_reaches_every_replica(team: Team) -> None:
    agent, admin, other = team.ws("ayse"), team.ws("dpo", "admin"), team.ws("bora")
    name = "Leman Sarıgül"
    customer, ticket, _call = _person(agent, name, "+905321110001")
    team.sync(agent, admin, other)
    with other.desk.writer() as w:  # offline meanwhile: a note naming the person
        tickets.post_message(w, tickets.PostMessage(ticket, MessageKind.NOTE, f"{name} yine aradı"))
    with admin.desk.writer() as w:
        erase_customer(w, EraseCustomer(customer, "KVKK m.11"))
    team.sync(admin, other, agent, admin)
    for ws in _all(team):
        with ws.desk.db.read() as conn:
            assert conn.execute(
                select(KvkkErasure.id).where(KvkkErasure.customer_id == customer)
            ).first()
            assert set(
                conn.execute(select(Contact.name).where(Contact.customer_id == customer)).scalars()
            ) == {None}
            bodies = conn.execute(select(Message.body).where(Message.ticket_id == ticket)).scalars()
            assert all(name not in body for body in bodies)
    _, token = team.server.add_account(f"okur-{uuid.uuid4().hex[:6]}", "agent")
    with httpx.Client(base_url=team.server.url, headers={"Authorization": f"Bearer {token}"}) as h:
        log = h.get("/v1/changes", params={"after": 0, "limit": 5000}).text
    assert name not in log
    assert name not in server_text(team.server)


def retention_purge_reaches_every_replica(team: Team) -> None:
    agent, other = team.ws("ayse"), team.ws("bora")
    _customer, _ticket, call = _person(agent, "Oya Tezel", "+905321110002")
    team.sync(agent, other)
    with other.desk.db.read() as conn:
        assert _personal(conn, call)[0] == "+905321110002"
    store = team.server.store()
    try:  # the server's daily job, on a day past every retention period
        result = retention.run_purge(store, datetime.now(UTC) + timedelta(days=3 * 366))
    finally:
        store.close()
    assert call in result.callback_ids
    team.sync(agent, other)
    for ws in (agent, other):
        with ws.desk.db.read() as conn:
            assert _personal(conn, call) == (None, None)
            assert kvkk.last_purge_at(conn) is not None  # admins see when it last ran
    assert "Oya Tezel geri aranacak" not in server_text(team.server)  # the notes, everywhere


def export_is_the_admins_and_audited(team: Team) -> None:
    agent, admin = team.ws("ayse"), team.ws("dpo", "admin")
    customer, ticket, call = _person(agent, "Sevim Aktaş", "+905321110003")
    team.sync(agent, admin)
    with pytest.raises(PermissionDenied):  # the role comes from the server's account
        export_customer(agent.desk, customer, "KVKK talebi")
    data = export_customer(admin.desk, customer, "KVKK talebi, bilet 12")
    assert data["exported_by"] == admin.agent_id
    assert any(t["id"] == ticket for t in data["tickets"])  # the agent's synced work is in it
    assert call in str(data)
    team.sync(admin, agent)
    for conn_of in (agent.desk.db.read, partial(server_read, team.server)):
        with conn_of() as conn:
            actors = (
                conn.execute(
                    select(AuditEvent.actor_agent_id).where(
                        AuditEvent.kind == "kvkk.export", AuditEvent.subject_id == customer
                    )
                )
                .scalars()
                .all()
            )
        assert actors == [admin.agent_id]


def legal_hold_keeps_what_it_holds(team: Team) -> None:
    agent, admin = team.ws("ayse"), team.ws("dpo", "admin")
    name = "Hülya Demirtaş"
    customer, held_ticket, _call = _person(agent, name, "+905321110004")
    with agent.desk.writer() as w:
        other_ticket = tickets.open_ticket(
            w, tickets.OpenTicket(customer, f"{name} ikinci", "Başka konu")
        ).ticket_id
    team.sync(agent, admin)
    with admin.desk.writer() as w:
        set_legal_hold(w, "ticket", held_ticket, "Savcılık yazısı 2026/17")
    team.sync(admin)
    with admin.desk.writer() as w:
        erase_customer(w, EraseCustomer(customer, "KVKK m.11"))
    team.sync(admin, agent)
    store = team.server.store()
    try:
        for read in (agent.desk.db.read, admin.desk.db.read, store.read):
            with read() as conn:
                subjects = dict(
                    conn.execute(
                        select(Ticket.id, Ticket.subject).where(Ticket.customer_id == customer)
                    ).all()
                )
                assert subjects[held_ticket] == f"{name} arıyor"  # held: kept
                assert name not in subjects[other_ticket]  # not held: erased
                details = conn.execute(
                    select(KvkkErasure.details).where(KvkkErasure.customer_id == customer)
                ).scalar_one()
                assert details  # the erasure record says what it did
    finally:
        store.close()


def callback_rules_are_the_servers_too(team: Team) -> None:
    agent, other = team.ws("ayse"), team.ws("bora")
    customer, ticket, _call = _person(agent, "Can Yurt", "+905321110005")
    team.sync(agent, other)
    with agent.desk.db.read() as conn:
        contact = conn.execute(
            select(Contact.id).where(Contact.customer_id == customer)
        ).scalar_one()
    start = datetime.now(UTC) - timedelta(minutes=30)
    forged: dict[str, dict[str, object]] = {  # what a modified client could write
        "notes without the notice": {
            "notice_version": None,
            "notice_lang": None,
            "notice_method": None,
            "notice_given_at": None,
        },
        "a recording without consent": {"recording_ref": "rec-0001"},
        "a premium-rate number": {"phone": "+909001234567"},
        "a legal basis not for a callback": {"legal_basis": "establish_right_5_2_e"},
    }
    ids = {}
    for what, change in forged.items():
        with agent.desk.writer() as w:
            payload = callback_payload(
                w,
                valid_callback(ticket, contact, start, "not"),
                customer,
                kvkk.company_settings(agent.desk),
            )
            payload.update(change)
            w.emit("callback.create", payload)  # the schema lets it through
            ids[str(payload["id"])] = what
    report = agent.engine.run_once()
    assert report.rejected == len(ids)
    refused = {r.payload["id"] for r in list_rejected(agent.desk) if r.kind == "callback.create"}
    assert set(ids) <= refused
    reasons = {r.reason for r in list_rejected(agent.desk) if r.payload["id"] in ids}
    assert len(reasons) == len(ids)  # each refused for its own rule, said in words
    other.engine.run_once()
    for read in (other.desk.db.read, partial(server_read, team.server)):
        with read() as conn:
            stored = set(
                conn.execute(select(Callback.id).where(Callback.id.in_(list(ids)))).scalars()
            )
        assert stored == set()


def notice_texts_are_versioned_by_the_admin(team: Team) -> None:
    agent, admin = team.ws("ayse"), team.ws("dpo", "admin")
    with admin.desk.writer() as w:
        version = new_text_version(
            w, TextKind.NOTICE, {"tr": "Yeni aydınlatma metni", "en": "New notice text"}
        )
    team.sync(admin, agent)
    with agent.desk.db.read() as conn:
        versions = {t.version for t in text_versions(conn, TextKind.NOTICE)}
    assert {1, version} <= versions  # the new version arrived; the old one stays
    forged = {
        "an agent's new version": (agent, version + 1),
        "an admin overwriting a version": (admin, 1),
    }
    ids = []
    for ws, number in forged.values():
        with ws.desk.writer() as w:
            ids.append(new_id())
            w.emit(
                "kvkk_text.create",
                {
                    "id": ids[-1],
                    "kind": TextKind.NOTICE.value,
                    "version": number,
                    "lang": "tr",
                    "body": "Başka bir metin",
                    "created_at": to_iso(w.now),
                },
            )
    assert agent.engine.run_once().rejected == 1
    assert admin.engine.run_once().rejected == 1
    with server_read(team.server) as conn:
        kept = conn.execute(select(KvkkText.id).where(KvkkText.id.in_(ids))).all()
        first = conn.execute(
            select(KvkkText.body).where(
                KvkkText.kind == "notice", KvkkText.version == 1, KvkkText.lang == "tr"
            )
        ).scalar_one()
    assert kept == []
    assert first != "Başka bir metin"


def requests_have_a_deadline_and_close_once(team: Team) -> None:
    agent, admin = team.ws("ayse"), team.ws("dpo", "admin")
    _customer, ticket, _call = _person(agent, "Ece Uçar", "+905321110006")
    with agent.desk.writer() as w:
        request = mark_request(w, ticket, kvkk.company_settings(agent.desk), "silme talebi")
    team.sync(agent, admin)
    with admin.desk.db.read() as conn:
        deadline = kvkk_deadlines(conn, [ticket])[ticket]
    assert timedelta(days=29) < deadline - datetime.now(UTC) <= timedelta(days=30)
    for ws in (admin, agent):  # both close it while offline: the server keeps the first
        with ws.desk.writer() as w:
            close_request(w, request, "answered")
    assert admin.engine.run_once().rejected == 0
    assert agent.engine.run_once().rejected == 1
    with server_read(team.server) as conn:
        closures = conn.execute(
            select(KvkkRequestClosure.id).where(KvkkRequestClosure.request_id == request)
        ).all()
    assert len(closures) == 1


def reveals_are_audited_everywhere(team: Team) -> None:
    agent, admin = team.ws("ayse"), team.ws("dpo", "admin")
    customer, ticket, _call = _person(agent, "Naz Ilgın", "+905321110007")
    with agent.desk.writer() as w:
        contact = w.conn.execute(
            select(Contact.id).where(Contact.customer_id == customer)
        ).scalar_one()
        record_reveal(w, RevealContact(contact, "numarayı teyit için", ticket))
    team.sync(agent, admin)
    for read in (admin.desk.db.read, partial(server_read, team.server)):
        with read() as conn:
            rows = conn.execute(
                select(AuditEvent.actor_agent_id, AuditEvent.reason).where(
                    AuditEvent.kind == "contact.reveal", AuditEvent.subject_id == contact
                )
            ).all()
        assert [tuple(r) for r in rows] == [(agent.agent_id, "numarayı teyit için")]


def the_store_location_comes_from_the_server(team: Team) -> None:
    admin = team.ws("dpo", "admin")
    store = team.server.store()
    try:
        with store.write() as conn:
            settings = load_company_settings(conn)
            settings = settings.with_value("central_store_location", "Frankfurt, Almanya")
            settings = settings.with_value("transfer_mechanism", "Kurul standart sözleşmesi")
            save_company_settings(conn, settings, "test")
    finally:
        store.close()
    team.sync(admin)
    shown = settings_overview(admin.desk)
    assert shown.published is not None
    assert shown.settings.central_store_location == "Frankfurt, Almanya"
    assert shown.settings.transfer_mechanism == "Kurul standart sözleşmesi"


def a_lead_decides_a_refusal_not_the_agent(team: Team) -> None:
    agent, lead = team.ws("ayse"), team.ws("lider", "shift_lead")
    _customer, ticket, _call = _person(agent, "Rıza Kavak", "+905321110008")
    with agent.desk.writer() as w:
        term = abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET,
                AbuseCategory.INSULT,
                "hakaret",
                "salak",
                ticket_id=ticket,
                detector_suggested=True,
            ),
        )
    team.sync(agent, lead)
    with agent.desk.writer() as w:  # a modified client: the agent confirms it themself
        w.emit(
            "review.create",
            {
                "id": new_id(),
                "termination_id": term,
                "decision": "confirmed",
                "note": "onaylıyorum",
                "reviewer_id": w.author_id,
                "created_at": to_iso(w.now),
            },
        )
    assert agent.engine.run_once().rejected == 1
    with lead.desk.writer() as w:
        abuse.review(w, abuse.ReviewTermination(term, ReviewDecision.OVERTURNED, "abartılı"))
    colleague = team.ws("bora")
    team.sync(lead, agent, colleague)
    for read in (colleague.desk.db.read, partial(server_read, team.server)):
        with read() as conn:
            reviewers = conn.execute(
                select(AbuseReview.reviewer_id).where(AbuseReview.termination_id == term)
            ).all()
        assert [r[0] for r in reviewers] == [lead.agent_id]  # the team sees the lead's only
    with agent.desk.db.read() as conn:  # the forger's own copy keeps its refused record,
        assert (
            lead.agent_id
            in conn.execute(  # shown as refused; the lead's arrived too
                select(AbuseReview.reviewer_id).where(AbuseReview.termination_id == term)
            )
            .scalars()
            .all()
        )


RULES: dict[str, Callable[[Team], None]] = {
    "erasure": erasure_reaches_every_replica,
    "retention": retention_purge_reaches_every_replica,
    "export": export_is_the_admins_and_audited,
    "legal_hold": legal_hold_keeps_what_it_holds,
    "callback_rules": callback_rules_are_the_servers_too,
    "notice_texts": notice_texts_are_versioned_by_the_admin,
    "requests": requests_have_a_deadline_and_close_once,
    "reveal_audit": reveals_are_audited_everywhere,
    "store_location": the_store_location_comes_from_the_server,
    "lead_review": a_lead_decides_a_refusal_not_the_agent,
}


@pytest.mark.parametrize("rule", list(RULES))
def test_kvkk_rule_through_sync(rule: str, team: Team) -> None:
    RULES[rule](team)
