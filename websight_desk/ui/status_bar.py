"""The status bar: who is working, which shift (Istanbul time) and the sync state.

Offline work stays honest here: pending changes, last sync and problems are always visible.
The sync state comes from `websight_desk.sync.status.read_status(desk)`; should reading it
fail (a bug), the number of changes waiting in the outbox is still shown.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from websight_desk.domain.enums import Role
from websight_desk.domain.queue_views import AgentSummary
from websight_desk.i18n import N_, _, ngettext
from websight_desk.policy.engine import shift_at
from websight_desk.storage.queries.agents import agent_summary
from websight_desk.storage.queries.pending import CAP as PENDING_CAP
from websight_desk.storage.queries.pending import Counted, pending_changes
from websight_desk.sync.status import SyncStatus, read_status
from websight_desk.ui import format as fmt
from websight_desk.ui.context import UiContext
from websight_desk.ui.value_labels import ROLE

log = logging.getLogger(__name__)

REFRESH_MS = 30_000
SHIFT = {"regular": N_("Regular team"), "on_call": N_("On-call")}


@dataclass(frozen=True)
class StatusSnapshot:
    agent: AgentSummary | None
    pending: int
    sync: SyncStatus | None  # None: reading the sync state failed (logged)
    pending_exact: bool = True  # False: more than `pending` ("10,000+")


def read_snapshot(ctx: UiContext) -> StatusSnapshot:
    """Everything the status bar shows, read off the GUI thread."""
    desk = ctx.desk
    sync = None
    try:
        sync = read_status(desk, cap=PENDING_CAP)
    except Exception:  # a sync-status bug must not hide who is working and the shift
        log.exception("reading the sync status failed")
    with desk.db.read() as conn:
        agent = agent_summary(conn, ctx.agent_id)
        if sync is None:
            pending = pending_changes(conn)
        else:
            pending = Counted(sync.pending, sync.pending_exact)
    return StatusSnapshot(agent, pending.count, sync, pending.exact)


def shift_key(ctx: UiContext, now: datetime) -> str:
    """ "regular" or "on_call" by the policy's own rule (same hours as the decisions)."""
    return str(shift_at(now, ctx.ruleset).value)


class DeskStatusBar(QStatusBar):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("statusBar")
        self.agent = QLabel(self)
        self.shift = QLabel(self)
        self.sync = QLabel(self)
        for label in (self.agent, self.shift, self.sync):
            self.addPermanentWidget(label)
        self.snapshot: StatusSnapshot | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()
        ctx.events.syncStateChanged.connect(self.refresh)
        ctx.events.statusMessage.connect(lambda text: self.showMessage(text, 5000))
        self.retranslate()

    def refresh(self) -> None:
        self.ctx.runner.run(
            lambda: read_snapshot(self.ctx), self._show, self._failed, key=f"status-{id(self)}"
        )

    def _failed(self, exc: BaseException) -> None:
        self.sync.setText(_("Sync state unavailable"))

    def _show(self, snapshot: StatusSnapshot) -> None:
        self.snapshot = snapshot
        self._render()

    def _render(self) -> None:
        snap = self.snapshot
        if snap is not None and snap.agent is not None:
            role = ROLE.get(Role(snap.agent.role)) if snap.agent.role in set(Role) else None
            role_text = _(role) if role else snap.agent.role
            self.agent.setText(f"{snap.agent.display_name} ({role_text})")
        else:
            self.agent.setText(_("No agent chosen"))
        now = self.ctx.now()
        try:
            shift = _(SHIFT[shift_key(self.ctx, now)])
        except Exception:  # no policy available: show the time without a shift name
            shift = ""
        istanbul = _("Istanbul {time}").format(time=fmt.clock(now))
        self.shift.setText(f"{shift} · {istanbul}" if shift else istanbul)
        self.sync.setText(self._sync_text(snap))

    def _sync_text(self, snap: StatusSnapshot | None) -> str:
        if snap is None:
            return "…"
        sync = snap.sync
        pending = snap.pending
        parts = []
        if sync is not None and not sync.configured:
            parts.append("○ " + _("No sync server"))
        elif sync is not None:
            parts.append("● " + _("Online") if sync.online else "○ " + _("Offline"))
        shown = f"{pending}" if snap.pending_exact else f"{fmt.number(pending)}+"
        parts.append(ngettext("{n} pending change", "{n} pending changes", pending).format(n=shown))
        last = sync.last_sync_at if sync is not None else None
        if last is not None:
            parts.append(_("Last sync {time}").format(time=fmt.clock(last)))
        problems = sync.problems if sync is not None else 0
        if problems:
            parts.append(
                "⚠ " + ngettext("{n} problem", "{n} problems", problems).format(n=problems)
            )
        return " · ".join(parts)

    def retranslate(self) -> None:
        self.agent.setAccessibleName(_("Agent"))
        self.shift.setAccessibleName(_("Shift"))
        self.sync.setAccessibleName(_("Sync state"))
        self.setAccessibleName(_("Status bar"))
        self._render()
