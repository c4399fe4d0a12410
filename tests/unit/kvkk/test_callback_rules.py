"""Every rule of KVKK.md for a callback log, enforced by the service (no widgets)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from tests.unit.kvkk.conftest import NOW, PHONE, World, good_call
from websight_desk.domain.callbacks import (
    ConsentState,
    LegalBasis,
    NoticeGiven,
    NoticeMethod,
    Outcome,
    PhoneSource,
    RecordingConsent,
)
from websight_desk.domain.enums import ContactRole
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.phone import PhoneRefused
from websight_desk.domain.shift import Shift, shift_for
from websight_desk.services.callback_views import callback_entries, list_callbacks
from websight_desk.services.callbacks import log_callback, reveal_phone
from websight_desk.services.kvkk import kvkk_settings
from websight_desk.storage.models import AuditEvent, Callback, CallbackPersonal, SyncOutbox


def log(world: World, cmd: object) -> str:
    with world.desk.writer() as w:
        return log_callback(w, cmd, kvkk_settings(world.desk.settings))  # type: ignore[arg-type]


def count(world: World, model: object) -> int:
    with world.desk.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(model)).scalar_one())  # type: ignore[arg-type]


def test_happy_path_records_every_field(world: World) -> None:
    cid = log(world, good_call(world))
    with world.desk.db.read() as conn:
        row = conn.execute(select(Callback.__table__).where(Callback.id == cid)).one()
        p = conn.execute(
            select(CallbackPersonal.__table__).where(CallbackPersonal.callback_id == cid)
        ).one()
        outbox = conn.execute(select(SyncOutbox.kind)).scalars().all()
    assert p.phone == PHONE  # E.164
    assert p.contact_id == world.contact_id
    assert row.customer_id == world.customer_id
    assert row.agent_id == world.agent_id
    assert row.legal_basis == LegalBasis.CONTRACT.value
    assert row.shift == Shift.REGULAR.value
    assert row.notice_version == 1
    assert row.notice_method == "read_aloud"
    assert row.recording_state == ConsentState.NOT_ASKED.value
    assert row.retention_class == "callback_notes"
    assert row.destroy_after == row.ended_at + timedelta(days=365)
    assert "callback.create" in outbox


def test_notes_refused_without_notice(world: World) -> None:
    with pytest.raises(ValidationError, match="notice"):
        log(world, good_call(world, notice=None))
    assert count(world, Callback) == 0
    # Without notes the call may still be logged (e.g. no answer).
    log(world, good_call(world, notice=None, notes="", outcome=Outcome.NO_ANSWER))
    assert count(world, Callback) == 1


def test_notice_version_must_exist(world: World) -> None:
    bad = NoticeGiven(7, "tr", NoticeMethod.READ_ALOUD, NOW - timedelta(minutes=5))
    with pytest.raises(ValidationError, match="version 7"):
        log(world, good_call(world, notice=bad))
    assert count(world, Callback) == 0


def test_recording_reference_needs_granted_consent(world: World) -> None:
    with pytest.raises(ValidationError, match="consent"):
        log(world, good_call(world, recording=RecordingConsent(recording_ref="rec-1")))
    refused = RecordingConsent(
        ConsentState.REFUSED, NOW - timedelta(minutes=8), "verbal", 1, "tr", recording_ref="rec-1"
    )
    with pytest.raises(ValidationError):
        log(world, good_call(world, recording=refused))
    granted_incomplete = RecordingConsent(ConsentState.GRANTED, recording_ref="rec-1")
    with pytest.raises(ValidationError, match="time, method"):
        log(world, good_call(world, recording=granted_incomplete))
    assert count(world, Callback) == 0


def test_refusal_never_blocks_the_call(world: World) -> None:
    refused = RecordingConsent(ConsentState.REFUSED, NOW - timedelta(minutes=8), "verbal", 1, "tr")
    cid = log(world, good_call(world, recording=refused))
    granted = RecordingConsent(
        ConsentState.GRANTED, NOW - timedelta(minutes=8), "verbal", 1, "en", "rec-42"
    )
    cid2 = log(world, good_call(world, recording=granted))
    with world.desk.db.read() as conn:
        refs = dict(
            conn.execute(select(CallbackPersonal.callback_id, CallbackPersonal.recording_ref)).all()
        )
        states = dict(conn.execute(select(Callback.id, Callback.recording_state)).all())
    assert refs == {cid: None, cid2: "rec-42"}
    assert states == {cid: "refused", cid2: "granted"}


def test_consent_text_version_must_exist(world: World) -> None:
    granted = RecordingConsent(ConsentState.GRANTED, NOW, "verbal", 9, "tr", "rec-1")
    with pytest.raises(ValidationError, match="version 9"):
        log(world, good_call(world, recording=granted))


def test_callback_belongs_to_a_ticket(world: World) -> None:
    with pytest.raises(NotFound, match="ticket"):
        log(world, good_call(world, ticket_id="no-such-ticket"))


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("0900 123 45 67", "premium"),
        ("+90 900 123 45 67", "premium"),
        ("0532", "invalid"),
        ("telefon", "unparsable"),
        ("+49 151 12345678", "foreign"),
        ("", "empty"),
    ],
)
def test_bad_numbers_are_refused(world: World, number: str, code: str) -> None:
    cmd = good_call(world, phone=number, phone_source=PhoneSource.VERIFIED_NEW)
    with pytest.raises(PhoneRefused) as info:
        log(world, cmd)
    assert info.value.code == code
    assert count(world, Callback) == 0


def test_foreign_numbers_allowed_by_setting(world: World) -> None:
    world.desk.settings.extra["kvkk"] = {"allow_foreign_numbers": True}
    cid = log(
        world, good_call(world, phone="+49 151 12345678", phone_source=PhoneSource.VERIFIED_NEW)
    )
    with world.desk.db.read() as conn:
        assert (
            conn.execute(
                select(CallbackPersonal.phone).where(CallbackPersonal.callback_id == cid)
            ).scalar_one()
            == "+4915112345678"
        )


def test_profile_number_must_be_in_the_profile(world: World) -> None:
    with pytest.raises(ValidationError, match="profile"):
        log(world, good_call(world, phone="0532 765 43 21"))
    cid = log(
        world, good_call(world, phone="0532 765 43 21", phone_source=PhoneSource.VERIFIED_NEW)
    )
    assert cid


def test_notes_limit_and_times(world: World) -> None:
    with pytest.raises(ValidationError, match="1000"):
        log(world, good_call(world, notes="x" * 1001))
    cmd = good_call(world)
    with pytest.raises(ValidationError, match="end before"):
        log(world, replace(cmd, ended_at=cmd.started_at - timedelta(seconds=1)))
    assert count(world, Callback) == 0


def test_legal_basis_and_shift(world: World) -> None:
    evening = datetime(2026, 3, 9, 16, 30, tzinfo=UTC)  # 19:30 in Istanbul, the day before
    cid = log(
        world,
        good_call(
            world,
            contact_id=None,
            contact_name="Can Demir",
            contact_role=ContactRole.EMPLOYEE,
            phone="0212 555 12 34",
            phone_source=PhoneSource.VERIFIED_NEW,
            started_at=evening - timedelta(hours=1),
            ended_at=evening - timedelta(minutes=50),
            notice=NoticeGiven(1, "tr", NoticeMethod.READ_ALOUD, evening - timedelta(minutes=59)),
        ),
    )
    with world.desk.db.read() as conn:
        row = conn.execute(select(Callback.__table__).where(Callback.id == cid)).one()
    assert row.legal_basis == LegalBasis.LEGITIMATE_INTEREST.value
    assert shift_for(evening) is Shift.ON_CALL
    assert shift_for(datetime(2026, 3, 10, 6, 0, tzinfo=UTC)) is Shift.REGULAR  # 09:00
    assert shift_for(datetime(2026, 3, 10, 15, 0, tzinfo=UTC)) is Shift.ON_CALL  # 18:00


def test_retention_from_settings(world: World) -> None:
    world.desk.settings.retention_days["callback_notes"] = 30
    cid = log(world, good_call(world))
    with world.desk.db.read() as conn:
        row = conn.execute(select(Callback.__table__).where(Callback.id == cid)).one()
    assert row.destroy_after - row.ended_at == timedelta(days=30)


def test_correction_is_a_new_record(world: World) -> None:
    first = log(world, good_call(world))
    second = log(world, good_call(world, corrects_id=first, notes="Düzeltme: DNS değil, SSL."))
    entries = {e.id: e for e in callback_entries_of(world)}
    assert entries[second].corrects_id == first
    assert entries[first].notes.startswith("DNS")  # the original stays as it was


def callback_entries_of(world: World) -> list:  # type: ignore[type-arg]
    with world.desk.db.read() as conn:
        return callback_entries(conn, world.ticket_id)


def test_lists_show_masked_numbers(world: World) -> None:
    log(world, good_call(world))
    with world.desk.db.read() as conn:
        views = list_callbacks(conn, outcome=Outcome.REACHED, agent_id=world.agent_id)
        none = list_callbacks(conn, outcome=Outcome.DECLINED)
    assert len(views) == 1
    assert none == []
    assert views[0].masked_phone == "+90 5•• ••• •• 67"
    assert PHONE not in repr(views[0])
    assert views[0].contact_label == "Mehmet Kaya"  # names in full, numbers masked


def test_reveal_needs_a_reason_and_is_audited(world: World) -> None:
    cid = log(world, good_call(world))
    with pytest.raises(ValidationError), world.desk.writer() as w:
        reveal_phone(w, reason="  ", callback_id=cid)
    with world.desk.writer() as w:
        full = reveal_phone(w, reason="Customer asked to be called again", callback_id=cid)
    assert full == PHONE
    with world.desk.db.read() as conn:
        audit = conn.execute(select(AuditEvent.__table__)).all()
    assert [(a.kind, a.subject_type, a.subject_id, a.actor_agent_id) for a in audit] == [
        ("phone.reveal", "callback", cid, world.agent_id)
    ]
    assert audit[0].reason == "Customer asked to be called again"


def test_naive_times_are_a_bug(world: World) -> None:
    with pytest.raises(ValueError, match="timezone"):
        log(world, good_call(world, started_at=datetime(2026, 3, 10, 10, 0)))
