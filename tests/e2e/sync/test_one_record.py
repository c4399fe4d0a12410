"""Every replica ends with the server's record: a refused local edit does not linger."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from tests.e2e.sync.serverproc import ServerProc, Workstation
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


def test_a_refused_first_change_of_a_field_shows_the_teams_value(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    """Nothing of its own to go back to: the server's refusal carries the team's value."""
    skewed, colleague = make_ws("ayse", "agent"), make_ws("bora", "agent")
    with colleague.desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS-8", "individual", "Ece Su"))
        ticket = tickets.open_ticket(w, tickets.OpenTicket(customer, "DNS", "Kayıt")).ticket_id
    colleague.engine.run_once()
    skewed.engine.run_once()
    team = _status(colleague, ticket)
    real = skewed.desk.clock.wall
    skewed.desk.clock.wall = lambda: real() + 10 * 60 * 1000  # ten minutes fast: refused
    with skewed.desk.writer() as w:
        tickets.change_field(
            w, tickets.ChangeField(ticket, TicketField.STATUS, TicketStatus.CLOSED)
        )
    assert _status(skewed, ticket) == "closed" != team
    assert skewed.engine.run_once().rejected == 1
    assert _status(skewed, ticket) == team


def test_work_done_before_connecting_is_adopted_not_refused(
    server: ServerProc, tmp_path: object
) -> None:
    from pathlib import Path

    from websight_desk.domain.abuse import AbuseCategory, AbuseChannel
    from websight_desk.domain.enums import MessageKind, Role
    from websight_desk.services import abuse
    from websight_desk.services.desk import open_desk
    from websight_desk.storage.models import AbuseTermination, Message
    from websight_desk.sync.adopt import adopt_local_work
    from websight_desk.sync.client import SyncClient
    from websight_desk.sync.engine import SyncEngine

    desk = open_desk(Path(str(tmp_path)) / "early", with_triage=False)
    with desk.writer() as w:  # a local identity, as on a computer never connected
        me = people.add_agent(w, people.NewAgent("yerel", "Yerel Ajan", Role.AGENT))
        buddy = people.add_agent(w, people.NewAgent("demo2", "Demo Arkadaş", Role.AGENT))
    desk.settings.agent_id = me
    with desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS-5", "individual", "Su Ak"))
        opened = tickets.open_ticket(w, tickets.OpenTicket(customer, "Mail", "Gelmiyor"))
        tickets.post_message(
            w, tickets.PostMessage(opened.ticket_id, MessageKind.NOTE, "Bakıyorum")
        )
        tickets.change_field(w, tickets.ChangeField(opened.ticket_id, TicketField.ASSIGNEE, buddy))
        term = abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET,
                AbuseCategory.INSULT,
                "hakaret",
                "salak",
                ticket_id=opened.ticket_id,
            ),
        )
    account, token = server.add_account("ayse", "agent")
    with SyncClient(server.url, token, retries=1) as client:
        desk.settings.agent_id = account
        SyncEngine(desk, client).pull()  # as `connect` does: learn the accounts first
        with desk.db.write() as conn:
            adoption = adopt_local_work(conn, account)
        assert adoption.adopted >= 6
        assert adoption.kept_local == 2  # the two local agents are not sent
        report = SyncEngine(desk, client).run_once()
    assert report.rejected == 0
    with desk.db.read() as conn:
        assert conn.execute(select(Ticket.assignee_id)).scalar_one() == account
        assert (
            conn.execute(
                select(AbuseTermination.reported_by).where(AbuseTermination.id == term)
            ).scalar_one()
            == account
        )
        authors = set(conn.execute(select(Message.author_agent_id)).scalars())
    assert authors <= {None, account}
    from websight_desk.storage import chain

    with desk.db.read() as conn:
        assert chain.verify(conn).ok
    desk.close()
    counts = server.counts()
    assert counts["tickets"] == 1
    assert counts["abuse_terminations"] == 1


def test_pulled_tickets_have_verdicts_without_being_opened(
    server: ServerProc, make_ws: Callable[..., Workstation], tmp_path: object
) -> None:
    from pathlib import Path

    from websight_desk.services import triage
    from websight_desk.services.desk import open_desk
    from websight_desk.storage.models import TicketTriage
    from websight_desk.sync.engine import SyncEngine

    writer = make_ws("ayse", "agent")
    with writer.desk.writer() as w:
        customer = people.add_customer(w, people.NewCustomer("WS-8", "individual", "Ali Er"))
        for subject in ("Outlook kurulumu nasıl yapılır", "Sitem açılmıyor, 500 hatası"):
            tickets.open_ticket(w, tickets.OpenTicket(customer, subject, subject))
    writer.engine.run_once()
    root = Path(str(tmp_path)) / "reader"
    first = open_desk(root, with_triage=False)  # `connect` pulls without triage
    first.settings.agent_id = writer.agent_id
    first.save_settings()
    SyncEngine(first, writer.client).pull()
    first.close()
    reader = open_desk(root, with_triage=True)  # then the app opens it and syncs
    try:
        SyncEngine(reader, writer.client).run_once()
        with reader.db.read() as conn:
            verdicts = conn.execute(select(TicketTriage.ruleset_version)).scalars().all()
            version = triage.hook_of(reader.ticket_hooks).ruleset.version  # type: ignore[union-attr]
        assert verdicts == [version, version]
    finally:
        reader.close()
