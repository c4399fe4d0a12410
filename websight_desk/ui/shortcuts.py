"""Keyboard shortcuts in one table, and the overview dialog (F1 or Ctrl+/).

No Alt+letter and no Ctrl+Alt shortcuts: on Turkish keyboards AltGr (= Ctrl+Alt on Windows)
types letters such as @, € and |, and menu mnemonics would fight with it. Letters are ones
found on both the Turkish Q and F layouts and outside I/İ/ı (Ctrl+Shift+U is left to the
Linux input method's Unicode entry). `tests/unit/ui/test_keyboard.py` checks this table.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from websight_desk.i18n import N_, _


@dataclass(frozen=True)
class Shortcut:
    keys: tuple[str, ...]  # QKeySequence portable text ("Ctrl+F")
    description: str  # N_-marked msgid
    where: str = N_("Everywhere")


SHORTCUTS: dict[str, Shortcut] = {
    "search": Shortcut(
        ("Ctrl+F",), N_("Search the queue; then Enter or Down arrow goes into the results")
    ),
    "view_filter": Shortcut(("Ctrl+Shift+F",), N_("Choose the queue view")),
    "next_pane": Shortcut(("F6",), N_("Next pane")),
    "previous_pane": Shortcut(("Shift+F6",), N_("Previous pane")),
    "queue": Shortcut(("Ctrl+1",), N_("Go to the queue")),
    "ticket": Shortcut(("Ctrl+2",), N_("Go to the ticket")),
    "policy": Shortcut(("Ctrl+3",), N_("Go to the policy panel")),
    "new_ticket": Shortcut(("Ctrl+N",), N_("New ticket")),
    "refresh": Shortcut(("F5",), N_("Refresh")),
    "help": Shortcut(("F1", "Ctrl+/"), N_("Keyboard shortcuts")),
    "menu_bar": Shortcut(("F10",), N_("Open the menu bar (arrow keys move, Esc closes)")),
    "review_queue": Shortcut(("Ctrl+Shift+R",), N_("Review queue (shift leads)")),
    "quit": Shortcut(("Ctrl+Q",), N_("Quit")),
    "move": Shortcut(("Up", "Down", "PgUp", "PgDown"), N_("Move in the queue"), N_("Queue")),
    "open": Shortcut(("Return",), N_("Open the selected ticket"), N_("Queue")),
    "select": Shortcut(
        ("Shift+Up", "Shift+Down", "Ctrl+A"),
        N_("Select several tickets; then Ctrl+M, Ctrl+Shift+A and Ctrl+Shift+S act on all"),
        N_("Queue"),
    ),
    "send": Shortcut(("Ctrl+Return",), N_("Send the reply or note"), N_("Ticket")),
    "send_pending": Shortcut(
        ("Ctrl+Shift+Return",), N_("Send the reply and set “Waiting for customer”"), N_("Ticket")
    ),
    "send_solved": Shortcut(
        ("Ctrl+Shift+D",), N_("Send the reply and set “Resolved”"), N_("Ticket")
    ),
    "reply": Shortcut(("Ctrl+R",), N_("Reply"), N_("Ticket")),
    "note": Shortcut(("Ctrl+Shift+N",), N_("Internal note"), N_("Ticket")),
    "assign": Shortcut(("Ctrl+M",), N_("Assign to me"), N_("Ticket")),
    "assign_to": Shortcut(("Ctrl+Shift+A",), N_("Assign to a colleague"), N_("Ticket")),
    "status": Shortcut(("Ctrl+Shift+S",), N_("Change the status"), N_("Ticket")),
    "canned": Shortcut(
        ("Ctrl+Shift+H",), N_("Insert a canned reply (type to narrow the list)"), N_("Ticket")
    ),
    "customer": Shortcut(("Ctrl+Shift+M",), N_("Customer details"), N_("Ticket")),
    "callback": Shortcut(("Ctrl+Shift+K",), N_("Log a phone callback"), N_("Ticket")),
    "end_for_abuse": Shortcut(("Ctrl+Shift+X",), N_("End conversation for abuse"), N_("Ticket")),
}


def key_sequences(name: str) -> list[QKeySequence]:
    return [QKeySequence(k) for k in SHORTCUTS[name].keys]


# Keys named as Turkish and English keyboards label them ("Return" is the Enter key); the
# arrows in words, translated.
KEY_NAMES = {"Return": "Enter"}
ARROWS = {"Up": N_("Up arrow"), "Down": N_("Down arrow")}


def native_text(keys: tuple[str, ...]) -> str:
    """Keys as written on the keyboard: "Ctrl+Shift+Enter" (macOS: "⌘⇧↩").

    Not Qt's translated native text elsewhere: with Qt's Turkish catalogue it says
    "Kontrol+Üst Karakter+Dönüş", while Turkish keyboards are labelled Ctrl, Shift, Enter.
    """
    if sys.platform == "darwin":
        fmt = QKeySequence.SequenceFormat.NativeText
        return ", ".join(QKeySequence(k).toString(fmt) for k in keys)
    portable = (QKeySequence(k).toString(QKeySequence.SequenceFormat.PortableText) for k in keys)
    return ", ".join(
        "+".join(_(ARROWS[p]) if p in ARROWS else KEY_NAMES.get(p, p) for p in text.split("+"))
        for text in portable
    )


class ShortcutOverview(QDialog):
    """A read-only table of every shortcut; closes with Esc."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shortcutOverview")
        self.table = QTableWidget(len(SHORTCUTS), 3, self)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        rows = self.table.verticalHeader()
        rows.setDefaultSectionSize(self.fontMetrics().height() + 8)  # dense, like the queue
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(760, 600)  # every column readable, most rows without scrolling
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Keyboard shortcuts"))
        self.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setAccessibleName(_("Keyboard shortcuts"))
        self.table.setHorizontalHeaderLabels([_("Keys"), _("Action"), _("Where")])
        for row, shortcut in enumerate(SHORTCUTS.values()):
            cells = (native_text(shortcut.keys), _(shortcut.description), _(shortcut.where))
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(row, col, item)
