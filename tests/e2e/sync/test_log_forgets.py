"""After an erasure the server's change log forgets too: no pull returns the person again."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.domain.enums import MessageKind
from websight_desk.services import people, tickets
from websight_desk.services.kvkk_erase import EraseCustomer, erase_customer

PHONE, EMAIL, NAME = "+905321112233", "zeynep.kaya@example.com.tr", "Zeynep Kaya"
SECRETS = (PHONE, EMAIL, NAME, "532 111 22 33")


def _changes(server: ServerProc, token: str) -> str:
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {token}"}) as h:
        return h.get("/v1/changes", params={"after": 0, "limit": 2000}).text


def test_erasure_scrubs_the_change_log_and_late_arrivals(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    admin, agent = make_ws("dpo", "admin"), make_ws("ayse", "agent")
    with agent.desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("WS-77", "individual", NAME, EMAIL, PHONE)
        )
        ticket = tickets.open_ticket(
            w, tickets.OpenTicket(customer, f"{NAME} 0532 111 22 33", f"Ben {NAME}, {EMAIL}")
        ).ticket_id
        tickets.post_message(
            w, tickets.PostMessage(ticket, MessageKind.OUTBOUND, f"Merhaba {NAME}, sizi arayacağız")
        )
    agent.engine.run_once()
    admin.engine.run_once()
    _, token = server.add_account("okuyucu", "agent")
    assert NAME in _changes(server, token)  # before: the log has it
    offline_note = None
    with admin.desk.writer() as w:
        erase_customer(w, EraseCustomer(customer, "Silme talebi (KVKK m.11)"))
    with agent.desk.writer() as w:  # meanwhile, offline: more about the person
        offline_note = tickets.post_message(
            w, tickets.PostMessage(ticket, MessageKind.NOTE, f"{NAME} tekrar aradı: {PHONE}")
        )
    admin.engine.run_once()
    agent.engine.run_once()
    log = _changes(server, token)
    for secret in SECRETS:
        assert secret not in log, secret
    assert offline_note in log  # the late note is there, blanked
    assert '"redacted":"erasure"' in log
