"""Who has which ticket open, and who is writing a reply: collision awareness, never stored.

* `PUT /v1/presence` `{"ticket_id": "…" | null, "state": "viewing" | "replying"}` — the
  account of the token is at that ticket now (null: at none). A workstation repeats it every
  `HEARTBEAT_S`; an entry not repeated within `TTL_S` is gone (a closed laptop, a lost network).
* `GET /v1/presence?after=V&wait=S` — the board when its version passes V, waiting up to S
  seconds (a long-poll, like `/v1/changes`): `{"version": V, "entries": [...]}`.

The board lives in this process's memory only: nothing of it reaches the database, the change
log or a log line, and a restart forgets it. The author is the token's account, always.
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request

from websight_desk.server import json_body
from websight_desk.server.accounts import Account
from websight_desk.server.request_checks import int_param, read_body
from websight_desk.server.wire import ApiError

AccountOf = Callable[[Request], Awaitable[Account]]
HEARTBEAT_S = 20.0
TTL_S = 45.0
MAX_WAIT_S = 30
STATES = ("viewing", "replying")
_ID = re.compile(r"^[0-9A-Za-z-]{1,64}$")


@dataclass(frozen=True)
class Entry:
    agent_id: str
    name: str
    ticket_id: str
    state: str
    since_ms: int  # when this agent came to this ticket in this state (wall clock)
    seen: float  # monotonic time of the last heartbeat

    def to_json(self) -> dict[str, Any]:
        return {
            "agent_id": self.agent_id,
            "name": self.name,
            "ticket_id": self.ticket_id,
            "state": self.state,
            "since_ms": self.since_ms,
        }


class Board:
    """One entry per account; a change of ticket or state wakes the long-polls."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.version = 0
        self._entries: dict[str, Entry] = {}
        self._event = asyncio.Event()
        self.closing = False

    def set(self, account: Account, ticket_id: str | None, state: str) -> None:
        now = self.clock()
        old = self._entries.get(account.id)
        if ticket_id is None:
            if self._entries.pop(account.id, None) is not None:
                self._changed()
            return
        moved = old is None or (old.ticket_id, old.state) != (ticket_id, state)
        since = int(time.time() * 1000) if old is None or moved else old.since_ms
        self._entries[account.id] = Entry(account.id, account.name, ticket_id, state, since, now)
        if moved:
            self._changed()

    def entries(self) -> list[Entry]:
        """The live entries (expired ones dropped, which is a change too)."""
        now = self.clock()
        stale = [k for k, e in self._entries.items() if now - e.seen > TTL_S]
        for key in stale:
            del self._entries[key]
        if stale:
            self._changed()
        return sorted(self._entries.values(), key=lambda e: (e.ticket_id, e.name))

    def snapshot(self) -> dict[str, Any]:
        entries = self.entries()
        return {"version": self.version, "entries": [e.to_json() for e in entries]}

    def close(self) -> None:
        self.closing = True
        self._changed()

    def _changed(self) -> None:
        self.version += 1
        event, self._event = self._event, asyncio.Event()
        event.set()

    async def wait(self, after: int, seconds: float) -> dict[str, Any]:
        deadline = time.monotonic() + seconds
        while True:
            event = self._event  # taken before looking: no lost wake-up
            snapshot = self.snapshot()
            remaining = deadline - time.monotonic()
            if snapshot["version"] > after or remaining <= 0 or self.closing:
                return snapshot
            with contextlib.suppress(TimeoutError):
                # wake now and then to drop entries whose heartbeat stopped
                await asyncio.wait_for(event.wait(), timeout=min(remaining, 5.0))


def parse_presence(body: bytes) -> tuple[str | None, str]:
    """`(ticket_id, state)` of a PUT body, or a 400 that says what is wrong."""
    try:
        data = json_body.loads(body)
    except json_body.BadBody as exc:
        raise ApiError(400, exc.code, exc.message) from None
    if not isinstance(data, dict) or set(data) - {"ticket_id", "state"}:
        raise ApiError(400, "invalid_request", "Send an object with 'ticket_id' and 'state'.")
    ticket_id = data.get("ticket_id")
    state = data.get("state", "viewing")
    if ticket_id is not None and not (isinstance(ticket_id, str) and _ID.match(ticket_id)):
        raise ApiError(400, "invalid_request", "'ticket_id' must be a record id or null.")
    if state not in STATES:
        raise ApiError(400, "invalid_request", f"'state' must be one of {', '.join(STATES)}.")
    return ticket_id, str(state)


def register(app: FastAPI, account_of: AccountOf) -> Board:
    board = Board()

    @app.put("/v1/presence")
    async def set_presence(request: Request) -> dict[str, Any]:
        account = await account_of(request)
        ticket_id, state = parse_presence(await read_body(request))
        board.set(account, ticket_id, state)
        return {"version": board.version, "heartbeat_s": HEARTBEAT_S}

    @app.get("/v1/presence")
    async def get_presence(request: Request) -> dict[str, Any]:
        await account_of(request)
        after = int_param(request, "after", -1, -1, 2**62)
        wait = int_param(request, "wait", 0, 0, MAX_WAIT_S)
        return await board.wait(after, wait)

    return board
