"""A big demo run: the tickets it keeps for its feature generators (a bounded sample, the same
whether the batches are built in this process or in the generator process), and the bulk-load
settings it uses and undoes."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from websight_desk.demo import run as demo
from websight_desk.demo.context import TicketSample
from websight_desk.demo.gen import GenPlan, batches
from websight_desk.demo.records import DemoAgent
from websight_desk.domain.enums import Role
from websight_desk.services.desk import open_desk

NOW = datetime(2026, 3, 2, 15, 30, tzinfo=UTC)
TEAM = [
    DemoAgent("01900000-0000-7000-8000-000000000001", "a", "Ayşe", Role.AGENT),
    DemoAgent("01900000-0000-7000-8000-000000000002", "l", "Lale", Role.SHIFT_LEAD),
]


def _plan(tickets: int) -> GenPlan:
    return GenPlan(
        seed=3,
        first_number=1,
        first_code=1,
        now=NOW,
        team=TEAM,
        tickets=tickets,
        batch=20,
        with_facts=False,
    )


def _run(in_worker: bool) -> tuple[list[int], int, int]:
    sample = TicketSample(3, keep_first=4, keep=10)
    written = sum(len(b.tickets) for b in batches(_plan(130), sample, in_worker=in_worker))
    return [t.number for t in sample.tickets], sample.seen, written


def test_the_worker_keeps_the_same_bounded_sample() -> None:
    here, there = _run(in_worker=False), _run(in_worker=True)
    assert here == there
    numbers, seen, written = here
    assert written == 130
    assert seen == 126  # every ticket after the first four was offered to the sample
    assert numbers[:4] == [1, 2, 3, 4]  # the oldest kept in order
    assert len(set(numbers)) == len(numbers) == 14
    assert max(numbers) > 30  # a sample of the whole run, not its start


def test_the_bulk_load_settings_are_undone_and_the_load_checkpointed(tmp_path: Path) -> None:
    desk = open_desk(tmp_path / "ws", with_triage=False)
    during: list[int] = []

    def progress(_done: int, _total: int) -> None:
        with desk.db.read() as conn:
            during.append(conn.exec_driver_sql("PRAGMA synchronous").scalar_one())

    try:
        demo.add_demo_data(desk, 30, 1, progress, now=NOW, generators=())
        with desk.db.read() as conn:
            settings = [
                conn.exec_driver_sql(f"PRAGMA {name}").scalar_one()
                for name in ("synchronous", "wal_autocheckpoint")
            ]
            tickets = conn.exec_driver_sql("SELECT count(*) FROM tickets").scalar_one()
        assert during == [1]  # NORMAL while loading
        assert settings == [2, 1000]  # then FULL, SQLite's default checkpoint interval
        assert tickets == 30
        assert (tmp_path / "ws" / "desk.sqlite3-wal").stat().st_size == 0  # all in the file
    finally:
        desk.close()
