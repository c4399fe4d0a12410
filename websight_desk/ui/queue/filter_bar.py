"""The bar above the queue: the search box and the view picker."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from websight_desk.domain.queue_views import ViewInfo
from websight_desk.i18n import _

SEARCH_DELAY_MS = 200  # wait for a pause in typing before searching


class FilterBar(QWidget):
    """Emits `changed()` when the search text (after a short pause) or the view changes, and
    `intoResults()` when Return or Down in the search box asks for the results."""

    changed = Signal()
    intoResults = Signal()

    def __init__(self, views: list[ViewInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._views = views
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("queueSearch")
        self.view_picker = QComboBox(self)
        self.view_picker.setObjectName("queueViewPicker")
        self.count_label = QLabel(self)
        self.count_label.setObjectName("queueCount")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.search, 3)
        layout.addWidget(self.view_picker, 2)
        layout.addWidget(self.count_label)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self._return_pressed)
        self.search.installEventFilter(self)
        self.view_picker.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self._fill_views()
        self.retranslate()

    def _fill_views(self) -> None:
        current = self.view_key()
        self.view_picker.blockSignals(True)
        self.view_picker.clear()
        for v in self._views:
            self.view_picker.addItem(_(v.label), v.key)
        if current is not None:
            self.set_view(current, emit=False)
        self.view_picker.blockSignals(False)

    def view_key(self) -> str | None:
        key = self.view_picker.currentData()
        return key if isinstance(key, str) else None

    def set_view(self, key: str, *, emit: bool = True) -> bool:
        i = self.view_picker.findData(key)
        if i < 0:
            return False
        if not emit:
            self.view_picker.blockSignals(True)
        self.view_picker.setCurrentIndex(i)
        self.view_picker.blockSignals(False)
        return True

    def text(self) -> str:
        return self.search.text()

    def apply_now(self) -> None:
        """Search at once (Enter), without waiting for the typing pause."""
        self._timer.stop()
        self.changed.emit()

    def pick_view(self) -> None:
        """Ctrl+Shift+F: the view list, open; arrows and Enter choose."""
        self.view_picker.setFocus()
        self.view_picker.showPopup()

    def _return_pressed(self) -> None:
        self.apply_now()
        self.intoResults.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.search
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Down
        ):
            if self._timer.isActive():  # typed but not searched yet: search first
                self.apply_now()
            self.intoResults.emit()
            return True
        return super().eventFilter(watched, event)

    def set_count(self, text: str) -> None:
        self.count_label.setText(text)

    def retranslate(self) -> None:
        self.search.setPlaceholderText(_("Search: subject, message, ticket number…"))
        self.search.setAccessibleName(_("Search tickets"))
        self.search.setToolTip(_("Search tickets (Ctrl+F)"))
        self.view_picker.setAccessibleName(_("Queue view"))
        self.view_picker.setToolTip(_("Queue view"))
        self.count_label.setAccessibleName(_("Number of tickets"))
        self._fill_views()
