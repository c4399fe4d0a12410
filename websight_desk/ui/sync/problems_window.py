"""The sync problems window's content: refused changes and lost concurrent edits, in tabs.

It lives in a tool window, whose Close button is the only one (Esc closes too); a tab opens
with Alt+1 / Alt+2 like the main window's panes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from websight_desk.i18n import _
from websight_desk.ui.context import UiContext
from websight_desk.ui.sync.conflicts_view import ConflictsView
from websight_desk.ui.sync.rejections_view import RejectionsView


class SyncProblemsWidget(QWidget):
    """`ticketActivated(ticket id)` when the user opens a ticket from either tab."""

    ticketActivated = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("syncProblems")
        self.setMinimumSize(900, 540)  # groups, a page of changes and the details side by side
        self.rejections = RejectionsView(ctx, self)
        self.conflicts = ConflictsView(ctx, self)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.rejections, "")
        self.tabs.addTab(self.conflicts, "")
        for view in (self.rejections, self.conflicts):
            view.ticketActivated.connect(self.ticketActivated)
        for index in range(2):
            shortcut = QShortcut(QKeySequence(f"Alt+{index + 1}"), self)
            shortcut.activated.connect(lambda i=index: self.tabs.setCurrentIndex(i))
        # the parts by the names the window's tests use
        self.rejected_tree = self.rejections.ui.table
        self.conflicts_tree = self.conflicts.tree
        self.dismiss = self.conflicts.dismiss
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.tabs)
        ctx.events.languageChanged.connect(self.retranslate)
        self.retranslate()

    def refresh(self) -> None:
        self.rejections.refresh()
        self.conflicts.refresh()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Sync problems"))
        self.tabs.setTabText(0, _("Refused changes"))
        self.tabs.setTabText(1, _("Concurrent edits"))
