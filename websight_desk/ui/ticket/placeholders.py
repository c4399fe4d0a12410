"""Placeholders left in the composer (`{email_address}`): marked in the text, named under it.

A reply that still holds one is not sent (`ReplyBox.send` asks `missing()`); the agent is
taken to the first one, selected, so typing replaces it. Notes may keep them (only the team
reads notes).
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTextEdit

from websight_desk.i18n import _
from websight_desk.services.canned_fill import Unfilled, unfilled
from websight_desk.ui.theme import set_tone

MARK_BACKGROUND = "#ffd7d5"  # light red: also reads as "marked" without colour (underlined)
MARK_FOREGROUND = "#8a1c12"


class PlaceholderMarker(QObject):
    """Marks the placeholders of `editor` and says which are left in `note`."""

    def __init__(self, editor: QPlainTextEdit, note: QLabel) -> None:
        super().__init__(editor)
        self.editor, self.note = editor, note
        self.active = True  # False for internal notes: shown, but not a blocker
        self._fmt = QTextCharFormat()
        self._fmt.setBackground(QColor(MARK_BACKGROUND))
        self._fmt.setForeground(QColor(MARK_FOREGROUND))
        self._fmt.setFontUnderline(True)
        self._fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        self.note.setObjectName("placeholderNote")
        self.note.setWordWrap(True)
        set_tone(self.note, "error")
        self.note.setVisible(False)
        editor.textChanged.connect(self.refresh)

    def missing(self) -> tuple[Unfilled, ...]:
        return unfilled(self.editor.toPlainText())

    def refresh(self) -> None:
        found = self.missing()
        selections = []
        for item in found:
            sel = QTextEdit.ExtraSelection()
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(item.start)
            cursor.setPosition(item.end, QTextCursor.MoveMode.KeepAnchor)
            sel.cursor = cursor
            sel.format = self._fmt
            selections.append(sel)
        self.editor.setExtraSelections(selections)
        self.note.setVisible(bool(found) and self.active)
        if found:
            self.note.setText(self.message(found))

    def message(self, found: tuple[Unfilled, ...]) -> str:
        names = ", ".join(dict.fromkeys("{" + f.name + "}" for f in found))
        return _(
            "Fill in the marked values before sending: {names}. Ctrl+Enter selects the next one."
        ).format(names=names)

    def select_first(self) -> bool:
        """Select the first placeholder after the cursor (else the first one); False: none."""
        found = self.missing()
        if not found:
            return False
        here = self.editor.textCursor().selectionEnd()
        item = next((f for f in found if f.start >= here), found[0])
        cursor = self.editor.textCursor()
        cursor.setPosition(item.start)
        cursor.setPosition(item.end, QTextCursor.MoveMode.KeepAnchor)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()
        return True

    def retranslate(self) -> None:
        self.refresh()


__all__ = ["PlaceholderMarker"]
