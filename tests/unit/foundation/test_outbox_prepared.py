"""Payloads prepared ahead (`outbox.prepare`, e.g. in a demo's generator process) are stored
exactly as the same payloads emitted directly, and a wrong or invalid one is refused."""

import pickle
from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from websight_desk.domain.enums import MessageKind, Role
from websight_desk.domain.ids import new_id
from websight_desk.domain.op_kinds import InvalidPayload
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk
from websight_desk.storage.models import Message, SyncOutbox
from websight_desk.storage.outbox import Prepared, prepare


def _message(ticket_id: str, body: str) -> dict[str, object]:
    return tickets.message_payload(
        new_id(), ticket_id, MessageKind.NOTE, body, author=None, at=datetime.now(UTC)
    )


def _ticket(desk: Desk) -> str:
    with desk.writer() as w:
        agent = people.add_agent(w, people.NewAgent("selin", "Selin A.", Role.AGENT))
    desk.settings.agent_id = agent
    with desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("M-1", "individual", "Zeynep Kılıç", "z@example.com.tr")
        )
        return tickets.open_ticket(
            w, tickets.OpenTicket(customer, "Şifre", "Şifremi unuttum")
        ).ticket_id


def test_prepared_and_plain_payloads_are_stored_alike(desk: Desk) -> None:
    ticket_id = _ticket(desk)
    plain = _message(ticket_id, "İyi günler, şifre sıfırlandı")
    ahead = pickle.loads(pickle.dumps(prepare("message.create", _message(ticket_id, "Ödendi"))))
    with desk.writer() as w:
        w.emit_many("message.create", [plain, ahead])
    with desk.db.read() as conn:
        rows = conn.exec_driver_sql(
            "SELECT typeof(payload) FROM sync_outbox WHERE kind = 'message.create'"
        ).all()
        read = dict(
            conn.execute(
                select(SyncOutbox.payload, SyncOutbox.kind).where(
                    SyncOutbox.kind == "message.create"
                )
            ).all()
        )
        bodies = set(conn.execute(select(Message.body)).scalars())
    assert {t for (t,) in rows} == {"blob"}  # both packed
    stored = {r for (r,) in _raw(desk)}
    assert prepare("message.create", plain).stored in stored  # encoded as `prepare` does
    assert ahead.stored in stored
    assert len(read) == 3  # the ticket's first message and both new ones
    assert {"İyi günler, şifre sıfırlandı", "Ödendi"} <= bodies


def _raw(desk: Desk) -> list[tuple[object]]:
    with desk.db.read() as conn:
        return list(conn.exec_driver_sql("SELECT payload FROM sync_outbox"))


def test_a_payload_prepared_for_another_kind_is_refused(desk: Desk) -> None:
    ticket_id = _ticket(desk)
    ahead = prepare("message.create", _message(ticket_id, "x"))
    with pytest.raises(ValueError, match="emitted as"), desk.writer() as w:
        w.emit_many("ticket.create", [ahead])


def test_prepare_validates() -> None:
    with pytest.raises(InvalidPayload):
        prepare("message.create", {"id": "x"})
    assert isinstance(prepare("message.create", _message(new_id(), "x")), Prepared)
