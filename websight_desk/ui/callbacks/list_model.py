"""`CallbacksModel`: the callbacks list as a table model (masked numbers, Istanbul times)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from websight_desk.domain.callbacks import CallbackView
from websight_desk.i18n import N_, _
from websight_desk.ui.callbacks.labels import label
from websight_desk.ui.callbacks.thread_entry import contact_text, notice_text
from websight_desk.ui.format import date_time

AnyIndex = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the CallbackView of a row


def _state(cb: CallbackView) -> str:
    parts = []
    if cb.anonymised_at is not None:
        parts.append(_("anonymised"))
    else:
        parts.append(_("kept until {date}").format(date=date_time(cb.destroy_after)))
    if cb.on_hold:
        parts.append("⚖ " + _("legal hold"))
    return ", ".join(parts)


def _called(cb: CallbackView) -> str:
    return contact_text(cb) if cb.anonymised_at is None else label(cb.contact_role)


# (header msgid, cell text); header msgids are translated when asked for.
COLUMNS: tuple[tuple[str, Callable[[CallbackView], str]], ...] = (
    (N_("Started"), lambda cb: date_time(cb.started_at)),
    (N_("Ticket"), lambda cb: f"#{cb.ticket_number}"),
    (N_("Agent"), lambda cb: cb.agent_name),
    (N_("Outcome"), lambda cb: label(cb.outcome)),
    (N_("Called"), _called),
    (N_("Number"), lambda cb: cb.masked_phone or "—"),
    (N_("KVKK notice"), notice_text),
    (N_("Recording"), lambda cb: label(cb.recording)),
    (N_("Retention"), _state),
)


class CallbacksModel(QAbstractTableModel):
    """Read-only rows of `CallbackView`; numbers are already masked by the service."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[CallbackView] = []

    def set_rows(self, rows: Sequence[CallbackView]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def retranslate(self) -> None:
        """Labels are made when asked for; tell the views to ask again."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self.rows:
            last = self.index(len(self.rows) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def rowCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: AnyIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        cb = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[index.column()][1](cb)
        if role == Qt.ItemDataRole.ToolTipRole and cb.notes and cb.anonymised_at is None:
            return cb.notes
        if role == ROW_ROLE:
            return cb
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _(COLUMNS[section][0])
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.rows):
            return str(section + 1)
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )
