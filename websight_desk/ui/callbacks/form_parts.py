"""Small form parts of the callback dialog: value pickers, read-only texts, Istanbul times."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QDateTime, QTimeZone
from PySide6.QtWidgets import QComboBox, QDateTimeEdit, QTextBrowser, QWidget

from websight_desk.i18n import current_language
from websight_desk.ui.callbacks.labels import label

ISTANBUL = QTimeZone(b"Europe/Istanbul")
# As the rest of the window writes dates in each language (babel: 03.12.2026 / 03/12/2026).
PICKER_FORMAT = {"tr": "dd.MM.yyyy HH:mm", "en": "dd/MM/yyyy HH:mm"}


def enum_combo(values: list[object]) -> QComboBox:
    """A picker of enum values, each shown by its translated label."""
    combo = QComboBox()
    for value in values:
        combo.addItem(label(value), value)  # type: ignore[arg-type]
    return combo


def text_view(text: str) -> QTextBrowser:
    """A short read-only text (the notice and consent scripts read out to the person)."""
    view = QTextBrowser()
    view.setPlainText(text)
    view.setMaximumHeight(120)
    return view


class MomentEdit(QDateTimeEdit):
    """Tab leaves the picker (Qt's own walks its five fields first: ten Tabs for the start and
    end of a call); Left/Right still move between the day, month, year, hour and minute."""

    def focusNextPrevChild(self, next: bool) -> bool:
        return QWidget.focusNextPrevChild(self, next)


def time_edit(moment: datetime) -> QDateTimeEdit:
    """A date and time picker showing `moment` in Istanbul time."""
    edit = MomentEdit(QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), ISTANBUL))
    edit.setTimeZone(ISTANBUL)
    edit.setDisplayFormat(PICKER_FORMAT.get(current_language(), PICKER_FORMAT["tr"]))
    edit.setCalendarPopup(True)
    return edit


def set_moment(edit: QDateTimeEdit, moment: datetime) -> None:
    """Show `moment` (aware) in an editor made by `time_edit`."""
    edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), ISTANBUL))


def utc_of(edit: QDateTimeEdit) -> datetime:
    """The picked moment as an aware UTC datetime."""
    return datetime.fromtimestamp(edit.dateTime().toSecsSinceEpoch(), UTC)
