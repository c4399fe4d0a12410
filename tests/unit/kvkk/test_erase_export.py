"""Export and erasure of a data subject, and erasure winning over late data from another desk."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.unit.kvkk.conftest import NOW, PHONE, World, good_call
from websight_desk.domain.enums import ContactRole, MessageKind
from websight_desk.domain.errors import PermissionDenied, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.services import kvkk
from websight_desk.services.callbacks import log_callback
from websight_desk.services.desk import Desk
from websight_desk.services.tickets import PostMessage, post_message
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.models import AuditEvent, CallbackPersonal, Contact, Message, SyncOutbox
from websight_desk.storage.ops import Op, to_iso


def log(world: World, **changes: object) -> str:
    with world.desk.writer() as w:
        return log_callback(w, good_call(world, **changes), kvkk.kvkk_settings(world.desk.settings))


def erase(world: World, reason: str = "Art. 11 talebi, bilet #10001") -> kvkk.ErasureResult:
    with world.desk.writer(author_id=world.admin_id) as w:
        return kvkk.erase_customer(w, kvkk.EraseCustomer(world.customer_id, reason))


def personal_state(desk: Desk) -> dict[str, object]:
    """Everything personal a replica holds (ids are the same on every replica)."""
    with desk.db.read() as conn:
        contacts = sorted(
            (r.id, r.name, r.email, r.phone, r.erased_at is not None)
            for r in conn.execute(select(Contact.__table__))
        )
        messages = sorted(
            (r.id, r.body, r.redacted_at is not None)
            for r in conn.execute(select(Message.__table__).where(Message.kind == "inbound"))
        )
        calls = sorted(
            (r.callback_id, r.phone, r.contact_id, r.notes)
            for r in conn.execute(select(CallbackPersonal.__table__))
        )
        search = conn.exec_driver_sql(
            "SELECT count(*) FROM search_index WHERE body LIKE '%sitem%'"
        ).scalar_one()
    return {"contacts": contacts, "messages": messages, "callbacks": calls, "search": search}


def test_export_everything_and_audit(world: World) -> None:
    cid = log(world)
    with pytest.raises(PermissionDenied, match="admin"):  # an agent may not export
        kvkk.export_customer(world.desk, world.customer_id, "merak")
    world.desk.settings.agent_id = world.admin_id  # the data-protection admin signs in
    data = kvkk.export_customer(world.desk, world.customer_id, "Bilet #10001: erişim talebi")
    text = kvkk.to_json(data)
    parsed = json.loads(text)
    assert parsed["customer"]["id"] == world.customer_id
    assert parsed["contacts"][0]["phone"] == PHONE
    assert [c["id"] for c in parsed["callbacks"]] == [cid]
    assert parsed["callback_personal"][0]["notes"].startswith("DNS")
    assert len(parsed["tickets"]) == 1
    assert len(parsed["messages"]) == 1
    with world.desk.db.read() as conn:
        kinds = conn.execute(select(AuditEvent.kind, AuditEvent.reason)).all()
    assert kinds == [("kvkk.export", "Bilet #10001: erişim talebi")]
    # The next export shows the earlier one in the access audit.
    again = kvkk.export_customer(world.desk, world.customer_id, "second look")
    assert [a["kind"] for a in again["access_audit"]] == ["kvkk.export"]
    with pytest.raises(ValidationError):
        kvkk.export_customer(world.desk, world.customer_id, " ")


def test_erase_blanks_personal_data_and_is_audited(world: World) -> None:
    cid = log(world)
    with world.desk.writer() as w, pytest.raises(PermissionDenied):
        kvkk.erase_customer(w, kvkk.EraseCustomer(world.customer_id, "no admin"))
    result = erase(world)
    assert (result.contacts, result.messages, result.callbacks, result.refused) == (1, 1, 1, {})
    state = personal_state(world.desk)
    assert state["contacts"][0][1:] == (None, None, None, True)
    assert state["messages"][0][1:] == ("", True)
    assert state["callbacks"] == [(cid, None, None, None)]
    assert state["search"] == 0
    with world.desk.db.read() as conn:
        audit = conn.execute(select(AuditEvent.kind, AuditEvent.actor_agent_id)).all()
    assert audit == [("kvkk.erase", world.admin_id)]


def test_erase_refuses_what_is_on_hold(world: World) -> None:
    kept = log(world)
    gone = log(world)
    with world.desk.writer() as w:
        kvkk.set_legal_hold(w, "callback", kept, "İtiraz süreci")
    result = erase(world)
    assert result.refused == {kept: "İtiraz süreci"}
    calls = {c[0]: c[1] for c in personal_state(world.desk)["callbacks"]}  # type: ignore[union-attr]
    assert calls == {kept: PHONE, gone: None}
    with world.desk.writer() as w:
        kvkk.set_legal_hold(w, "customer", world.customer_id, "Mahkeme kararı")
    with pytest.raises(ValidationError, match="Mahkeme kararı"):
        erase(world)


# --- two workstations -----------------------------------------------------------------


def outbox_ops(desk: Desk, after: int = 0) -> list[Op]:
    with desk.db.read() as conn:
        rows = conn.execute(
            select(SyncOutbox.__table__).where(SyncOutbox.seq > after).order_by(SyncOutbox.seq)
        ).all()
    return [
        Op(r.op_id, r.kind, json.loads(r.payload), r.hlc, desk.node_id, r.author_agent_id)
        for r in rows
    ]


def last_seq(desk: Desk) -> int:
    with desk.db.read() as conn:
        return int(
            conn.exec_driver_sql("SELECT coalesce(max(seq), 0) FROM sync_outbox").scalar_one()
        )


def apply_into(desk: Desk, ops: list[Op]) -> None:
    with desk.db.write() as conn:
        apply_ops(ApplyContext(conn), ops)


@pytest.mark.parametrize("erase_first", [True, False])
def test_erasure_wins_over_late_offline_data(
    world: World, other_desks: list[Desk], erase_first: bool
) -> None:
    a = world.desk
    b, c = other_desks
    base = outbox_ops(a)
    apply_into(b, base)
    apply_into(c, base)
    # B works offline: a callback, a customer message and a new contact for the customer.
    b.settings.agent_id = world.agent_id
    b_world = World(
        b,
        world.agent_id,
        world.admin_id,
        world.customer_id,
        world.contact_id,
        world.ticket_id,
        world.ticket_number,
    )
    b_start = last_seq(b)
    log(b_world, notes="Offline alınan not")
    with b.writer() as w:
        w.emit(
            "contact.upsert",
            {
                "id": new_id(),
                "customer_id": world.customer_id,
                "role": ContactRole.AUTHORISED_CONTACT.value,
                "name": "Zeynep Kaya",
                "email": "z@ornek.com",
                "phone": "+905329998877",
                "created_at": to_iso(NOW + timedelta(minutes=1)),
            },
        )
        # Last, so only the message applier itself can blank it.
        post_message(
            w,
            PostMessage(
                world.ticket_id, MessageKind.INBOUND, "sitem hâlâ kapalı, numaram 0532 999 88 77"
            ),
        )
    offline = outbox_ops(b, b_start)
    # Meanwhile the admin on A erases the customer.
    a_start = last_seq(a)
    erase(world)
    erasure = outbox_ops(a, a_start)
    # A receives B's late ops; C receives both streams in the parametrised order.
    apply_into(a, offline)
    apply_into(b, erasure)
    apply_into(c, erasure + offline if erase_first else offline + erasure)
    states = [personal_state(d) for d in (a, b, c)]
    assert states[0] == states[1] == states[2]
    state = states[0]
    assert all(name is None and phone is None for _, name, _e, phone, _x in state["contacts"])  # type: ignore[union-attr]
    assert all(body == "" for _, body, _r in state["messages"])  # type: ignore[union-attr]
    assert all(p[1:] == (None, None, None) for p in state["callbacks"])  # type: ignore[union-attr]
    assert state["search"] == 0
    # Re-applying everything is harmless (idempotent).
    apply_into(c, base + offline + erasure)
    assert personal_state(c) == state


def test_second_customer_untouched(world: World) -> None:
    other = build_world_for_second(world)
    erase(world)
    with world.desk.db.read() as conn:
        phones = (
            conn.execute(select(Contact.phone).where(Contact.customer_id == other)).scalars().all()
        )
    assert phones == [PHONE]


def build_world_for_second(world: World) -> str:
    from websight_desk.services.people import NewCustomer, add_customer

    with world.desk.writer() as w:
        return add_customer(w, NewCustomer("C-2002", "individual", "Ali Veli", None, PHONE))


def test_a_held_ticket_keeps_its_subject_and_messages_the_rest_is_blanked(world: World) -> None:
    from websight_desk.domain.enums import MessageKind
    from websight_desk.services import tickets
    from websight_desk.storage.models import Message, Ticket

    with world.desk.writer() as w:
        other = tickets.open_ticket(
            w, tickets.OpenTicket(world.customer_id, "Mehmet Kaya faturası", "Ben Mehmet Kaya")
        ).ticket_id
        tickets.post_message(
            w, tickets.PostMessage(other, MessageKind.NOTE, "Mehmet Kaya tekrar yazdı")
        )
        kvkk.set_legal_hold(w, "ticket", world.ticket_id, "Savcılık yazısı")
    result = erase(world)
    with world.desk.db.read() as conn:
        subjects = dict(conn.execute(select(Ticket.id, Ticket.subject)).all())
        bodies = {
            t: sorted(
                b for tid, b in conn.execute(select(Message.ticket_id, Message.body)) if tid == t
            )
            for t in (world.ticket_id, other)
        }
    assert subjects[world.ticket_id] == "Site açılmıyor"  # held: kept as it was
    assert bodies[world.ticket_id] == ["Merhaba, sitem açılmıyor"]
    assert subjects[other] == "—"
    assert bodies[other] == ["", ""]  # the customer's words and the agent's note
    assert result is not None


def test_export_holds_terminations_reviews_holds_and_closures(world: World) -> None:
    from websight_desk.domain.abuse import AbuseCategory, AbuseChannel
    from websight_desk.services import abuse

    with world.desk.writer() as w:
        abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET,
                AbuseCategory.INSULT,
                "hakaret",
                "salak",
                ticket_id=world.ticket_id,
            ),
        )
        request = kvkk.mark_request(w, world.ticket_id, kvkk.kvkk_settings(world.desk.settings))
        kvkk.close_request(w, request, "answered")
    with world.desk.writer(author_id=world.admin_id) as w:
        kvkk.set_legal_hold(w, "ticket", world.ticket_id, "Dava")
    world.desk.settings.agent_id = world.admin_id
    data = kvkk.export_customer(world.desk, world.customer_id, "erişim talebi")
    assert data["format"] == "websight-desk/kvkk-export/2"
    assert [t["evidence_excerpt"] for t in data["abuse_terminations"]] == ["salak"]
    assert [h["reason"] for h in data["legal_holds"]] == ["Dava"]
    assert [c["outcome"] for c in data["kvkk_request_closures"]] == ["answered"]
    assert data["withheld"] == []
    assert data["abuse_reviews"] == []
    assert data["refusal_overrides"] == []


def test_an_erasure_pulled_from_the_team_deletes_the_exports_written_here(
    world: World, other_desks: list[Desk], tmp_path: Path
) -> None:
    from websight_desk.storage.exports import record_export, registry_of
    from websight_desk.sync.pull import apply_page

    b, _c = other_desks
    apply_into(b, outbox_ops(world.desk))
    mine, other = tmp_path / "export-mine.json", tmp_path / "export-other.json"
    for path, customer in ((mine, world.customer_id), (other, "someone-else")):
        path.write_text("{}", encoding="utf-8")
        record_export(b.paths.root, customer, path)
    start = last_seq(world.desk)
    erase(world)
    apply_page(b, outbox_ops(world.desk, after=start), 1)
    assert not mine.exists()
    assert other.exists()  # another customer's export stays, and stays listed
    assert "someone-else" in registry_of(b.paths.root).read_text(encoding="utf-8")
    assert world.customer_id not in registry_of(b.paths.root).read_text(encoding="utf-8")
