"""Every change = domain rows + an outbox row in one transaction; appliers are idempotent."""

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select, text

from websight_desk.domain.enums import MessageKind, Role, ServiceKind, TicketField
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.fts import match_expression
from websight_desk.storage.models import SyncOutbox, Ticket
from websight_desk.storage.ops import Op
from websight_desk.storage.outbox import pending_count


def _seed(desk: Desk) -> tuple[str, str]:
    with desk.writer() as w:
        agent = people.add_agent(w, people.NewAgent("mehmet", "Mehmet Y.", Role.AGENT))
    desk.settings.agent_id = agent
    with desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("M-1", "individual", "Ayşe Kaya", "ayse@example.com.tr")
        )
        service = people.add_service(
            w, people.NewService(customer, ServiceKind.SHARED_HOSTING, "ornekfirma.com.tr")
        )
        opened = tickets.open_ticket(
            w,
            tickets.OpenTicket(
                customer, "Şifre sıfırlama", "İSTANBUL ofisinden giremiyorum", service
            ),
        )
    return agent, opened.ticket_id


def test_each_change_writes_its_outbox_row(desk: Desk) -> None:
    _, ticket_id = _seed(desk)
    with desk.writer() as w:
        tickets.post_message(w, tickets.PostMessage(ticket_id, MessageKind.NOTE, "iç not"))
    with desk.db.read() as conn:
        kinds = conn.execute(select(SyncOutbox.kind).order_by(SyncOutbox.seq)).scalars().all()
        assert pending_count(conn) == len(kinds)
    assert kinds == [
        "agent.upsert",
        "customer.create",
        "contact.upsert",
        "service.upsert",
        "ticket.create",
        "message.create",
        "message.create",
    ]


def test_failed_use_case_leaves_nothing_behind(desk: Desk) -> None:
    _, ticket_id = _seed(desk)
    with desk.db.read() as conn:
        before = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()
    hlc_before = desk.clock.last
    with pytest.raises(ValidationError), desk.writer() as w:
        tickets.post_message(w, tickets.PostMessage(ticket_id, MessageKind.NOTE, "ilk"))
        tickets.post_message(w, tickets.PostMessage(ticket_id, MessageKind.NOTE, "   "))
    with desk.db.read() as conn:
        after = conn.execute(text("SELECT count(*) FROM sync_outbox")).scalar_one()
        notes = conn.execute(text("SELECT count(*) FROM messages WHERE kind='note'")).scalar_one()
    assert after == before
    assert notes == 0
    assert desk.clock.last == hlc_before


def test_unknown_references_are_refused(desk: Desk) -> None:
    _seed(desk)
    with pytest.raises(NotFound), desk.writer() as w:
        tickets.post_message(w, tickets.PostMessage("nope", MessageKind.NOTE, "x"))
    with pytest.raises(NotFound), desk.writer() as w:
        tickets.change_field(w, tickets.ChangeField("nope", TicketField.STATUS, "open"))


def test_field_projection_is_last_writer_by_hlc_then_node(desk: Desk) -> None:
    _, ticket_id = _seed(desk)
    now = datetime.now(UTC).isoformat()

    def change(op_id: str, value: str, hlc: int, node: str) -> Op:
        payload = {
            "id": op_id,
            "ticket_id": ticket_id,
            "field": "status",
            "value": value,
            "author_agent_id": None,
            "created_at": now,
        }
        return Op(op_id, "ticket.set_field", payload, hlc, node)

    base = desk.clock.last
    ops = [
        change("c1", "pending", base + 10, "node-b"),
        change("c2", "resolved", base + 10, "node-a"),  # same HLC: node id breaks the tie
        change("c3", "open", base + 5, "node-z"),  # older HLC loses whatever its node
    ]
    for order in (ops, list(reversed(ops)), [ops[1], ops[2], ops[0]]):
        with desk.db.write() as conn:
            apply_ops(ApplyContext(conn), order)
            status = conn.execute(select(Ticket.status).where(Ticket.id == ticket_id)).scalar()
            conn.rollback()
        assert status == "pending"


def test_applying_an_op_twice_changes_nothing(desk: Desk) -> None:
    _seed(desk)
    with desk.db.read() as conn:
        rows = conn.execute(select(SyncOutbox.__table__).order_by(SyncOutbox.seq)).all()
    ops = [
        Op(r.op_id, r.kind, json.loads(r.payload), r.hlc, desk.node_id, r.author_agent_id)
        for r in rows
    ]

    def counts() -> tuple[int, ...]:
        with desk.db.read() as conn:
            return tuple(
                conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one()
                for t in ("tickets", "messages", "customers", "contacts", "search_index")
            )

    before = counts()
    with desk.db.write() as conn:
        apply_ops(ApplyContext(conn), ops)
    assert counts() == before


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("sifre", True),
        ("ŞİFRE", True),
        ("istanbul", True),
        ("ISTANBUL ofis", True),
        ("kargo", False),
        ('"*-', False),
    ],
)
def test_search_is_turkish_aware(desk: Desk, query: str, found: bool) -> None:
    _, ticket_id = _seed(desk)
    expression = match_expression(query)
    hits: list[str] = []
    if expression is not None:
        with desk.db.read() as conn:
            hits = (
                conn.execute(
                    text("SELECT DISTINCT ticket_id FROM search_index WHERE search_index MATCH :q"),
                    {"q": expression},
                )
                .scalars()
                .all()
            )
    assert (hits == [ticket_id]) is found
