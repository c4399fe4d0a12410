"""`QueueTable`: the queue's table view — keyboard first, Enter opens the ticket."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from websight_desk.i18n import _
from websight_desk.ui.queue.cell_delegate import CellDelegate
from websight_desk.ui.queue.column_chooser import (
    MIN_WIDTH,
    ColumnChooser,
    apply_state,
    header_state,
)
from websight_desk.ui.queue.columns import INDEX
from websight_desk.ui.queue.model import TICKET_ID_ROLE, QueueModel


class QueueTable(QTableView):
    """Emits `currentTicketChanged(id | None)` as the cursor moves, `ticketActivated(id)` on
    Enter or double-click."""

    currentTicketChanged = Signal(object)
    ticketActivated = Signal(str)

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)  # Tab leaves the table: F6 cycles panes too
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setShowGrid(False)
        self.setSortingEnabled(False)
        vheader = self.verticalHeader()
        vheader.hide()
        vheader.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring
        vheader.setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.horizontalHeader()
        header.setSectionsMovable(True)
        header.setHighlightSections(False)
        header.setTextElideMode(Qt.TextElideMode.ElideRight)  # "Bayrak…", not "aretle"
        header.setMinimumSectionSize(MIN_WIDTH)
        apply_state(header, None)  # the default set; `restore_columns` brings the agent's
        self.columns = ColumnChooser(header)
        self.setItemDelegate(CellDelegate(self))
        header.setSortIndicator(INDEX["number"], Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(model.sort)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.doubleClicked.connect(self._activate)
        self.retranslate()

    def column_state(self) -> dict[str, Any]:
        """Shown columns, order and widths, for the workspace settings."""
        return header_state(self.horizontalHeader())

    def restore_columns(self, state: object) -> None:
        apply_state(self.horizontalHeader(), state)

    def queue_model(self) -> QueueModel:
        model = self.model()
        assert isinstance(model, QueueModel)
        return model

    def current_ticket_id(self) -> str | None:
        value = self.currentIndex().data(TICKET_ID_ROLE)
        return value if isinstance(value, str) else None

    def select_ticket(self, ticket_id: str) -> bool:
        """Move the cursor to this ticket's row if it is loaded."""
        row = self.queue_model().row_of(ticket_id)
        if row is None:
            return False
        self.setCurrentIndex(self.queue_model().index(row, 0))
        return True

    def select_row(self, row: int) -> None:
        model = self.queue_model()
        if 0 <= row < model.rowCount():
            self.setCurrentIndex(model.index(row, 0))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(TICKET_ID_ROLE) if current.isValid() else None
        self.currentTicketChanged.emit(value if isinstance(value, str) else None)

    def _activate(self, index: QModelIndex) -> None:
        value = index.data(TICKET_ID_ROLE)
        if isinstance(value, str):
            self.ticketActivated.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.columns.retranslate()
        self.setAccessibleName(_("Ticket queue"))
        self.setAccessibleDescription(
            _("Arrow keys move between tickets; Enter opens the selected ticket.")
        )
