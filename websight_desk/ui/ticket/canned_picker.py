"""The canned-reply picker of the keyboard (Ctrl+Shift+H, "hazır yanıt"): type to narrow the
list, arrows to move, Enter to insert, Esc to close; the policy's suggestions come first."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from websight_desk.i18n import _
from websight_desk.ui.ticket.type_ahead import TypeAheadPicker, matches


class CannedPicker(TypeAheadPicker):
    """Emits `chosen(key)` with the reply picked; the policy's suggestions are starred."""

    def __init__(
        self, entries: list[tuple[str, str]], suggested: int, parent: QWidget | None = None
    ) -> None:
        marked = {key for key, _t in entries[:suggested]}
        super().__init__("canned", entries, marked, parent)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Canned replies"))
        self.setAccessibleName(_("Canned replies"))
        self.filter.setPlaceholderText(_("Type to narrow the list…"))
        self.filter.setAccessibleName(_("Filter the canned replies"))
        self.list.setAccessibleName(_("Canned replies; the policy's suggestions come first"))
        self.hint.setText(_("★ suggested by the policy · Enter inserts · Esc closes"))


__all__ = ["CannedPicker", "matches"]
