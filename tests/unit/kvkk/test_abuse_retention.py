"""The destruction job and abuse evidence: blanked after its retention, the chain still
verifies, holds and recent records are kept, the refusal is still derived, the op syncs."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update

from tests.unit.kvkk.conftest import NOW, World
from tests.unit.kvkk.test_erase_export import apply_into, outbox_ops
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.domain.enums import Role
from websight_desk.services import abuse, kvkk
from websight_desk.services.abuse_refusal import refusal_state
from websight_desk.services.audit_chain import verify_desk
from websight_desk.services.desk import Desk, open_desk
from websight_desk.services.people import NewAgent, NewCustomer, add_agent, add_customer
from websight_desk.services.tickets import OpenTicket, open_ticket
from websight_desk.storage.models import AbuseReview, AbuseTermination, KvkkPurgeRun, SyncOutbox

EXCERPT = "Beceriksiz herifler, Ahmet Bey'e söyleyin!"
RETENTION = timedelta(days=730)  # the default for "abuse_evidence"


def terminate(world: World, age: timedelta, *, ticket: bool = True, excerpt: str = EXCERPT) -> str:
    """A termination written `age` ago (the desk's clock moved back for the write)."""
    desk = world.desk
    desk.now = lambda: NOW - age
    try:
        with desk.writer() as w:
            ticket_id = None
            if ticket:
                ticket_id = open_ticket(
                    w, OpenTicket(world.customer_id, "Yine çöktü", "Beceriksiz herifler!")
                ).ticket_id
            return abuse.terminate(
                w,
                abuse.TerminateConversation(
                    channel=AbuseChannel.TICKET if ticket else AbuseChannel.PHONE,
                    category=AbuseCategory.INSULT,
                    note="Müşteri ekibe hakaret etti.",
                    evidence_excerpt=excerpt,
                    ticket_id=ticket_id,
                    customer_id=None if ticket else world.customer_id,
                    evidence_words=("Beceriksiz herifler",),
                    detector_suggested=ticket,
                ),
                retention_days=kvkk.kvkk_settings(desk.settings).retention_days["abuse_evidence"],
            )
    finally:
        desk.now = lambda: NOW


def rows(desk: Desk) -> dict[str, AbuseTermination]:
    with desk.db.read() as conn:
        found = conn.execute(select(AbuseTermination.__table__)).all()
    return {r.id: r for r in found}  # type: ignore[misc]


@pytest.fixture
def lead(world: World) -> str:
    with world.desk.writer() as w:
        return add_agent(w, NewAgent("zeynep", "Zeynep Kaya", Role.SHIFT_LEAD))


def test_expired_evidence_blanked_held_and_recent_kept(world: World, lead: str) -> None:
    old = terminate(world, RETENTION + timedelta(days=5))
    phone = terminate(
        world, RETENTION + timedelta(days=2), ticket=False, excerpt="Telefonda küfretti"
    )
    recent = terminate(world, RETENTION - timedelta(days=1))
    with world.desk.writer(author_id=lead) as w:
        abuse.review(w, abuse.ReviewTermination(old, ReviewDecision.CONFIRMED, "Kayıt açık."))
        abuse.review(w, abuse.ReviewTermination(phone, ReviewDecision.OVERTURNED, "Yanlış kişi."))
    with world.desk.db.write() as conn:  # the server accepted the reviews (sync client's mark)
        conn.execute(update(SyncOutbox).where(SyncOutbox.state == "pending").values(state="acked"))
    # A second customer's expired termination under a ticket hold.
    with world.desk.writer() as w:
        other = add_customer(w, NewCustomer("C-2002", "individual", "Veli Can"))
    held_world = World(
        world.desk,
        *[getattr(world, f) for f in ("agent_id", "admin_id")],
        other,
        world.contact_id,
        world.ticket_id,
        world.ticket_number,
    )
    held = terminate(held_world, RETENTION + timedelta(days=30))
    held_ticket = rows(world.desk)[held].ticket_id
    with world.desk.writer(author_id=world.admin_id) as w:
        kvkk.set_legal_hold(w, "ticket", held_ticket, "Dava: 2026/77 Esas")
    with world.desk.db.read() as conn:
        before = refusal_state(conn, world.customer_id)
        reviews_before = conn.execute(select(AbuseReview.__table__)).all()

    dry = kvkk.purge(world.desk, NOW, dry_run=True)
    assert (dry.terminations_examined, dry.terminations_anonymised, dry.terminations_held) == (
        3,
        2,
        1,
    )
    assert set(dry.termination_ids) == {old, phone}
    assert dry.termination_held_reasons == {held: "Dava: 2026/77 Esas"}
    assert rows(world.desk)[old].evidence_excerpt == EXCERPT  # a dry run changes nothing

    result = kvkk.purge(world.desk, NOW)
    assert set(result.termination_ids) == {old, phone}
    after = rows(world.desk)
    for tid in (old, phone):
        assert (after[tid].evidence_excerpt, after[tid].evidence_words) == ("", "[]")
        assert after[tid].anonymised_at == NOW
        # What the refusal and the report need stays.
        assert (after[tid].category, after[tid].created_at) == (
            "insult",
            NOW - (RETENTION + timedelta(days=5) if tid == old else RETENTION + timedelta(days=2)),
        )
    assert after[old].channel == "ticket"
    assert after[phone].channel == "phone"
    assert after[held].evidence_excerpt == EXCERPT
    assert after[held].anonymised_at is None
    assert after[recent].evidence_excerpt == EXCERPT
    assert after[recent].anonymised_at is None

    assert verify_desk(world.desk).ok, verify_desk(world.desk).broken
    with world.desk.db.read() as conn:
        now_state = refusal_state(conn, world.customer_id)
        assert conn.execute(select(AbuseReview.__table__)).all() == reviews_before
        (run,) = conn.execute(select(KvkkPurgeRun.__table__)).all()
    assert (now_state.status, getattr(now_state.deciding, "id", None)) == (
        before.status,
        getattr(before.deciding, "id", None),
    )
    assert now_state.status.value == "refused"  # derived from the blanked one's review
    statuses = {t.id: t.status for t in now_state.terminations}
    assert statuses == {t.id: t.status for t in before.terminations}
    assert (statuses[old].value, statuses[phone].value) == ("confirmed", "overturned")
    assert (run.terminations_examined, run.terminations_anonymised, run.terminations_held) == (
        3,
        2,
        1,
    )
    assert sorted(__import__("json").loads(run.termination_ids)) == sorted([old, phone])
    # Idempotent: the next run finds nothing new to blank.
    again = kvkk.purge(world.desk, NOW)
    assert (again.terminations_examined, again.terminations_held) == (1, 1)


def test_retention_setting_applies(world: World) -> None:
    """The period in force when a record is made sets its destroy-after time (the server
    computes it the same way); a changed period applies to records made after the change."""
    kept = terminate(world, timedelta(days=40))
    assert kvkk.purge(world.desk, NOW, dry_run=True).terminations_examined == 0
    world.desk.settings.retention_days["abuse_evidence"] = 30
    tid = terminate(world, timedelta(days=40))
    assert kvkk.purge(world.desk, NOW).termination_ids == (tid,)
    assert rows(world.desk)[tid].evidence_excerpt == ""
    assert rows(world.desk)[kept].evidence_excerpt != ""


def test_customer_hold_keeps_the_evidence(world: World) -> None:
    tid = terminate(world, RETENTION + timedelta(days=1), ticket=False)
    with world.desk.writer(author_id=world.admin_id) as w:
        kvkk.set_legal_hold(w, "customer", world.customer_id, "Savcılık talebi")
    result = kvkk.purge(world.desk, NOW)
    assert result.termination_held_reasons == {tid: "Savcılık talebi"}
    assert rows(world.desk)[tid].evidence_excerpt == EXCERPT


def test_tampering_after_destruction_is_still_caught(world: World) -> None:
    tid = terminate(world, RETENTION + timedelta(days=1))
    kvkk.purge(world.desk, NOW)
    assert verify_desk(world.desk).ok
    with world.desk.db.write() as conn:  # someone writes "evidence" back into a destroyed row
        conn.execute(
            update(AbuseTermination)
            .where(AbuseTermination.id == tid)
            .values(evidence_excerpt="uydurma kanıt")
        )
    broken = verify_desk(world.desk).broken
    assert broken is not None
    assert broken.id == tid


@pytest.fixture
def replica(tmp_path: Path) -> Iterator[Desk]:
    d = open_desk(tmp_path / "b", with_triage=False)
    d.now = lambda: NOW
    yield d
    d.close()


def test_blanking_syncs_as_the_purge_op(world: World, replica: Desk) -> None:
    tid = terminate(world, RETENTION + timedelta(days=1))
    apply_into(replica, outbox_ops(world.desk))
    assert rows(replica)[tid].evidence_excerpt == EXCERPT
    start = len(outbox_ops(world.desk))
    kvkk.purge(world.desk, NOW)
    new_ops = outbox_ops(world.desk)[start:]
    assert [op.kind for op in new_ops] == ["kvkk.purge"]
    assert new_ops[0].payload["termination_ids"] == [tid]
    apply_into(replica, new_ops)
    assert (rows(replica)[tid].evidence_excerpt, rows(replica)[tid].anonymised_at) == ("", NOW)
    assert verify_desk(replica).ok
