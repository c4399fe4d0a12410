"""`QueueTable`: the queue's table view — keyboard first, Enter opens the ticket."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent, QResizeEvent
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

SUBJECT = INDEX["subject"]


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
        # The subject takes the room a wide window leaves; never less than the agent's width.
        self._subject_base = header.sectionSize(SUBJECT)
        self._fitting = False
        header.sectionResized.connect(self._section_resized)
        self.columns.changed.connect(self._fit_subject)
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
        state = header_state(self.horizontalHeader())
        if "subject" in state["widths"]:
            state["widths"]["subject"] = self._subject_base  # not the room it was given
        return state

    def restore_columns(self, state: object) -> None:
        header = self.horizontalHeader()
        self._fitting = True
        apply_state(header, state)
        self._fitting = False
        self._subject_base = header.sectionSize(SUBJECT)
        self._fit_subject()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_subject()

    def _section_resized(self, logical: int, _old: int, new: int) -> None:
        if self._fitting:
            return
        if logical == SUBJECT:
            self._subject_base = new
        else:
            self._fit_subject()

    def _fit_subject(self) -> None:
        header = self.horizontalHeader()
        others = sum(
            header.sectionSize(i)
            for i in range(header.count())
            if i != SUBJECT and not header.isSectionHidden(i)
        )
        want = max(self._subject_base, self.viewport().width() - others)
        if want != header.sectionSize(SUBJECT):
            self._fitting = True
            header.resizeSection(SUBJECT, want)
            self._fitting = False

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
