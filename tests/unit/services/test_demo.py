"""The demo workspace generator: deterministic, varied, complete, and written as synced ops."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import phonenumbers
import pytest
from sqlalchemy import func, select

from websight_desk.cli.main import main
from websight_desk.demo import run as demo
from websight_desk.demo.context import DemoContext
from websight_desk.domain.enums import MessageKind, RequesterKind, Role, ServiceKind
from websight_desk.domain.turkish import fold
from websight_desk.services.desk import Desk, open_desk
from websight_desk.storage.models import (
    Agent,
    Contact,
    Customer,
    Message,
    Service,
    SyncOutbox,
    Ticket,
    TicketFieldChange,
    TicketTriage,
)
from websight_desk.storage.outbox import OpWriter

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)


def _fill(root: Path, n: int, seed: int = 7) -> Desk:
    d = open_desk(root, with_triage=False)
    demo.add_demo_data(d, n, seed, now=NOW)
    return d


def _texts(d: Desk) -> tuple[list[str], list[str]]:
    with d.db.read() as conn:
        subjects = list(conn.execute(select(Ticket.subject).order_by(Ticket.number)).scalars())
        bodies = list(
            conn.execute(
                select(Message.body).join(Ticket).order_by(Ticket.number, Message.created_at)
            ).scalars()
        )
    return subjects, bodies


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Desk:
    d = _fill(tmp_path_factory.mktemp("demo") / "ws", 600)
    yield d  # type: ignore[misc]
    d.close()


def test_same_seed_gives_same_content(tmp_path: Path) -> None:
    a, b = _fill(tmp_path / "a", 120), _fill(tmp_path / "b", 120)
    c = _fill(tmp_path / "c", 120, seed=8)
    try:
        assert _texts(a) == _texts(b)
        assert _texts(a)[1] != _texts(c)[1]
    finally:
        for d in (a, b, c):
            d.close()


def test_the_queue_planner_has_statistics(filled: Desk) -> None:
    with filled.db.read() as conn:
        tables = set(conn.exec_driver_sql("SELECT tbl FROM sqlite_stat1").scalars())
    assert {"tickets", "messages", "contacts"} <= tables


def test_counts_and_every_kind_present(filled: Desk) -> None:
    with filled.db.read() as conn:
        assert conn.execute(select(func.count()).select_from(Ticket)).scalar_one() == 600
        kinds = set(conn.execute(select(Service.kind).distinct()).scalars())
        requesters = set(conn.execute(select(Ticket.requester_kind).distinct()).scalars())
        msg_kinds = set(conn.execute(select(Message.kind).distinct()).scalars())
        statuses = set(conn.execute(select(Ticket.status).distinct()).scalars())
        resold = conn.execute(
            select(func.count()).select_from(Service).where(Service.reseller_id.is_not(None))
        ).scalar_one()
        servers = conn.execute(
            select(Service.delivered_at.is_(None)).where(Service.kind == "vps").distinct()
        ).scalars()
        assert set(servers) == {True, False}  # delivered and undelivered servers
        assert conn.execute(select(func.count()).where(Service.has_sla)).scalar_one() > 0
        assert conn.execute(select(func.count()).where(Service.managed)).scalar_one() > 0
        assert conn.execute(select(func.count()).select_from(TicketFieldChange)).scalar_one()
    assert kinds == {k.value for k in ServiceKind}
    assert requesters == {k.value for k in RequesterKind}
    assert msg_kinds == {k.value for k in MessageKind}
    assert {"new", "open", "pending", "resolved"} <= statuses
    assert resold > 0


def test_end_customers_are_served_through_a_reseller(filled: Desk) -> None:
    with filled.db.read() as conn:
        rows = conn.execute(
            select(Service.reseller_id, Service.kind)
            .join(Ticket, Ticket.service_id == Service.id)
            .where(Ticket.requester_kind == RequesterKind.RESELLER_END_CUSTOMER.value)
        ).all()
        reseller_kinds = set(
            conn.execute(
                select(Service.kind).where(Service.customer_id.in_({r[0] for r in rows}))
            ).scalars()
        )
    assert rows
    assert all(r[0] is not None for r in rows)
    assert ServiceKind.RESELLER_HOSTING.value in reseller_kinds


def test_every_change_is_in_the_outbox(filled: Desk) -> None:
    with filled.db.read() as conn:
        by_kind = dict(
            conn.execute(select(SyncOutbox.kind, func.count()).group_by(SyncOutbox.kind)).all()
        )
        n_messages = conn.execute(select(func.count()).select_from(Message)).scalar_one()
    assert by_kind["ticket.create"] == 600
    assert by_kind["message.create"] == n_messages
    assert {"customer.create", "contact.upsert", "service.upsert", "ticket.set_field"} <= set(
        by_kind
    )


def test_text_is_varied_and_realistic(filled: Desk) -> None:
    subjects, bodies = _texts(filled)
    assert len(set(subjects)) / len(subjects) > 0.5
    with filled.db.read() as conn:
        firsts = list(
            conn.execute(
                select(Message.body).join(Ticket).where(Message.created_at == Ticket.created_at)
            ).scalars()
        )
    assert len(firsts) == 600
    assert len(set(firsts)) / len(firsts) > 0.95
    text = "\n".join(bodies)
    folded = fold(text)
    assert "ş" in text  # with Turkish letters
    assert "sifre" in text  # and typed without them
    assert "sifre" in folded
    assert any(s.isupper() and len(s) > 8 for s in subjects)  # ALL CAPS
    assert "Hello" in text or "Hi," in text  # English
    for quoting in ("tarihinde", "yazdı:", "\n> ", "wrote:"):  # quoted mail history
        assert quoting in text
    assert "Parse error: syntax error, unexpected" in text
    for insult in ("şerefsiz", "aptal", "gerizekal", "idiots", "morons", "beceriksiz"):
        if insult in text:
            break
    else:
        pytest.fail("no abusive message")
    assert "kabul edilemez" in text or "unacceptable" in text  # heated, not insulting


def test_contacts_have_turkish_numbers_and_example_addresses(filled: Desk) -> None:
    with filled.db.read() as conn:
        rows = conn.execute(select(Contact.email, Contact.phone).limit(200)).all()
        labels = list(conn.execute(select(Service.label)).scalars())
    for email, phone in rows:
        assert email
        assert phone
        assert email.split("@")[1].split(".")[-2:] in (["example", "tr"], ["example", "net"]) or (
            ".example" in email
        )
        number = phonenumbers.parse(phone)
        assert phone.startswith("+90")
        assert phonenumbers.is_valid_number(number), phone
    assert all(".example" in label for label in labels)


def test_team_created_once_and_current_agent_set(tmp_path: Path) -> None:
    d = _fill(tmp_path / "ws", 30)
    try:
        demo.add_demo_data(d, 30, 7, now=NOW)
        with d.db.read() as conn:
            roles = Counter(conn.execute(select(Agent.role)).scalars())
            numbers = list(conn.execute(select(Ticket.number)).scalars())
            codes = list(conn.execute(select(Customer.code)).scalars())
            me = conn.execute(select(Agent.role).where(Agent.id == d.settings.agent_id)).scalar()
        assert roles == {Role.AGENT.value: 3, Role.SHIFT_LEAD.value: 2, Role.ADMIN.value: 1}
        assert me == Role.AGENT.value
        assert len(numbers) == len(set(numbers)) == 60
        assert len(codes) == len(set(codes))
    finally:
        d.close()


def test_times_spread_over_the_last_sixty_days(filled: Desk) -> None:
    with filled.db.read() as conn:
        first, last = conn.execute(
            select(func.min(Ticket.created_at), func.max(Ticket.updated_at))
        ).one()
    assert NOW - timedelta(days=61) <= first < NOW - timedelta(days=40)
    assert last <= NOW


def test_feature_generators_run_with_their_own_random(tmp_path: Path) -> None:
    seen: list[tuple[int, int, float]] = []

    def gen(w: OpWriter, rng: random.Random, ctx: DemoContext) -> None:
        assert w.conn is not None
        seen.append((len(ctx.tickets), len(ctx.agents_with(Role.SHIFT_LEAD)), rng.random()))

    for name in ("a", "b"):
        d = open_desk(tmp_path / name, with_triage=False)
        demo.add_demo_data(d, 10, 7, now=NOW, generators=[gen])
        d.close()
    assert seen[0] == seen[1]
    assert seen[0][:2] == (10, 2)


def test_cli_if_empty_and_adding(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ws = str(tmp_path / "ws")
    assert main(["demo", "--tickets", "25", "--seed", "3", "--workspace", ws]) == 0
    assert "Added 25 demo tickets" in capsys.readouterr().out
    assert main(["demo", "--tickets", "25", "--if-empty", "--workspace", ws]) == 0
    assert "nothing added" in capsys.readouterr().out
    assert main(["demo", "--tickets", "5", "--workspace", ws]) == 0
    capsys.readouterr()
    assert main(["stats", "--json", "--workspace", ws]) == 0
    assert json.loads(capsys.readouterr().out)["tickets"] == 30
    d = open_desk(Path(ws), with_triage=False)
    try:
        with d.db.read() as conn:
            triaged = conn.execute(select(func.count()).select_from(TicketTriage)).scalar_one()
        assert triaged == 30  # the CLI triages what it adds
    finally:
        d.close()


def test_worker_processes_make_the_same_data_and_triage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Batches built in a worker and policy decisions evaluated ahead change nothing."""
    from websight_desk.demo.policy_pool import PolicyPool

    taken: list[str] = []
    original = PolicyPool.take

    def take(self: PolicyPool, ticket_id: str, *args: Any) -> Any:
        row = original(self, ticket_id, *args)
        if row is not None:
            taken.append(ticket_id)
        return row

    monkeypatch.setattr(PolicyPool, "take", take)

    def triaged(d: Desk) -> list[tuple[int, str, str, bool]]:
        with d.db.read() as conn:
            rows = conn.execute(
                select(
                    Ticket.number,
                    TicketTriage.verdict,
                    TicketTriage.primary_clause,
                    TicketTriage.abuse,
                )
                .join(TicketTriage, TicketTriage.ticket_id == Ticket.id)
                .order_by(Ticket.number)
            ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]

    here, there = open_desk(tmp_path / "a"), open_desk(tmp_path / "b")
    try:
        demo.add_demo_data(here, 150, 5, now=NOW, parallel=False)
        demo.add_demo_data(there, 150, 5, now=NOW, parallel=True)
        assert _texts(here) == _texts(there)
        assert len(triaged(there)) == 150
        assert len(taken) == 150  # every decision came from the policy workers
        assert triaged(here) == triaged(there)
    finally:
        here.close()
        there.close()
