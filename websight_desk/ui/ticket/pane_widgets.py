"""The ticket pane's widgets and state: placeholder | header, thread, new-message bar, composer.

The base of `TicketPane`; the layers above it render the thread (`pane_thread`), send and
write (`pane_send`) and wire the action bar (`pane`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedLayout,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.enums import MessageKind
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.policy.model import Decision
from websight_desk.ui.context import UiContext
from websight_desk.ui.ticket.composer import Composer
from websight_desk.ui.ticket.header import TicketHeader
from websight_desk.ui.ticket.thread_html import Highlight


@dataclass
class Draft:
    kind: MessageKind
    text: str
    base: frozenset[str]  # the messages the agent had seen when they started writing


class PaneWidgets(QWidget):
    """Signals, state and widgets of the ticket pane; no behaviour beyond showing a page."""

    ticketChanged = Signal(str)
    decisionChanged = Signal(object)
    customerRequested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ticketPane")
        self._ticket_id: str | None = None
        self._detail: TicketDetail | None = None
        self._decision: Decision | None = None
        self._callbacks: tuple[CallbackView, ...] = ()
        self._actions: list[QAction] = []
        self._handlers: dict[str, Callable[[], object]] = {}
        self._mark: Highlight | None = None
        self._expanded: set[str] = set()
        self._base: frozenset[str] = frozenset()
        self._unseen: frozenset[str] = frozenset()
        self._drafts: dict[str, Draft] = {}
        self._sending = False
        self.shortcuts: dict[str, QShortcut] = {}
        self._build()

    def _build(self) -> None:
        self._stack = QStackedLayout(self)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("ticketPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color:#6b7682;")
        self._stack.addWidget(self.placeholder)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        self.header = TicketHeader()
        lay.addWidget(self.header)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.thread_view = QTextBrowser()
        self.thread_view.setObjectName("thread")
        self.thread_view.setOpenLinks(False)
        split.addWidget(self.thread_view)
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        self.new_bar = QFrame()
        self.new_bar.setObjectName("newMessageBar")
        self.new_bar.setStyleSheet(
            "#newMessageBar { background:#fff4ce; border:1px solid #d9b44a; }"
        )
        bar = QHBoxLayout(self.new_bar)
        bar.setContentsMargins(6, 3, 6, 3)
        self.new_label = QLabel()
        self.new_label.setWordWrap(True)
        self.send_anyway = QPushButton()
        self.send_anyway.setObjectName("sendAnyway")
        self.keep_editing = QPushButton()
        self.keep_editing.setObjectName("keepEditing")
        bar.addWidget(self.new_label, 1)
        bar.addWidget(self.send_anyway)
        bar.addWidget(self.keep_editing)
        self.new_bar.setVisible(False)
        lower_lay.addWidget(self.new_bar)
        self.composer = Composer()
        lower_lay.addWidget(self.composer)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        self._stack.addWidget(page)

    def _bind_shortcut(
        self, keys: str, context: Qt.ShortcutContext, slot: Callable[[], object]
    ) -> None:
        sc = QShortcut(QKeySequence(keys), self)
        sc.setContext(context)
        sc.activated.connect(slot)
        self.shortcuts[keys] = sc

    def _show_state(self) -> None:
        has = self._detail is not None
        self._stack.setCurrentIndex(1 if has else 0)
        for sc in self.shortcuts.values():
            sc.setEnabled(has)
        for action in self._actions:
            action.setEnabled(has)
