"""Presence of colleagues (who has a ticket open, who is writing a reply), for the window.

Two threads beside the sync threads: one tells the server where this agent is whenever that
changes, and again every `HEARTBEAT_S` (the server forgets silent agents); one long-polls the
board and hands every new version to `on_board`. Offline, `on_board(None)`: presence is
unknown, never guessed. Nothing of it is written anywhere.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from websight_desk.sync.client import SyncClient

log = logging.getLogger(__name__)

HEARTBEAT_S = 20.0
LONG_POLL_S = 25
RETRY_S = 5.0
VIEWING = "viewing"
REPLYING = "replying"


@dataclass(frozen=True)
class Colleague:
    agent_id: str
    name: str
    ticket_id: str
    state: str  # VIEWING or REPLYING
    since_ms: int


def colleagues(board: dict[str, Any], me: str | None) -> list[Colleague]:
    """The entries of a board answer, without this agent's own."""
    found = []
    for e in board.get("entries", []):
        if e.get("agent_id") == me:
            continue
        state = REPLYING if e.get("state") == REPLYING else VIEWING
        found.append(
            Colleague(str(e["agent_id"]), str(e["name"]), str(e["ticket_id"]), state, e["since_ms"])
        )
    return found


class PresenceLoop:
    """Announce where this agent is; watch where the others are."""

    def __init__(
        self,
        client_factory: Callable[[], SyncClient],
        me: str | None,
        on_board: Callable[[list[Colleague] | None], None],
        *,
        heartbeat_s: float = HEARTBEAT_S,
        long_poll_s: int = LONG_POLL_S,
    ) -> None:
        self._factory = client_factory
        self._me = me
        self._on_board = on_board
        self._heartbeat_s = heartbeat_s
        self._long_poll_s = long_poll_s
        self._where: tuple[str | None, str] = (None, VIEWING)
        self._moved = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._clients: list[SyncClient] = []
        self._lock = threading.Lock()

    def set(self, ticket_id: str | None, state: str = VIEWING) -> None:
        """This agent is now at `ticket_id` (None: none) in `state`; told to the server soon."""
        if self._where != (ticket_id, state):
            self._where = (ticket_id, state)
            self._moved.set()

    def start(self) -> None:
        if self._threads:
            return
        self._stop.clear()
        self._moved.set()
        for name, target in (
            ("presence-announce", self._announce),
            ("presence-watch", self._watch),
        ):
            thread = threading.Thread(target=target, name=name, daemon=True)
            self._threads.append(thread)
            thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._moved.set()
        with self._lock:
            for client in self._clients:
                client.close()  # cuts the long-poll short
        for thread in self._threads:
            thread.join(timeout)
        self._threads.clear()
        with self._lock:
            self._clients.clear()

    def _client(self) -> SyncClient:
        client = self._factory()
        with self._lock:
            self._clients.append(client)
        return client

    def _announce(self) -> None:
        client: SyncClient | None = None
        while not self._stop.is_set():
            self._moved.wait(self._heartbeat_s)
            self._moved.clear()
            if self._stop.is_set():
                break
            ticket_id, state = self._where
            try:
                client = client or self._factory()  # its own: stop() must not cut it
                client.set_presence(ticket_id, state)
            except Exception:
                if self._stop.is_set():
                    break
                log.debug("presence not sent; retrying", exc_info=True)
                self._moved.set()  # try again after the pause
                self._stop.wait(RETRY_S)
        if client is not None:
            try:  # leave the board at once rather than after the server's timeout
                client.set_presence(None)
            except Exception:
                log.debug("presence not cleared at stop", exc_info=True)
            client.close()

    def _watch(self) -> None:
        client: SyncClient | None = None
        version = -1
        while not self._stop.is_set():
            try:
                client = client or self._client()
                board = client.presence(version, wait=self._long_poll_s)
                if board["version"] != version:
                    version = int(board["version"])
                    self._on_board(colleagues(board, self._me))
            except Exception:
                if self._stop.is_set():
                    return
                log.debug("presence not read; offline until it is", exc_info=True)
                version = -1
                self._on_board(None)
                self._stop.wait(RETRY_S)
