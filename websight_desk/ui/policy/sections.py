"""Building blocks of the policy panel's sections: plain-text labels and section headings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from websight_desk.ui.theme import set_tone

_KEPT = 8  # widths remembered (a panel is laid out at one or two widths)


class WrapLabel(QLabel):
    """A QLabel that remembers its height for a width until its text or look changes.

    Qt's layouts ask a wrapped label its height several times per layout pass (the scroll
    area, the sections' box layouts, their minimum sizes), and QLabel lays the text out anew
    for each question: the policy panel is laid out again on every ticket switch."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self._heights: dict[int, int] = {}

    def heightForWidth(self, width: int) -> int:
        found = self._heights.get(width)
        if found is None:
            if len(self._heights) >= _KEPT:
                self._heights.clear()
            found = self._heights[width] = super().heightForWidth(width)
        return found

    def setText(self, text: str) -> None:
        self._heights.clear()
        super().setText(text)

    def setWordWrap(self, on: bool) -> None:
        self._heights.clear()
        super().setWordWrap(on)

    def setTextFormat(self, fmt: Qt.TextFormat) -> None:
        self._heights.clear()
        super().setTextFormat(fmt)

    def setIndent(self, indent: int) -> None:
        self._heights.clear()
        super().setIndent(indent)

    def setMargin(self, margin: int) -> None:
        self._heights.clear()
        super().setMargin(margin)

    def changeEvent(self, event: QEvent) -> None:
        self._heights.clear()  # a new font or style sheet measures differently
        super().changeEvent(event)


def plain_label(name: str, *, wrap: bool = True, selectable: bool = False) -> QLabel:
    """A plain-text label named `name` (object name only: an English identifier must not be
    read out as its accessible name; Qt uses the text)."""
    label = WrapLabel()
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def heading(name: str) -> QLabel:
    # Wrapping: a long heading ("Kanıt (vurgulamak için tıklayın)") must not widen the body
    # past the viewport, which would clip every label to the right.
    label = plain_label(name)
    set_tone(label, "heading")
    return label


def section_layout(widget: QWidget) -> QVBoxLayout:
    """The column every section lays its labels in (the panel's spacing, no margins)."""
    lay = QVBoxLayout(widget)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(3)
    return lay
