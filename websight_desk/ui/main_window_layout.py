"""The main window's remembered layout: geometry, splitter sizes and the last queue view."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from websight_desk.services.desk import Desk

STATE_KEY = "ui"  # Settings.extra["ui"]: geometry, splitter sizes, last view
TITLE_BAR = 40  # room the window manager's title bar and frame take above the window


def fit_to_screen(window: QWidget) -> None:
    """Open maximised when the window would not fit the screen's free area (a 1280×720
    laptop): otherwise the reply box, the send buttons and the status bar lie off-screen."""
    free = window.screen().availableGeometry()
    if window.width() > free.width() or window.height() > free.height() - TITLE_BAR:
        window.resize(min(window.width(), free.width()), min(window.height(), free.height()))
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


class WindowLayout:
    """Saves and restores a window's layout in the workspace settings (nothing is saved
    when `remember` is False, as for screenshots)."""

    def __init__(
        self, window: QMainWindow, splitter: QSplitter, desk: Desk, *, remember: bool
    ) -> None:
        self.window = window
        self.splitter = splitter
        self.desk = desk
        self.remember = remember

    def state(self) -> dict[str, object]:
        state = self.desk.settings.extra.get(STATE_KEY)
        return dict(state) if isinstance(state, dict) else {}

    def save(self, **values: object) -> None:
        """Remember these values next to the ones already saved."""
        if not self.remember:
            return
        state = self.state()
        state.update(values)
        self.desk.settings.extra[STATE_KEY] = state
        self.desk.save_settings()

    def restore(self) -> None:
        """The saved geometry and splitter sizes, else a 44 : 34 : 22 split."""
        state = self.state() if self.remember else {}
        geometry = state.get("geometry")
        if isinstance(geometry, str):
            self.window.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        sizes = state.get("splitter")
        if isinstance(sizes, list) and len(sizes) == 3 and all(isinstance(s, int) for s in sizes):
            self.splitter.setSizes(sizes)
        else:
            width = max(self.window.width(), 900)
            self.splitter.setSizes([width * 44 // 100, width * 34 // 100, width * 22 // 100])

    def save_all(self, view_key: str) -> None:
        """Geometry, splitter and queue view, as the window closes."""
        self.save(
            geometry=bytes(self.window.saveGeometry().toBase64().data()).decode("ascii"),
            splitter=self.splitter.sizes(),
            view=view_key,
        )
