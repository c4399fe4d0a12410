"""The server as the authority: an agent's token and raw HTTP cannot do what the app would not.

Every op kind, pushed honestly, is applied; signed as somebody else it is refused. KVKK rules,
retention, append-only and the clock are the server's — on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest

from tests.e2e.sync.opfactory import ROLE_OF, OpFactory, Pusher, World, iso, now, uid
from tests.e2e.sync.serverproc import ServerProc
from websight_desk.domain.hlc import pack, physical_ms
from websight_desk.domain.op_kinds import KINDS


def _query(server: ServerProc, sql: str, **params: Any) -> Any:
    from sqlalchemy import text

    store = server.store()
    try:
        with store.read() as conn:
            return conn.execute(text(sql), params).one()
    finally:
        store.close()


def _pushers(server: ServerProc) -> dict[str, Pusher]:
    made = {}
    for name, role in (
        ("ayse", "agent"),
        ("mehmet", "agent"),
        ("lead", "shift_lead"),
        ("lead2", "shift_lead"),
        ("admin", "admin"),
        ("admin2", "admin"),
    ):
        account_id, token = server.add_account(name, role)
        made[name] = Pusher(server.url, token, account_id)
    return made


def _applied(p: Pusher, kind: str, payload: dict[str, Any]) -> str:
    [result] = p.results(p.op(kind, payload))
    assert result["status"] == "applied", (kind, result)
    return str(payload["id"])


def _world(p: dict[str, Pusher]) -> World:
    agent, admin, f = p["ayse"], p["admin"], OpFactory()  # notice text v1 ships with the schema
    customer = _applied(agent, "customer.create", f.payload("customer.create", agent.account_id))
    f.w = World(customer, "", "", "", "", "", "", "")
    f.w.contact = _applied(agent, "contact.upsert", f.payload("contact.upsert", agent.account_id))
    f.w.ticket = _applied(agent, "ticket.create", f.payload("ticket.create", agent.account_id))
    inbound = {
        "id": uid(),
        "created_at": iso(now()),
        "ticket_id": f.w.ticket,
        "kind": "inbound",
        "author_agent_id": None,
        "body": "Salak mısınız, sitem yine çöktü!",
    }
    f.w.message = _applied(agent, "message.create", inbound)
    for kind, attr, who in (
        ("callback.create", "callback", agent),
        ("termination.create", "termination", agent),
        ("legal_hold.set", "hold", admin),
        ("kvkk_request.create", "request", agent),
    ):
        setattr(f.w, attr, _applied(who, kind, f.payload(kind, who.account_id)))
    return f.w


# kvkk.erase last: it blanks the customer the other kinds refer to.
ORDER = sorted(KINDS, key=lambda k: (k == "kvkk.erase", k))


def test_every_kind_honest_applied_forged_author_refused(server: ServerProc) -> None:
    p = _pushers(server)
    factory = OpFactory(_world(p))
    other_of = {"agent": "mehmet", "shift_lead": "lead2", "admin": "admin2"}
    pusher_of = {"agent": "ayse", "shift_lead": "lead", "admin": "admin"}
    for kind in ORDER:
        role = ROLE_OF.get(kind, "agent")
        me, victim = p[pusher_of[role]], p[other_of[role]]
        # 1. top-level author: another account's id
        forged = me.op(kind, factory.payload(kind, me.account_id), author=victim.account_id)
        [res] = me.results(forged)
        assert res["status"] == "rejected", (kind, res)
        assert "authored by the account that sends it" in res["reason"]
        # 2. every actor field naming someone else, the op itself authored correctly
        for name in KINDS[kind].actors:
            payload = factory.payload(kind, me.account_id)
            payload[name] = victim.account_id
            [res] = me.results(me.op(kind, payload))
            assert res["status"] == "rejected", (kind, name, res)
            assert f"{name} must be the account that sends it" in res["reason"]
        # 3. honestly: applied (the release and the closure of the world's hold and request)
        [res] = me.results(me.op(kind, factory.payload(kind, me.account_id)))
        assert res["status"] == "applied", (kind, res)
    # a reply signed as a colleague; a customer's message signed as an agent
    agent = p["ayse"]
    reply = factory.payload("message.create", p["mehmet"].account_id)
    [res] = agent.results(agent.op("message.create", reply))
    assert res["status"] == "rejected"
    assert "author_agent_id must be the account that sends it" in res["reason"]
    inbound = {**factory.payload("message.create", agent.account_id), "kind": "inbound"}
    assert agent.results(agent.op("message.create", inbound))[0]["status"] == "rejected"
    # roles: an agent cannot push an admin's or a lead's kind even in its own name
    for kind, role in ROLE_OF.items():
        [res] = agent.results(agent.op(kind, factory.payload(kind, agent.account_id)))
        assert res["status"] == "rejected"
        assert f"needs the role {role}" in res["reason"]


def test_kvkk_rules_of_a_callback_hold_over_http(server: ServerProc) -> None:
    p = _pushers(server)
    factory = OpFactory(_world(p))
    agent = p["ayse"]

    def callback(**change: Any) -> dict[str, Any]:
        payload = factory.payload("callback.create", agent.account_id)
        payload.update(change)
        return payload

    later = iso(now() - timedelta(minutes=20))
    business = {
        "notes without the notice": callback(
            notice_version=None, notice_lang=None, notice_method=None, notice_given_at=None
        ),
        "a recording without consent": callback(recording_ref="rec-1", recording_state="refused"),
        "a refused consent with no time": callback(recording_state="refused"),
        "ending before it starts": callback(ended_at=later),
        "notes over the company's limit": callback(notes="ş" * 5000),
        "a premium number": callback(phone="+909001234567"),
        "an unknown notice version": callback(notice_version=7),
        "a marketing basis": callback(legal_basis="establish_right_5_2_e"),
        "another customer's ticket": callback(customer_id=uid()),
    }
    for what, payload in business.items():
        [res] = agent.results(agent.op("callback.create", payload))
        assert res["status"] == "rejected", (what, res)
    malformed = {
        "reason marketing": callback(reason="marketing"),
        "50,000-character notes": callback(notes="x" * 200_001),
        "a phone that is not a number": callback(phone="call me maybe"),
        "an unknown field": callback(mood="angry"),
        "a naive time": callback(started_at="2026-01-01T10:00:00"),
    }
    for what, payload in malformed.items():
        r = agent.push(agent.op("callback.create", payload))
        assert r.status_code == 400, (what, r.text)
        assert r.json()["error"] == "invalid_ops"
    counts = server.counts()
    assert counts.get("callbacks") == 1  # only the world's honest one


def test_retention_dates_and_purges_are_the_servers(server: ServerProc) -> None:
    p = _pushers(server)
    factory = OpFactory(_world(p))
    agent = p["ayse"]
    payload = factory.payload("termination.create", agent.account_id)
    payload["destroy_after"] = "2000-01-01T00:00:00+00:00"
    term = agent.op("termination.create", payload)
    purge = factory.payload("kvkk.purge", agent.account_id)
    purge.update(termination_ids=[payload["id"]], terminations_examined=1)
    [t_res, p_res] = agent.results(term, agent.op("kvkk.purge", purge))
    assert t_res["status"] == "applied"
    stamped = t_res["stamped"]["payload"]["destroy_after"]
    assert stamped > iso(now() + timedelta(days=700))
    assert p_res["status"] == "rejected"
    assert "cannot be destroyed yet" in p_res["reason"]
    row = _query(
        server, "SELECT evidence_excerpt FROM abuse_terminations WHERE id = :i", i=payload["id"]
    )
    assert row.evidence_excerpt == "salak mısınız"
    # the same op again (a workstation that lost the answer) is a duplicate with the stamp
    [again] = agent.results(term)
    assert again["status"] == "duplicate"
    assert again["stamped"]["payload"]["destroy_after"] == stamped


@pytest.mark.parametrize("kind", ["callback.create", "legal_hold.set", "kvkk_request.create"])
def test_append_only_record_ids_cannot_be_reused(server: ServerProc, kind: str) -> None:
    p = _pushers(server)
    factory = OpFactory(_world(p))
    me = p[{"agent": "ayse", "admin": "admin"}[ROLE_OF.get(kind, "agent")]]
    payload = factory.payload(kind, me.account_id)
    assert me.results(me.op(kind, payload))[0]["status"] == "applied"
    changed = {**payload, "created_at": iso(now() + timedelta(seconds=1))}
    [res] = me.results(me.op(kind, changed))
    assert res["status"] == "rejected"
    assert "append-only" in res["reason"]
    [logged] = _query(
        server,
        "SELECT count(*) FROM server_change_log WHERE payload LIKE :p",
        p=f'%"id":"{payload["id"]}"%',
    )
    assert logged == 1


def test_a_forged_future_stamp_cannot_win(server: ServerProc) -> None:
    p = _pushers(server)
    factory = OpFactory(_world(p))
    forger, honest = p["mehmet"], p["ayse"]
    ahead = pack(int(time.time() * 1000) + 290_000, 65535)  # 4 min 50 s ahead, last counter
    weird = forger.op("ticket.set_field", factory.payload("ticket.set_field", forger.account_id))
    weird["node_id"] = "~~~~"
    assert forger.push(weird).status_code == 400  # a node id is a UUID
    payload = factory.payload("ticket.set_field", forger.account_id)
    payload["value"] = "closed"
    [res] = forger.results(forger.op("ticket.set_field", payload, hlc=ahead))
    assert res["status"] == "applied"
    assert physical_ms(res["stamped"]["hlc"]) <= time.time() * 1000
    time.sleep(0.01)
    later = factory.payload("ticket.set_field", honest.account_id)
    later["value"] = "pending"
    assert honest.results(honest.op("ticket.set_field", later))[0]["status"] == "applied"
    assert factory.w is not None
    [status] = _query(server, "SELECT status FROM tickets WHERE id = :i", i=factory.w.ticket)
    assert status == "pending"


def test_a_fast_workstation_adopts_the_servers_stamp_and_replicas_converge(
    server: ServerProc, make_ws: Any
) -> None:
    from sqlalchemy import select

    from websight_desk.domain.enums import TicketField, TicketStatus
    from websight_desk.services import people, tickets
    from websight_desk.storage.models import Ticket, TicketFieldChange

    fast, other = make_ws("hizli", "agent"), make_ws("diger", "agent")
    with other.desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("WS-1", "individual", "Ali Veli", None, "+905321234567")
        )
        ticket = tickets.open_ticket(w, tickets.OpenTicket(customer, "DNS", "Çözülmedi")).ticket_id
    other.engine.run_once()
    fast.engine.run_once()
    fast.desk.clock.wall = lambda: int(time.time() * 1000) + 120_000  # two minutes fast
    with fast.desk.writer() as w:
        change = tickets.change_field(
            w, tickets.ChangeField(ticket, TicketField.STATUS, TicketStatus.CLOSED)
        )
    report = fast.engine.run_once()
    assert report.rejected == 0
    with fast.desk.db.read() as conn:
        local = conn.execute(
            select(TicketFieldChange.hlc).where(TicketFieldChange.id == change)
        ).scalar_one()
    assert physical_ms(local) <= time.time() * 1000  # the server's stamp, not the fast clock
    time.sleep(0.01)
    with other.desk.writer() as w:  # a later edit by a colleague with a correct clock wins
        tickets.change_field(w, tickets.ChangeField(ticket, TicketField.STATUS, TicketStatus.OPEN))
    other.engine.run_once()
    fast.engine.run_once()
    for ws in (fast, other):
        with ws.desk.db.read() as conn:
            assert conn.execute(select(Ticket.status).where(Ticket.id == ticket)).scalar_one() == (
                "open"
            )


def test_audit_events_are_checked_by_kind_role_and_subject(server: ServerProc) -> None:
    """An agent cannot record a KVKK export or erasure, nor an audit kind the app has none of."""
    p = _pushers(server)
    factory = OpFactory(_world(p))
    agent, admin = p["ayse"], p["admin"]

    def audit(who: Pusher, **change: Any) -> dict[str, Any]:
        payload = factory.payload("audit.create", who.account_id)
        payload.update(change)
        return payload

    on_customer = {"subject_type": "customer", "subject_id": factory.w.customer}
    refused = {
        "an agent's export": (agent, audit(agent, kind="kvkk.export", **on_customer)),
        "an agent's erasure": (agent, audit(agent, kind="kvkk.erase", **on_customer)),
        "an unknown kind": (agent, audit(agent, kind="ticket.peek")),
        "a reveal about a customer": (agent, audit(agent, **on_customer)),
    }
    for what, (who, payload) in refused.items():
        [res] = who.results(who.op("audit.create", payload))
        assert res["status"] == "rejected", (what, res)
    _applied(agent, "audit.create", audit(agent))  # a reveal of a contact's number
    _applied(admin, "audit.create", audit(admin, kind="kvkk.export", **on_customer))
    assert _query(server, "SELECT count(*) FROM audit_events")[0] == 2
