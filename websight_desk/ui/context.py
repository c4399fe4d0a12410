"""`UiContext`: what every widget of the desktop app is constructed with.

Shared by all UI code (queue, ticket pane, policy panel, dialogs). It holds:

* `desk` — the opened workspace (`services.desk.Desk`): `desk.db.read()` for queries,
  `with desk.writer() as w:` for changes (services take `w`).
* `runner` — the one background `Runner` (`ui/runner.py`): `ctx.runner.run(fn, ok, fail)`.
  Use it for anything that touches the database on a large table or the network.
* `agent_id` — the agent working at this workstation (or None before one is chosen).
* `ruleset` — the policy ruleset, loaded once (lazily) via
  `services.triage.load_ruleset_for(desk)`.
* `now()` — the current UTC time; tests pass a fixed clock.
* `events` — a Qt signal hub (`UiEvents`) connecting widgets without knowing each other:
  emit `ticketsChanged([ids])` after you write to tickets (the queue refreshes, the panel
  re-decides); listen to `languageChanged()` and call your `retranslate()`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from websight_desk.services.desk import Desk, utc_now
from websight_desk.ui.runner import Runner

if TYPE_CHECKING:
    from websight_desk.policy import Ruleset


class UiEvents(QObject):
    """Application-wide signals. Emit from the GUI thread only."""

    # Ticket ids whose data changed (a reply, a status, a new ticket). [] = "many, reload all".
    ticketsChanged = Signal(list)
    # The ticket the agent is looking at (id) or None; emitted by the main window.
    ticketSelected = Signal(object)
    # The UI language changed (i18n.set_language already done): retranslate visible labels.
    languageChanged = Signal()
    # A short message for the status bar (already translated).
    statusMessage = Signal(str)
    # Sync state may have changed (after a push/pull or a local write).
    syncStateChanged = Signal()


class UiContext:
    """Construct once in `ui/app.py` (or a test fixture) and pass to every widget."""

    def __init__(
        self,
        desk: Desk,
        *,
        runner: Runner | None = None,
        now: Callable[[], datetime] | None = None,
        ruleset: Ruleset | None = None,
        events: UiEvents | None = None,
    ) -> None:
        self.desk = desk
        self.runner = runner if runner is not None else Runner()
        self.now: Callable[[], datetime] = now if now is not None else utc_now
        self.events = events if events is not None else UiEvents()
        self._ruleset = ruleset
        # Other engineers may hang per-feature services here (key → object) without
        # changing this class; prefer explicit attributes when something is shared widely.
        self.extras: dict[str, Any] = {}

    @property
    def agent_id(self) -> str | None:
        return self.desk.agent_id

    @property
    def ruleset(self) -> Ruleset:
        """The policy ruleset in use, loaded on first access and then kept."""
        if self._ruleset is None:
            from websight_desk.services.triage import load_ruleset_for

            self._ruleset = load_ruleset_for(self.desk)
        return self._ruleset

    def tickets_changed(self, ticket_ids: list[str]) -> None:
        """Announce a local change to these tickets (queue, panel and status bar refresh)."""
        self.events.ticketsChanged.emit(list(ticket_ids))
        self.events.syncStateChanged.emit()
