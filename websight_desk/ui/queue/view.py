"""`QueueTable`: the queue's table view — keyboard first, Enter opens the ticket.

Several tickets are selected with Shift/Ctrl and a click, Shift+Up/Down or Ctrl+A; while
more than one is selected, the ticket keys for assigning and the status (Ctrl+M,
Ctrl+Shift+A, Ctrl+Shift+S) act on the selection (`bulkKey`), and Esc keeps only the
current ticket."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QModelIndex, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QResizeEvent
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
from websight_desk.ui.shortcuts import key_sequences

# Ticket keys that act on the selection while several tickets are selected.
BULK_KEYS = ("assign", "assign_to", "status")

SUBJECT = INDEX["subject"]
SUBJECT_FLOOR = 60  # px: the subject shrinks to this before the queue scrolls sideways


class QueueTable(QTableView):
    """Emits `currentTicketChanged(id | None)` as the cursor moves, `ticketActivated(id)` on
    Enter or double-click."""

    currentTicketChanged = Signal(object)
    ticketActivated = Signal(str)
    selectionCountChanged = Signal(int)  # how many tickets are selected
    bulkKey = Signal(str)  # a `BULK_KEYS` name pressed while several tickets are selected
    bulkMenuRequested = Signal(object)  # QPoint (global): the context menu of the selection

    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("queueTable")
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
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
        # Icons only in these two columns: the others keep Qt's own delegate (no Python per
        # cell painted — a switch to a row out of sight repaints the whole table).
        self._icons = CellDelegate(self)
        for key in ("flags", "verdict"):
            self.setItemDelegateForColumn(INDEX[key], self._icons)
        header.setSortIndicator(INDEX["number"], Qt.SortOrder.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        header.sortIndicatorChanged.connect(model.sort)
        self.selectionModel().currentRowChanged.connect(self._current_changed)
        self.selectionModel().selectionChanged.connect(self._selection_changed)
        model.modelReset.connect(lambda: self.selectionCountChanged.emit(0))
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
        room = self.viewport().width() - others
        # Shown, the subject takes the room the other columns leave, wider or narrower than
        # the agent's own width: the last column is never pushed out of sight (a 1280 px
        # window, a narrow pane). A table not shown yet has no real width to fit.
        floor = SUBJECT_FLOOR if self.isVisible() else self._subject_base
        want = max(floor, room)
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

    def selected_ticket_ids(self) -> list[str]:
        """The selected tickets in queue order (the current one when nothing is selected)."""
        rows = sorted(i.row() for i in self.selectionModel().selectedRows())
        model = self.queue_model()
        ids = [r.ticket_id for r in (model.ticket_at(row) for row in rows) if r is not None]
        if not ids and (current := self.current_ticket_id()) is not None:
            ids = [current]
        return ids

    def select_tickets(self, ticket_ids: list[str]) -> None:
        """Select these tickets (those loaded), keeping the current one."""
        model = self.queue_model()
        selection = QItemSelection()
        for ticket_id in ticket_ids:
            row = model.row_of(ticket_id)
            if row is not None:
                last = model.index(row, model.columnCount() - 1)
                selection.select(model.index(row, 0), last)
        self.selectionModel().select(selection, self.selectionModel().SelectionFlag.ClearAndSelect)

    def _selection_changed(self, *_args: QItemSelection) -> None:
        self.selectionCountChanged.emit(len(self.selectionModel().selectedRows()))

    def _bulk_key(self, event: QKeyEvent) -> str | None:
        if len(self.selectionModel().selectedRows()) < 2:
            return None
        pressed = QKeySequence(event.keyCombination())
        for name in BULK_KEYS:
            if any(
                pressed.matches(k) == QKeySequence.SequenceMatch.ExactMatch
                for k in key_sequences(name)
            ):
                return name
        return None

    def event(self, event: QEvent) -> bool:
        # The ticket pane's window-wide keys would act on the shown ticket only: while several
        # are selected here, take those keys as ordinary key presses instead.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and self._bulk_key(event) is not None
        ):
            event.accept()
            return True
        return super().event(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if self.selected_ticket_ids():
            self.bulkMenuRequested.emit(event.globalPos())
            event.accept()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        value = current.data(TICKET_ID_ROLE) if current.isValid() else None
        self.currentTicketChanged.emit(value if isinstance(value, str) else None)

    def _activate(self, index: QModelIndex) -> None:
        value = index.data(TICKET_ID_ROLE)
        if isinstance(value, str):
            self.ticketActivated.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        bulk = self._bulk_key(event)
        if bulk is not None:
            self.bulkKey.emit(bulk)
            event.accept()
            return
        if (
            event.key() == Qt.Key.Key_Escape
            and len(self.selectionModel().selectedRows()) > 1
            and self.currentIndex().isValid()
        ):
            self.setCurrentIndex(self.currentIndex())  # only the current ticket stays selected
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._activate(self.currentIndex())
            event.accept()
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.columns.retranslate()
        self.setAccessibleName(_("Ticket queue"))
        self.setAccessibleDescription(
            _(
                "Arrow keys move between tickets; Enter opens the selected ticket; "
                "Shift+arrows or Ctrl+A select several."
            )
        )
