"""The main window's remembered layout (geometry, splitter, queue view) and closing.

The base of `MainWindow`: it also declares the panes every layer above it uses.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from websight_desk.ui.context import UiContext
from websight_desk.ui.menus import MenuBuilder
from websight_desk.ui.queue.panel import QueuePanel
from websight_desk.ui.status_bar import DeskStatusBar
from websight_desk.ui.tool_windows import ToolWindows

STATE_KEY = "ui"  # Settings.extra["ui"]: geometry, splitter sizes, last view


class WindowState(QMainWindow):
    """Saves and restores the window's layout in the workspace settings (unless `remember`
    is False, as for screenshots)."""

    ctx: UiContext
    remember: bool
    role: str | None
    tools: ToolWindows
    linked: bool
    queue: QueuePanel
    splitter: QSplitter
    ticket_pane: QWidget
    policy_panel: QWidget
    status: DeskStatusBar
    open_ticket_id: str | None
    menus: MenuBuilder

    def _state(self) -> dict[str, object]:
        state = self.ctx.desk.settings.extra.get(STATE_KEY)
        return dict(state) if isinstance(state, dict) else {}

    def _save_state(self, **values: object) -> None:
        if not self.remember:
            return
        state = self._state()
        state.update(values)
        self.ctx.desk.settings.extra[STATE_KEY] = state
        self.ctx.desk.save_settings()

    def restore_state(self) -> None:
        state = self._state() if self.remember else {}
        geometry = state.get("geometry")
        if isinstance(geometry, str):
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        sizes = state.get("splitter")
        if isinstance(sizes, list) and len(sizes) == 3 and all(isinstance(s, int) for s in sizes):
            self.splitter.setSizes(sizes)
        else:
            width = max(self.width(), 900)
            self.splitter.setSizes([width * 44 // 100, width * 34 // 100, width * 22 // 100])

    def save_state(self) -> None:
        self._save_state(
            geometry=bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            splitter=self.splitter.sizes(),
            view=self.queue.view_key(),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.save_state()
        except Exception as exc:  # never trap the user in a window that cannot close
            from websight_desk.ui import errors

            errors.report(exc, self)
        self.ctx.runner.shutdown()
        super().closeEvent(event)
