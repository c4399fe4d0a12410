"""Terminate, review and override through the service layer; refusal is derived."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from tests.unit.abuse.conftest import World, ack_all, lead_review, make_world, terminate_ticket
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, RefusalStatus
from websight_desk.domain.errors import PermissionDenied, ValidationError
from websight_desk.services import abuse
from websight_desk.services.desk import open_desk
from websight_desk.storage.models import AbuseTermination, RefusalOverride, Ticket


def _status(world: World) -> RefusalStatus:
    with world.desk.db.read() as conn:
        return abuse.refusal_state(conn, world.customer).status


def test_terminate_from_ticket_closes_it_and_customer_pends(world: World) -> None:
    tid = terminate_ticket(world)
    with world.desk.db.read() as conn:
        row = conn.execute(
            select(AbuseTermination.__table__).where(AbuseTermination.id == tid)
        ).one()
        status = conn.execute(select(Ticket.status).where(Ticket.id == world.ticket)).scalar_one()
        flags = abuse.refusal_flags(conn, [world.ticket, world.other_ticket])
        banner = abuse.refusal_banner(conn, world.customer)
    assert status == "terminated"
    assert (row.channel, row.category, row.reported_by) == ("ticket", "insult", world.agent)
    assert row.detector_suggested
    assert row.evidence_message_id == world.message
    assert row.legal_basis == "5/2-e"
    assert row.retention_class == "abuse_evidence"
    assert (row.destroy_after - row.created_at).days == 730
    assert _status(world) is RefusalStatus.PENDING_REVIEW
    # Every ticket of the customer carries the flag, not only the ended one.
    assert flags == {
        world.ticket: RefusalStatus.PENDING_REVIEW,
        world.other_ticket: RefusalStatus.PENDING_REVIEW,
    }
    assert banner is not None
    assert banner.severity == "pending"


def test_terminate_after_a_call_without_ticket(world: World) -> None:
    with world.desk.writer() as w:
        abuse.terminate(
            w,
            abuse.TerminateConversation(
                channel=AbuseChannel.PHONE,
                category=AbuseCategory.THREAT,
                note="Telefonda tehdit etti.",
                evidence_excerpt="Müşteri 'sizi mahkemeye vereceğim, ofisinize geleceğim' dedi.",
                customer_id=world.customer,
            ),
        )
    assert _status(world) is RefusalStatus.PENDING_REVIEW
    with world.desk.db.read() as conn:
        assert (
            conn.execute(select(Ticket.status).where(Ticket.id == world.ticket)).scalar_one()
            == "new"
        )


def test_required_fields(world: World) -> None:
    with pytest.raises(ValidationError), world.desk.writer() as w:
        abuse.terminate(
            w,
            abuse.TerminateConversation(
                AbuseChannel.TICKET, AbuseCategory.INSULT, "  ", "x", ticket_id=world.ticket
            ),
        )
    with pytest.raises(ValidationError), world.desk.writer() as w:
        abuse.terminate(
            w, abuse.TerminateConversation(AbuseChannel.PHONE, AbuseCategory.INSULT, "not", "x")
        )


def test_agent_cannot_review(world: World) -> None:
    tid = terminate_ticket(world)
    with pytest.raises(PermissionDenied), world.desk.writer() as w:
        abuse.review(w, abuse.ReviewTermination(tid, abuse.ReviewDecision.CONFIRMED, "ok"))
    assert _status(world) is RefusalStatus.PENDING_REVIEW


def test_lead_confirms_offline_then_server_accepts(world: World) -> None:
    tid = terminate_ticket(world)
    lead_review(world, tid, "confirmed")
    # Made offline: pending until the server accepts it.
    assert _status(world) is RefusalStatus.PENDING_REVIEW
    with world.desk.db.read() as conn:
        state = abuse.refusal_state(conn, world.customer)
        banner = abuse.refusal_banner(conn, world.customer)
    assert [r.decision for r in state.awaiting_server] == [abuse.ReviewDecision.CONFIRMED]
    assert banner is not None
    assert any("awaiting the server" in line for line in banner.lines)
    with pytest.raises(ValidationError):  # no second decision while one is in flight
        lead_review(world, tid, "overturned")
    ack_all(world)
    assert _status(world) is RefusalStatus.REFUSED
    with world.desk.db.read() as conn:
        banner = abuse.refusal_banner(conn, world.customer)
    assert banner is not None
    assert banner.severity == "refused"
    assert any("Zeynep Kaya" in line for line in banner.lines)


def test_lead_overturns_and_reinstatement_is_a_new_decision(world: World) -> None:
    tid = terminate_ticket(world)
    lead_review(world, tid, "overturned", "Hakaret değil, öfke.")
    ack_all(world)
    assert _status(world) is RefusalStatus.OVERTURNED
    with world.desk.db.read() as conn:
        assert abuse.refusal_flags(conn, [world.ticket]) == {}
    with pytest.raises(ValidationError):
        lead_review(world, tid, "reinstated")
    tid2 = terminate_ticket(world)
    lead_review(world, tid2, "confirmed")
    ack_all(world)
    assert _status(world) is RefusalStatus.REFUSED
    lead_review(world, tid2, "reinstated", "Müşteri özür diledi.")
    ack_all(world)
    assert _status(world) is RefusalStatus.REINSTATED


def test_rejected_review_does_not_count(world: World) -> None:
    from sqlalchemy import update

    from websight_desk.storage.models import SyncOutbox

    tid = terminate_ticket(world)
    ack_all(world)
    lead_review(world, tid, "confirmed")
    with world.desk.db.write() as conn:
        conn.execute(
            update(SyncOutbox).where(SyncOutbox.state == "pending").values(state="rejected")
        )
    assert _status(world) is RefusalStatus.PENDING_REVIEW


def test_reply_needs_override_and_is_recorded(world: World) -> None:
    terminate_ticket(world)
    with pytest.raises(PermissionDenied), world.desk.writer() as w:
        abuse.reply_with_override(w, world.other_ticket, "Faturanız ektedir.", None)
    with world.desk.writer() as w:
        message_id = abuse.reply_with_override(
            w, world.other_ticket, "Faturanız ektedir.", "Yasal fatura yükümlülüğü."
        )
    with world.desk.db.read() as conn:
        row = conn.execute(select(RefusalOverride.__table__)).one()
    assert (row.message_id, row.reason, row.refusal_state) == (
        message_id,
        "Yasal fatura yükümlülüğü.",
        "pending_review",
    )
    assert row.chain_hash is not None


def test_refused_state_survives_reopening(
    world: World, tmp_path_factory: pytest.TempPathFactory
) -> None:
    tid = terminate_ticket(world)
    lead_review(world, tid, "confirmed")
    ack_all(world)
    root = world.desk.paths.root
    world.desk.close()
    again = open_desk(root, with_triage=False)
    try:
        with again.db.read() as conn:
            assert abuse.refusal_state(conn, world.customer).status is RefusalStatus.REFUSED
    finally:
        again.close()
    world.desk = open_desk(root, with_triage=False)


def test_no_override_needed_for_normal_customer(tmp_path_factory: pytest.TempPathFactory) -> None:
    w2 = make_world(tmp_path_factory.mktemp("n") / "ws")
    try:
        with pytest.raises(ValidationError), w2.desk.writer() as w:
            abuse.override(w, abuse.OverrideRefusal(w2.customer, "neden"))
        with w2.desk.writer() as w:
            abuse.reply_with_override(w, w2.ticket, "Merhaba", None)
    finally:
        w2.desk.close()


def test_a_conversation_cannot_be_ended_twice_while_pending_or_confirmed(world: World) -> None:
    from tests.unit.abuse.conftest import ack_all, lead_review, terminate_ticket
    from websight_desk.domain.errors import ValidationError

    first = terminate_ticket(world)
    with pytest.raises(ValidationError, match="already ended"):
        terminate_ticket(world)
    ack_all(world)
    lead_review(world, first, "overturned")  # lifted: the conversation may be ended again
    ack_all(world)
    assert terminate_ticket(world) != first


def test_banner_writes_dates_as_the_ui_language_does(world: World) -> None:
    from websight_desk import i18n

    terminate_ticket(world)
    lines = {}
    for lang in ("en", "tr"):
        i18n.set_language(lang)
        with world.desk.db.read() as conn:
            banner = abuse.refusal_banner(conn, world.customer)
        assert banner is not None
        lines[lang] = banner.lines[0]
    i18n.set_language("en")
    # Babel's short forms, as in the thread: "03/12/2026, 19:37" (en_GB), "3.12.2026 19:37".
    assert re.search(r"\d{2}/\d{2}/\d{4}, \d{2}:\d{2}", lines["en"]), lines["en"]
    assert re.search(r"\d{1,2}\.\d{2}\.\d{4} \d{2}:\d{2}", lines["tr"]), lines["tr"]
    assert "/" not in lines["tr"]
