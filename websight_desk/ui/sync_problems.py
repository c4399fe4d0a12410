"""The status bar's "⚠ N problems": changes the server refused and concurrent edits that lost.

`SyncProblemsDialog` lists both with their reasons (from `websight_desk.sync.review`);
`ClickFilter` makes a status bar label open it on a click.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from websight_desk.i18n import _
from websight_desk.sync.review import (
    FieldConflict,
    RejectedChange,
    dismiss_conflict,
    list_conflicts,
    list_rejected,
)
from websight_desk.ui import errors
from websight_desk.ui.context import UiContext
from websight_desk.ui.format import date_time

_ID = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Problems:
    rejected: list[RejectedChange]
    conflicts: list[FieldConflict]


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


def _tree(name: str) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setWordWrap(True)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return tree


class SyncProblemsDialog(QDialog):
    """Rejected changes (with the server's reason) and lost concurrent edits; `ticketActivated`
    when the agent opens the ticket of a conflict."""

    ticketActivated = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("syncProblems")
        self.problems = Problems([], [])
        self.rejected_label = QLabel()
        self.rejected_label.setWordWrap(True)
        self.rejected_tree = _tree("rejectedChanges")
        self.conflicts_label = QLabel()
        self.conflicts_label.setWordWrap(True)
        self.conflicts_tree = _tree("fieldConflicts")
        self.conflicts_tree.itemActivated.connect(self._open_ticket)
        self.conflicts_tree.itemDoubleClicked.connect(self._open_ticket)
        self.conflicts_tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.dismiss = QPushButton()
        self.dismiss.setObjectName("dismissConflict")
        self.dismiss.clicked.connect(self.dismiss_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.dismiss, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.StandardButton.Close)
        lay = QVBoxLayout(self)
        for w in (
            self.rejected_label,
            self.rejected_tree,
            self.conflicts_label,
            self.conflicts_tree,
        ):
            lay.addWidget(w)
        lay.addWidget(buttons)
        self.resize(760, 480)
        ctx.events.languageChanged.connect(self.retranslate)
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        desk = self.ctx.desk

        def job() -> Problems:
            return Problems(list_rejected(desk), list_conflicts(desk))

        self.ctx.runner.run(job, self._loaded, lambda exc: errors.report(exc, self))

    def _loaded(self, problems: Problems) -> None:
        self.problems = problems
        self._render()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Sync problems"))
        self.setAccessibleName(_("Sync problems"))
        self.rejected_tree.setAccessibleName(_("Changes the server refused"))
        self.conflicts_tree.setAccessibleName(_("Concurrent edits that lost"))
        self.rejected_tree.setHeaderLabels([_("When"), _("Change"), _("Reason")])
        self.conflicts_tree.setHeaderLabels(
            [_("Ticket"), _("Field"), _("Your value"), _("Value kept"), _("Detected")]
        )
        self.dismiss.setText(_("Mark as seen"))
        self.close_button.setText(_("Close"))
        self._render()

    def _render(self) -> None:
        p = self.problems
        self.rejected_label.setText(
            _("Changes refused by the server or not applicable here ({n}):").format(
                n=len(p.rejected)
            )
        )
        self.conflicts_label.setText(
            _(
                "Edits made at the same time on another workstation won over these ({n}); "
                "double-click to open the ticket:"
            ).format(n=len(p.conflicts))
        )
        self.rejected_tree.clear()
        for r in p.rejected:
            where = _("sent") if r.source == "push" else _("received")
            item = QTreeWidgetItem([date_time(r.created_at), f"{r.kind} ({where})", r.reason])
            item.setToolTip(2, r.reason)
            self.rejected_tree.addTopLevelItem(item)
        self.conflicts_tree.clear()
        for c in p.conflicts:
            number = f"#{c.ticket_number}" if c.ticket_number is not None else "—"
            item = QTreeWidgetItem(
                [
                    number,
                    c.field,
                    c.lost_value or "—",
                    c.won_value or "—",
                    date_time(c.detected_at),
                ]
            )
            item.setData(0, _ID, c.lost_change_id)
            item.setData(1, _ID, c.ticket_id)
            self.conflicts_tree.addTopLevelItem(item)
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.dismiss.setEnabled(self.conflicts_tree.currentItem() is not None)

    def dismiss_selected(self) -> None:
        item = self.conflicts_tree.currentItem()
        if item is None:
            return
        change_id = str(item.data(0, _ID))
        desk = self.ctx.desk

        def done(_result: object) -> None:
            self.ctx.events.syncStateChanged.emit()
            self.refresh()

        self.ctx.runner.run(
            lambda: dismiss_conflict(desk, change_id), done, lambda e: errors.report(e, self)
        )

    def _open_ticket(self, item: QTreeWidgetItem) -> None:
        ticket_id = item.data(1, _ID)
        if isinstance(ticket_id, str):
            self.ticketActivated.emit(ticket_id)
