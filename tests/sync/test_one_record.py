"""Every replica ends with the server's record: a refused local edit does not linger."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from tests.sync.serverproc import ServerProc, Workstation
from websight_desk.domain.enums import TicketField, TicketStatus
from websight_desk.services import people, tickets
from websight_desk.storage.models import Ticket
from websight_desk.sync.review import list_rejected


def _status(ws: Workstation, ticket_id: str) -> str:
    with ws.desk.db.read() as conn:
        return str(conn.execute(select(Ticket.status).where(Ticket.id == ticket_id)).scalar_one())


def test_a_refused_status_change_rolls_back_to_the_teams_value(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    skewed, colleague = make_ws("ayse", "agent"), make_ws("bora", "agent")
    with colleague.desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS-9", "individual", "Can Er"))
        ticket = tickets.open_ticket(w, tickets.OpenTicket(customer, "SSL", "Sertifika")).ticket_id
        tickets.change_field(w, tickets.ChangeField(ticket, TicketField.STATUS, TicketStatus.OPEN))
    colleague.engine.run_once()
    skewed.engine.run_once()
    real = skewed.desk.clock.wall
    skewed.desk.clock.wall = lambda: real() + 10 * 60 * 1000  # ten minutes fast: refused
    with skewed.desk.writer() as w:
        tickets.change_field(
            w, tickets.ChangeField(ticket, TicketField.STATUS, TicketStatus.CLOSED)
        )
    assert _status(skewed, ticket) == "closed"
    assert skewed.engine.run_once().rejected == 1
    assert _status(skewed, ticket) == "open" == _status(colleague, ticket)
    [refused] = list_rejected(skewed.desk)  # kept and shown, with the reason
    assert "ahead of the server clock" in refused.reason
