"""Destruction job, legal holds, versioned texts and KVKK requests."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.unit.kvkk.conftest import NOW, World, good_call
from websight_desk.domain.callbacks import TextKind
from websight_desk.domain.errors import ValidationError
from websight_desk.services import kvkk
from websight_desk.services.callbacks import log_callback
from websight_desk.storage.models import CallbackPersonal, KvkkPurgeRun


def log(world: World, **changes: object) -> str:
    with world.desk.writer() as w:
        return log_callback(w, good_call(world, **changes), kvkk.kvkk_settings(world.desk.settings))


def personal(world: World) -> dict[str, tuple]:  # type: ignore[type-arg]
    with world.desk.db.read() as conn:
        rows = conn.execute(select(CallbackPersonal.__table__)).all()
    return {r.callback_id: (r.phone, r.contact_id, r.notes, r.anonymised_at) for r in rows}


def test_purge_anonymises_expired_and_honours_holds(world: World) -> None:
    old = log(
        world,
        started_at=NOW - timedelta(days=400),
        ended_at=NOW - timedelta(days=400) + timedelta(minutes=5),
        notice=None,
        notes="",
    )
    held = log(
        world,
        started_at=NOW - timedelta(days=390),
        ended_at=NOW - timedelta(days=390) + timedelta(minutes=5),
        notice=None,
        notes="",
    )
    fresh = log(world)
    with world.desk.writer() as w:
        hold_id = kvkk.set_legal_hold(w, "callback", held, "Dava: 2026/123 Esas")
    dry = kvkk.purge(world.desk, NOW, dry_run=True)
    assert (dry.run_id, dry.examined, dry.anonymised, dry.held) == (None, 2, 1, 1)
    assert personal(world)[old][0] is not None  # a dry run changes nothing
    result = kvkk.purge(world.desk, NOW)
    assert result.callback_ids == (old,)
    assert result.held_reasons == {held: "Dava: 2026/123 Esas"}
    after = personal(world)
    assert after[old] == (None, None, None, NOW)  # gone, not hashed
    assert after[held][0] is not None
    assert after[fresh][0] is not None
    with world.desk.db.read() as conn:
        runs = conn.execute(select(KvkkPurgeRun.__table__)).all()
        assert kvkk.last_purge_at(conn) == NOW
    assert [(r.examined, r.anonymised, r.held) for r in runs] == [(2, 1, 1)]
    assert runs[0].keep_until >= NOW + timedelta(days=3 * 365)
    # Once the hold is released, the next run destroys it too.
    with world.desk.writer() as w:
        kvkk.release_legal_hold(w, hold_id, "Dava kapandı")
        with pytest.raises(ValidationError):
            kvkk.release_legal_hold(w, hold_id, "again")
    assert kvkk.purge(world.desk, NOW).callback_ids == (held,)


def test_customer_hold_covers_all_its_callbacks(world: World) -> None:
    cid = log(
        world,
        started_at=NOW - timedelta(days=400),
        ended_at=NOW - timedelta(days=400),
        notice=None,
        notes="",
    )
    with world.desk.writer() as w:
        kvkk.set_legal_hold(w, "customer", world.customer_id, "Savcılık talebi")
        with pytest.raises(ValidationError):
            kvkk.set_legal_hold(w, "customer", world.customer_id, "   ")
    assert kvkk.purge(world.desk, NOW).held_reasons == {cid: "Savcılık talebi"}


def test_texts_are_versioned(world: World) -> None:
    with world.desk.db.read() as conn:
        v1 = kvkk.current_text(conn, TextKind.NOTICE, "en")
    assert v1.version == 1
    assert "Art. 11" in v1.body
    with world.desk.writer() as w:
        with pytest.raises(ValidationError, match="en"):
            kvkk.new_text_version(w, TextKind.NOTICE, {"tr": "Yeni metin"})
        version = kvkk.new_text_version(w, TextKind.NOTICE, {"tr": "Yeni metin", "en": "New text"})
    assert version == 2
    with world.desk.db.read() as conn:
        assert kvkk.current_text(conn, TextKind.NOTICE, "tr").body == "Yeni metin"
        assert kvkk.get_text(conn, TextKind.NOTICE, 1, "tr") is not None  # the old one stays
        assert len(kvkk.text_versions(conn, TextKind.NOTICE)) == 4


def test_request_deadline_for_the_queue(world: World) -> None:
    with world.desk.writer() as w:
        request_id = kvkk.mark_request(w, world.ticket_id, kvkk.kvkk_settings(world.desk.settings))
        with pytest.raises(ValidationError):
            kvkk.mark_request(w, world.ticket_id, kvkk.kvkk_settings(world.desk.settings))
    with world.desk.db.read() as conn:
        assert kvkk.kvkk_deadlines(conn, [world.ticket_id, "other"]) == {
            world.ticket_id: NOW + timedelta(days=30)
        }
    with world.desk.writer() as w:
        kvkk.close_request(w, request_id, "exported")
    with world.desk.db.read() as conn:
        assert kvkk.kvkk_deadlines(conn, [world.ticket_id]) == {}
