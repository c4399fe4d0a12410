"""Ticket numbers are the team's: workstations that worked offline end with unique numbers."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.services import people, tickets
from websight_desk.storage.models import Ticket


def _numbers(ws: Workstation) -> dict[str, int]:
    with ws.desk.db.read() as conn:
        return {r.id: r.number for r in conn.execute(select(Ticket.id, Ticket.number))}


def test_offline_workstations_get_unique_team_numbers(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a, b, c = make_ws("ayse", "agent"), make_ws("bora", "agent"), make_ws("cem", "agent")
    with a.desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS-100", "company", "Ada Ltd"))
    a.engine.run_once()
    b.engine.run_once()
    c.engine.run_once()
    made: dict[str, set[str]] = {}
    for ws in (a, b, c):  # all offline: each numbers its tickets max + 1 of what it has seen
        with ws.desk.writer() as w:
            made[ws.agent_id] = {
                tickets.open_ticket(w, tickets.OpenTicket(customer, f"Konu {i}", "Metin")).ticket_id
                for i in range(4)
            }
    assert len(set(_numbers(a).values()) & set(_numbers(b).values())) == 4  # the collision
    for ws in (c, a, b, c, a, b):
        assert ws.engine.run_once().rejected == 0
    numbers = _numbers(a)
    assert len(numbers) == 12
    assert len(set(numbers.values())) == 12  # unique across the team
    assert _numbers(b) == numbers == _numbers(c)
    store = server.store()
    try:
        with store.read() as conn:
            on_server = {r.id: r.number for r in conn.execute(select(Ticket.id, Ticket.number))}
    finally:
        store.close()
    assert on_server == numbers


def test_offline_customer_codes_become_unique_and_nothing_cascades(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    from websight_desk.storage.models import Customer

    a, b = make_ws("ayse", "agent"), make_ws("bora", "agent")
    mine: dict[str, str] = {}
    for ws in (a, b):  # the same codes on both, made offline, each with tickets and messages
        with ws.desk.writer() as w:
            for code in ("WS0000001", "WS0000002", "ACME"):
                customer = people.add_customer(w, people.NewCustomer(code, "company", "Ad"))
                mine[customer] = code
                tickets.open_ticket(w, tickets.OpenTicket(customer, "Konu", "Metin"))
    for ws in (a, b, a):
        assert ws.engine.run_once().rejected == 0
    codes = {}
    for ws in (a, b):
        with ws.desk.db.read() as conn:
            codes[ws.agent_id] = {
                r.id: r.code for r in conn.execute(select(Customer.id, Customer.code))
            }
    assert codes[a.agent_id] == codes[b.agent_id]
    final = codes[a.agent_id]
    assert set(final) == set(mine)
    assert len(set(final.values())) == 6
    assert {"WS0000001", "WS0000002", "ACME"} <= set(final.values())
    assert {"WS0000003", "WS0000004", "ACME-2"} == set(final.values()) - {
        "WS0000001",
        "WS0000002",
        "ACME",
    }
    assert len(_numbers(a)) == len(_numbers(b)) == 6
