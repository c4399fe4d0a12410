"""Building blocks of the policy panel's sections: plain-text labels and section headings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from websight_desk.ui.theme import set_tone


def plain_label(name: str, *, wrap: bool = True, selectable: bool = False) -> QLabel:
    """A plain-text label named `name` (object name only: an English identifier must not be
    read out as its accessible name; Qt uses the text)."""
    label = QLabel()
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
