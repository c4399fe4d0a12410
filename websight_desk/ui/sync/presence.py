"""Presence in the window: which colleagues have the open ticket, who is writing a reply.

`Presence` lives in `ctx.extras` (one per window), is started and stopped with the sync
threads by the `SyncController`, follows the ticket the agent selects and whether the reply box
holds a draft, and re-emits the board on the GUI thread. `at(ticket_id)` is None while presence
is unknown (no server, offline): the header then says so instead of guessing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Signal

from websight_desk.i18n import _
from websight_desk.ui.context import UiContext

if TYPE_CHECKING:  # the presence loop (and its HTTP client) loads once sync starts
    from websight_desk.sync.client import SyncClient
    from websight_desk.sync.presence import Colleague, PresenceLoop

KEY = "presence"


class Presence(QObject):
    boardArrived = Signal(object)  # list[Colleague] | None, from the watch thread
    changed = Signal()  # on the GUI thread: the board, or this agent's ticket, changed

    def __init__(self, ctx: UiContext) -> None:
        super().__init__()
        self.ctx = ctx
        self.loop: PresenceLoop | None = None
        self.board: list[Colleague] | None = None
        self.ticket_id: str | None = None
        self.replying = False
        self.boardArrived.connect(self._arrived)
        ctx.events.ticketSelected.connect(self._selected)

    @property
    def running(self) -> bool:
        return self.loop is not None

    def start(self, client_factory: Callable[[], SyncClient]) -> None:
        from websight_desk.sync.presence import PresenceLoop

        self.stop()
        self.loop = PresenceLoop(client_factory, self.ctx.agent_id, self.boardArrived.emit)
        self._tell()
        self.loop.start()

    def stop(self) -> None:
        if self.loop is not None:
            self.loop.stop()
            self.loop = None
        self.board = None
        if shiboken6.isValid(self):  # at exit Qt may have deleted it before the window
            self.changed.emit()

    def set_replying(self, replying: bool) -> None:
        """The reply box holds (True) or no longer holds (False) a draft of this agent."""
        if replying != self.replying:
            self.replying = replying
            self._tell()

    def at(self, ticket_id: str | None) -> list[Colleague] | None:
        """The colleagues at this ticket; None when presence is unknown."""
        if self.board is None or self.loop is None:
            return None
        return [c for c in self.board if c.ticket_id == ticket_id]

    def _selected(self, ticket_id: object) -> None:
        # "replying" follows the reply box, which switches drafts with the ticket
        self.ticket_id = ticket_id if isinstance(ticket_id, str) else None
        self._tell()
        self.changed.emit()

    def _tell(self) -> None:
        if self.loop is not None:
            from websight_desk.sync.presence import REPLYING, VIEWING

            self.loop.set(self.ticket_id, REPLYING if self.replying else VIEWING)

    def _arrived(self, board: list[Colleague] | None) -> None:
        if self.loop is not None:
            self.board = board
            self.changed.emit()


def presence_of(ctx: UiContext) -> Presence:
    """The window's presence (made on first use)."""
    found = ctx.extras.get(KEY)
    if isinstance(found, Presence):
        return found
    made = Presence(ctx)
    ctx.extras[KEY] = made
    return made


def describe(colleagues: list[Colleague] | None, *, connected: bool) -> str:
    """One line for the ticket header: who else is here, or that nobody knows."""
    if not connected:
        return ""
    if colleagues is None:
        return _("Colleagues: unknown while offline")
    if not colleagues:
        return ""
    from websight_desk.sync.presence import REPLYING

    writing = [c.name for c in colleagues if c.state == REPLYING]
    viewing = [c.name for c in colleagues if c.state != REPLYING]
    parts = []
    if writing:
        parts.append(_("Writing a reply: {names}").format(names=", ".join(writing)))
    if viewing:
        parts.append(_("Also viewing: {names}").format(names=", ".join(viewing)))
    return " · ".join(parts)
