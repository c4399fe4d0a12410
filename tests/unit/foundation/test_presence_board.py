"""The presence board: one entry per account, heartbeats keep it, silence drops it."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from websight_desk.server.accounts import Account
from websight_desk.server.presence import TTL_S, Board

AYSE = Account("a1", "ayse", "agent", datetime(2026, 1, 1, tzinfo=UTC), None)
MEHMET = Account("m1", "mehmet", "agent", datetime(2026, 1, 1, tzinfo=UTC), None)


def test_one_entry_per_account_and_silence_drops_it() -> None:
    now = [1000.0]
    board = Board(clock=lambda: now[0])
    board.set(AYSE, "t1", "viewing")
    board.set(AYSE, "t2", "viewing")  # she moved: one entry, at t2
    board.set(MEHMET, "t2", "replying")
    assert [(e.name, e.ticket_id, e.state) for e in board.entries()] == [
        ("ayse", "t2", "viewing"),
        ("mehmet", "t2", "replying"),
    ]
    now[0] += TTL_S - 1
    board.set(MEHMET, "t2", "replying")  # his heartbeat; hers stops
    version = board.version
    now[0] += 2
    assert [e.name for e in board.entries()] == ["mehmet"]
    assert board.version == version + 1  # dropping her is a change the long-polls see


def test_a_wait_returns_at_once_when_the_board_is_newer_and_wakes_on_a_change() -> None:
    async def scenario() -> tuple[int, list[str]]:
        board = Board()
        board.set(AYSE, "t1", "viewing")
        first = await board.wait(-1, 5)
        waiting = asyncio.create_task(board.wait(first["version"], 5))
        await asyncio.sleep(0.05)
        assert not waiting.done()
        board.set(MEHMET, "t1", "viewing")
        woke = await asyncio.wait_for(waiting, 2)
        return woke["version"] - first["version"], [e["name"] for e in woke["entries"]]

    assert asyncio.run(scenario()) == (1, ["ayse", "mehmet"])


def test_closing_wakes_every_wait() -> None:
    async def scenario() -> bool:
        board = Board()
        waiting = asyncio.create_task(board.wait(board.version, 30))
        await asyncio.sleep(0.05)
        board.close()
        await asyncio.wait_for(waiting, 2)
        return True

    assert asyncio.run(scenario())
