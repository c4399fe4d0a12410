"""Packed outbox payloads: smaller on disk, read back as the very JSON stored, and scrubbed."""

import json

import pytest
from sqlalchemy import select

from websight_desk.domain.enums import MessageKind, Role, ServiceKind
from websight_desk.services import people, tickets
from websight_desk.services.desk import Desk
from websight_desk.storage.forget_local import forget_copies
from websight_desk.storage.models import SyncOutbox
from websight_desk.storage.ops import canonical_json
from websight_desk.storage.outbox_codec import PACKED_KINDS, pack, unpack
from websight_desk.storage.scrub import Forget


@pytest.mark.parametrize(
    "text",
    [
        "{}",
        '{"body":"Şifremi unuttum, İSTANBUL ofisinden giremiyorum 🙂","id":"01"}',
        json.dumps({"body": "x" * 5000, "subject": "ığüşöç ĞÜŞİÖÇ"}, ensure_ascii=False),
    ],
)
def test_pack_round_trips_exactly(text: str) -> None:
    packed = pack(text)
    assert packed[:1] == b"\x01"
    assert unpack(packed) == text
    assert unpack(text) == text  # rows stored as text read as they are


def test_unknown_version_is_refused() -> None:
    with pytest.raises(ValueError, match="version"):
        unpack(b"\x02" + pack("{}")[1:])


def _open(desk: Desk) -> tuple[str, str]:
    with desk.writer() as w:
        agent = people.add_agent(w, people.NewAgent("selin", "Selin A.", Role.AGENT))
    desk.settings.agent_id = agent
    with desk.writer() as w:
        customer = people.add_customer(
            w, people.NewCustomer("M-9", "individual", "Zeynep Kılıç", "zeynep@example.com.tr")
        )
        service = people.add_service(
            w, people.NewService(customer, ServiceKind.SHARED_HOSTING, "zeynepkilic.com.tr")
        )
        opened = tickets.open_ticket(
            w,
            tickets.OpenTicket(
                customer, "Alan adı yenileme", "Zeynep Kılıç: yenileme ücretini ödedim", service
            ),
        )
        tickets.post_message(
            w, tickets.PostMessage(opened.ticket_id, MessageKind.NOTE, "Zeynep Hanım arandı")
        )
    return customer, opened.ticket_id


def test_bulky_kinds_are_stored_packed_and_read_back_as_their_json(desk: Desk) -> None:
    _open(desk)
    with desk.db.read() as conn:
        stored = conn.exec_driver_sql(
            "SELECT kind, typeof(payload), length(payload) FROM sync_outbox ORDER BY seq"
        ).all()
        read = conn.execute(select(SyncOutbox.kind, SyncOutbox.payload)).all()
    kinds = {kind for kind, _type, _len in stored}
    assert {"message.create", "ticket.create", "contact.upsert"} <= kinds
    for kind, sql_type, _length in stored:
        assert sql_type == ("blob" if kind in PACKED_KINDS else "text"), kind
    for kind, payload in read:
        assert isinstance(payload, str)
        assert canonical_json(json.loads(payload)) == payload, kind  # the canonical text
    assert any("Zeynep Hanım arandı" in p for k, p in read if k == "message.create")


def test_erasure_scrubs_packed_copies(desk: Desk) -> None:
    customer, ticket_id = _open(desk)
    forget = Forget(
        "erasure", customer_ids=frozenset({customer}), ticket_ids=frozenset({ticket_id})
    )
    with desk.db.write() as conn:
        assert forget_copies(conn, forget) >= 4  # contact, ticket and both messages
    with desk.db.read() as conn:
        payloads = conn.execute(select(SyncOutbox.kind, SyncOutbox.payload)).all()
        raw = b"".join(
            p if isinstance(p, bytes) else p.encode()
            for (p,) in conn.exec_driver_sql("SELECT payload FROM sync_outbox")
        )
    for kind, payload in payloads:
        assert "Zeynep" not in payload, kind
        assert "zeynep@" not in payload, kind
        if kind in ("message.create", "contact.upsert", "ticket.create"):
            assert json.loads(payload)["redacted"] == "erasure"
    assert b"Zeynep" not in raw
