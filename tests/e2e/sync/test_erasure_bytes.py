"""KVKK erasure and purge reach every copy: the raw bytes of every workstation's and the server's
files.

A person's name, e-mail and phone number are written everywhere an agent's day puts them —
the contact, the ticket subject, the customer's mail, the agent's reply and internal note, a
callback's notes, the abuse evidence — and synced. After the erasure is synced, neither the
database files (with their WAL), nor the server's, nor a new workstation's full pull, hold any
of them. On PostgreSQL the server's side is every text and JSON value of every table, and
`pg_dump`'s output (old row versions wait for VACUUM: docs/KVKK_COPIES.md).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from tests.e2e.kvkk.servers import server_text
from tests.e2e.sync.serverproc import ServerProc, Workstation, workstation
from tests.unit.kvkk.builders import valid_callback
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel
from websight_desk.domain.callbacks import (
    PhoneSource,
)
from websight_desk.domain.enums import MessageKind
from websight_desk.services import abuse, kvkk, people, tickets
from websight_desk.services.callbacks import log_callback
from websight_desk.services.kvkk_erase import EraseCustomer, erase_customer
from websight_desk.storage import chain

NAME, EMAIL, PHONE = "Zerrin Kuşçuoğlu", "zerrin.kuscuoglu@example.com.tr", "+905357654321"
# "kuscuoglu" and "zerrin": the search index stores words folded (lower case, no accents)
NEEDLES = [NAME, "Kuşçuoğlu", "Kuscuoglu", "kuscuoglu", "zerrin", EMAIL, PHONE]
NEEDLES += ["5357654321", "535 765 43 21"]


def _day(ws: Workstation) -> str:
    with ws.desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("WS-42", "individual", NAME, EMAIL, PHONE)
        )
        ticket = tickets.open_ticket(
            w, tickets.OpenTicket(customer, f"{NAME} 0535 765 43 21 mail", f"Ben {NAME} ({EMAIL})")
        ).ticket_id
        tickets.post_message(
            w, tickets.PostMessage(ticket, MessageKind.OUTBOUND, f"Sayın {NAME}, bakıyoruz.")
        )
        tickets.post_message(
            w, tickets.PostMessage(ticket, MessageKind.NOTE, f"{NAME} 0535 765 43 21 arayacak")
        )
        abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET,
                AbuseCategory.INSULT,
                f"{NAME} telefonda hakaret etti",  # a note naming the person
                f"{NAME}: salak mısınız",
                ticket_id=ticket,
            ),
        )
    started = datetime.now(UTC) - timedelta(minutes=20)
    with ws.desk.writer() as w:
        from sqlalchemy import select

        from websight_desk.storage.models import Contact

        contact_id = w.conn.execute(
            select(Contact.id).where(Contact.customer_id == customer)
        ).scalar_one()
        call = valid_callback(ticket, contact_id, started, f"{NAME} DNS sorununu anlattı")
        log_callback(w, replace(call, phone=PHONE), kvkk.kvkk_settings(ws.desk.settings))
    return customer


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def _hits(paths: list[Path]) -> list[tuple[str, str]]:
    return _hits_of(NEEDLES, paths)


def _hits_of(needles: list[str], paths: list[Path]) -> list[tuple[str, str]]:
    found = []
    for path in paths:
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            continue
        found += [(str(path), n) for n in needles if n.encode() in data]
    return found


def test_erasure_leaves_no_byte_on_any_workstation_or_the_server(
    server: ServerProc, make_ws: Callable[..., Workstation], tmp_path: Path
) -> None:
    agent, dpo = make_ws("ayse", "agent"), make_ws("dpo", "admin")
    customer = _day(agent)
    agent.engine.run_once()
    dpo.engine.run_once()
    assert _hits(_files(dpo.desk.paths.root))  # the copy is really there before
    if server.db_url:
        assert NAME in server_text(server)  # and in the PostgreSQL server's tables
    with dpo.desk.writer() as w:
        erase_customer(w, EraseCustomer(customer, "KVKK m.11 silme talebi"))
    dpo.engine.run_once()
    agent.engine.run_once()
    fresh = workstation(server, tmp_path / "fresh", "yeni", "agent")
    fresh.engine.run_once()
    roots = [ws.desk.paths.root for ws in (agent, dpo, fresh)]
    for ws in (agent, dpo, fresh):
        ws.desk.db.checkpoint()
        with ws.desk.db.read() as conn:  # the blanked note is sealed by its digest
            assert chain.verify(conn).ok, chain.verify(conn).broken
    fresh.close()
    store = server.store()
    try:
        with store.read() as conn:
            assert chain.verify(conn).ok  # and on the server
    finally:
        store.close()
    database = server_text(server) if server.db_url else ""
    assert [n for n in NEEDLES if n in database] == []  # PostgreSQL: every table, pg_dump
    server.kill(15)  # a clean stop checkpoints the server's WAL too
    paths = [p for root in [*roots, server.data_dir] for p in _files(root)]
    hits = _hits(paths)
    assert hits == [], "\n".join(f"{p}: {n}" for p, n in hits)


CALL_NOTES = "Müşteri Gülnaz Yörükoğlu yedek hattan aradı"
CALL_PHONE = "+905419876543"  # a number given only on the call (not the contact's)
CALL_NEEDLES = ["Gülnaz Yörükoğlu", "gulnaz", "yorukoglu", CALL_PHONE, "5419876543"]


def test_the_servers_purge_leaves_no_byte_of_a_callback_anywhere(
    server: ServerProc, make_ws: Callable[..., Workstation], tmp_path: Path
) -> None:
    """After the daily destruction job: a callback's number and notes are gone from every file."""
    from sqlalchemy import select

    from websight_desk.server import retention
    from websight_desk.storage.models import Contact

    agent, colleague = make_ws("ayse", "agent"), make_ws("bora", "agent")
    with agent.desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS-43", "individual", "Ali Er"))
        ticket = tickets.open_ticket(w, tickets.OpenTicket(customer, "DNS", "Kayıt")).ticket_id
        contact = w.conn.execute(
            select(Contact.id).where(Contact.customer_id == customer)
        ).scalar_one()
    started = datetime.now(UTC) - timedelta(minutes=20)
    with agent.desk.writer() as w:
        call = replace(
            valid_callback(ticket, contact, started, CALL_NOTES),
            phone=CALL_PHONE,
            phone_source=PhoneSource.VERIFIED_NEW,
        )
        log_callback(w, call, kvkk.kvkk_settings(agent.desk.settings))
    agent.engine.run_once()
    colleague.engine.run_once()
    roots = [ws.desk.paths.root for ws in (agent, colleague)]
    assert _hits_of(CALL_NEEDLES, [p for r in roots for p in _files(r)])  # there before
    store = server.store()
    try:  # the server's daily job, on a day past every retention period
        retention.run_purge(store, datetime.now(UTC) + timedelta(days=3 * 366))
    finally:
        store.close()
    agent.engine.run_once()
    colleague.engine.run_once()
    fresh = workstation(server, tmp_path / "fresh", "yeni", "agent")
    fresh.engine.run_once()
    for ws in (agent, colleague, fresh):
        ws.desk.db.checkpoint()
    fresh.close()
    roots.append(fresh.desk.paths.root)
    database = server_text(server) if server.db_url else ""
    assert [n for n in CALL_NEEDLES if n in database] == []
    server.kill(15)
    hits = _hits_of(CALL_NEEDLES, [p for r in [*roots, server.data_dir] for p in _files(r)])
    assert hits == [], "\n".join(f"{p}: {n}" for p, n in hits)
