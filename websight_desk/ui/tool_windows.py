"""Feature widgets (review queue, abuse report…) opened from the Tools menu in a window of
their own: one window per tool, raised again when already open, title retranslated live."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from websight_desk.i18n import _
from websight_desk.ui.context import UiContext


class ToolWindow(QDialog):
    """A non-modal window around one widget, with a Close button; deleted when closed."""

    def __init__(
        self, ctx: UiContext, title: str, content: QWidget, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.title = title  # an N_-marked msgid
        self.content = content
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)
        lay = QVBoxLayout(self)
        lay.addWidget(content, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.close)
        lay.addWidget(self.buttons)
        ctx.events.languageChanged.connect(self.retranslate)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_(self.title))
        self.setAccessibleName(_(self.title))
        close = self.buttons.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.setText(_("Close"))


class ToolWindows:
    """The tool windows of one main window, by key."""

    def __init__(self, ctx: UiContext, parent: QWidget) -> None:
        self.ctx = ctx
        self.parent = parent
        self.open: dict[str, ToolWindow] = {}

    def show(
        self,
        key: str,
        title: str,
        factory: Callable[[], QWidget],
        size: tuple[int, int] = (900, 600),
    ) -> ToolWindow:
        """Show the tool `key` (built by `factory()` the first time), raised and focused."""
        window = self.open.get(key)
        if window is None:
            window = ToolWindow(self.ctx, title, factory(), self.parent)
            window.setObjectName(f"tool_{key}")
            window.resize(*size)
            window.destroyed.connect(lambda _obj=None, k=key: self.open.pop(k, None))
            self.open[key] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window
