"""The demo generator makes every case the KVKK screens need."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from websight_desk.demo.callbacks import add_demo_callbacks
from websight_desk.demo.run import add_demo_data
from websight_desk.services import kvkk
from websight_desk.services.desk import Desk
from websight_desk.storage.models import Callback, KvkkRequest

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_demo_callbacks(desk: Desk) -> None:
    add_demo_data(desk, 30, seed=7, now=NOW, generators=[add_demo_callbacks])
    with desk.db.read() as conn:
        rows = conn.execute(select(Callback.outcome, Callback.recording_state)).all()
        requests = conn.execute(select(KvkkRequest.ticket_id)).scalars().all()
        holds = kvkk.active_holds(conn)
        expired = kvkk.expired_callbacks(conn, NOW)
    assert {o for o, _ in rows} == {"reached", "no_answer", "wrong_person", "declined", "dropped"}
    assert {"granted", "refused"} <= {r for _, r in rows}
    assert len(holds) == 1
    assert len(requests) == 1
    result = kvkk.purge(desk, NOW, dry_run=True)
    assert result.anonymised >= 1
    assert result.held == 1
    assert len(expired) >= 2
