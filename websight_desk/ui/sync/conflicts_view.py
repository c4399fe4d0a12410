"""Edits made at the same time on another workstation that won over ours: which ticket and
field, our value and the value kept; open the ticket, or mark a conflict as seen."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from websight_desk.i18n import _
from websight_desk.sync.review import FieldConflict, dismiss_conflict, list_conflicts
from websight_desk.ui import errors
from websight_desk.ui.context import UiContext
from websight_desk.ui.format import date_time
from websight_desk.ui.sync import reason_text
from websight_desk.ui.value_labels import PRIORITY, STATUS, tr_

_ID = Qt.ItemDataRole.UserRole
MAX_CONFLICTS = 100_000  # listed whole: one row per field edit that lost, cheap to read


def _value(field: str, value: str | None) -> str:
    """A status or priority in words (TicketStatus and Priority are StrEnums of these)."""
    tables: dict[str, Mapping[Any, str]] = {"status": STATUS, "priority": PRIORITY}
    table = tables.get(field)
    return tr_(table, value) if table is not None else (value or "—")


class ConflictsView(QWidget):
    """`ticketActivated(ticket id)` on Enter or a double click; `changed` after "seen"."""

    ticketActivated = Signal(str)
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("conflictsView")
        self.conflicts: list[FieldConflict] = []
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("fieldConflicts")
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemActivated.connect(self._open_ticket)
        self.tree.itemDoubleClicked.connect(self._open_ticket)
        self.tree.currentItemChanged.connect(lambda *_a: self._update_buttons())
        self.dismiss = QPushButton()
        self.dismiss.setObjectName("dismissConflict")
        self.dismiss.setAutoDefault(False)
        self.dismiss.clicked.connect(self.dismiss_selected)
        self.open = QPushButton()
        self.open.setObjectName("openConflictTicket")
        self.open.setAutoDefault(False)
        self.open.clicked.connect(lambda: self._open_ticket(self.tree.currentItem()))
        buttons = QHBoxLayout()
        buttons.addWidget(self.dismiss)
        buttons.addStretch(1)
        buttons.addWidget(self.open)
        lay = QVBoxLayout(self)
        lay.addWidget(self.label)
        lay.addWidget(self.tree, 1)
        lay.addLayout(buttons)
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.syncStateChanged.connect(self.refresh)  # a pull may bring new ones
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        desk = self.ctx.desk
        self.ctx.runner.run(
            lambda: list_conflicts(desk, limit=MAX_CONFLICTS),
            self._loaded,
            lambda exc: errors.report(exc, self),
            key=f"conflicts-{id(self)}",
        )

    def _loaded(self, conflicts: list[FieldConflict]) -> None:
        self.conflicts = conflicts
        self._render()

    def retranslate(self) -> None:
        self.tree.setAccessibleName(_("Concurrent edits that lost"))
        self.tree.setHeaderLabels(
            [_("Ticket"), _("Field"), _("Your value"), _("Value kept"), _("Detected")]
        )
        self.dismiss.setText(_("Mark as &seen"))
        self.open.setText(_("&Open ticket"))
        self._render()

    def _render(self) -> None:
        self.label.setText(
            _(
                "Edits made at the same time on another workstation won over these ({n}); "
                "double-click to open the ticket:"
            ).format(n=len(self.conflicts))
        )
        self.tree.clear()
        for c in self.conflicts:
            number = f"#{c.ticket_number}" if c.ticket_number is not None else "—"
            item = QTreeWidgetItem(
                [
                    number,
                    reason_text.change_label("ticket.set_field", c.field),
                    _value(c.field, c.lost_value),
                    _value(c.field, c.won_value),
                    date_time(c.detected_at),
                ]
            )
            item.setData(0, _ID, c.lost_change_id)
            item.setData(1, _ID, c.ticket_id)
            self.tree.addTopLevelItem(item)
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._update_buttons()

    def _update_buttons(self) -> None:
        has = self.tree.currentItem() is not None
        self.dismiss.setEnabled(has)
        self.open.setEnabled(has)

    def dismiss_selected(self) -> None:
        item = self.tree.currentItem()
        if item is None:
            return
        change_id = str(item.data(0, _ID))
        desk = self.ctx.desk

        def done(_result: object) -> None:
            self.changed.emit()
            self.ctx.events.syncStateChanged.emit()  # the status bar and this view reload

        self.ctx.runner.run(
            lambda: dismiss_conflict(desk, change_id), done, lambda e: errors.report(e, self)
        )

    def _open_ticket(self, item: QTreeWidgetItem | None) -> None:
        ticket_id = item.data(1, _ID) if item is not None else None
        if isinstance(ticket_id, str):
            self.ticketActivated.emit(ticket_id)
