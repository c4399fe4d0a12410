"""A small list to type into: the typed words narrow it, arrows move, Enter chooses, Esc
closes. Used for canned replies (Ctrl+Shift+H) and colleagues to assign to (Ctrl+Shift+A).

Typing is matched Turkish-aware and without accents ("eposta" finds "E-posta kurulum
makalesi", "sifre" finds "Şifre"), on every word of the title in any order.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.turkish import WORD_PATTERN, fold
from websight_desk.ui.theme import set_tone

KEY_ROLE = Qt.ItemDataRole.UserRole
_MOVE_KEYS = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)


def matches(title: str, typed: str) -> bool:
    """Every typed word is the start of a word of the title (folded: case, Turkish letters,
    accents and punctuation do not matter)."""
    folded = fold(title)
    words = WORD_PATTERN.findall(folded) + [w.replace("-", "") for w in folded.split()]
    return all(any(w.startswith(t) for w in words) for t in fold(typed).split())


class TypeAheadPicker(QDialog):
    """Emits `chosen(key)` with the entry picked; `marked` entries get a star."""

    chosen = Signal(str)

    def __init__(
        self,
        name: str,
        entries: list[tuple[str, str]],
        marked: set[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}PickerDialog")
        self._entries = entries
        self._suggested = marked
        self.filter = QLineEdit(self)
        self.filter.setObjectName(f"{name}Filter")
        self.list = QListWidget(self)
        self.list.setObjectName(f"{name}List")
        self.hint = QLabel(self)
        self.hint.setObjectName(f"{name}Hint")
        set_tone(self.hint, "muted")
        lay = QVBoxLayout(self)
        lay.addWidget(self.filter)
        lay.addWidget(self.list, 1)
        lay.addWidget(self.hint)
        self.filter.textChanged.connect(self._narrow)
        self.filter.returnPressed.connect(self.accept_current)
        self.filter.installEventFilter(self)
        self.list.itemActivated.connect(lambda _item: self.accept_current())
        self.resize(460, 380)
        self.retranslate()
        self._narrow("")

    def keys(self) -> list[str]:
        """The keys listed now, in order."""
        return [str(self.list.item(i).data(KEY_ROLE)) for i in range(self.list.count())]

    def accept_current(self) -> None:
        if self.list.currentRow() < 0:
            return
        item = self.list.currentItem()
        self.accept()
        self.chosen.emit(str(item.data(KEY_ROLE)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Up/Down/PgUp/PgDown in the filter move in the list, so the hands stay on the keys.
        if (
            watched is self.filter
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _MOVE_KEYS
        ):
            self.list.keyPressEvent(event)
            return True
        return super().eventFilter(watched, event)

    def _narrow(self, typed: str) -> None:
        self.list.clear()
        for key, title in self._entries:
            if matches(title, typed):
                star = "★ " if key in self._suggested else ""
                item = QListWidgetItem(star + title)
                item.setData(KEY_ROLE, key)
                self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def retranslate(self) -> None:
        """Titles and names: the subclass's."""


__all__ = ["KEY_ROLE", "TypeAheadPicker", "matches"]
