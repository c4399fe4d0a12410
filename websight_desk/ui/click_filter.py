"""`ClickFilter`: a label (the status bar's "⚠ N problems") that opens something on a click."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget


class ClickFilter(QObject):
    """Calls `on_click()` when the watched widget is clicked with the left button."""

    def __init__(self, watched: QWidget, on_click: Callable[[], object]) -> None:
        super().__init__(watched)
        self.on_click = on_click
        watched.installEventFilter(self)
        watched.setCursor(Qt.CursorShape.PointingHandCursor)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.MouseButtonRelease
            and isinstance(event, QMouseEvent)
            and event.button() == Qt.MouseButton.LeftButton
        ):
            self.on_click()
            return True
        return False


__all__ = ["ClickFilter"]
