"""The composer under the thread: reply or internal note, canned replies, status, send."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.enums import MessageKind, TicketStatus
from websight_desk.i18n import _
from websight_desk.ui.icons import icon
from websight_desk.ui.shortcuts import SHORTCUTS, native_text
from websight_desk.ui.theme import set_tone
from websight_desk.ui.ticket.labels import STATUS, tr_
from websight_desk.ui.ticket.placeholders import PlaceholderMarker

# "Send and set …": the status and its entry in the key table (`ui.shortcuts`)
SEND_THEN = {TicketStatus.PENDING: "send_pending", TicketStatus.RESOLVED: "send_solved"}


class Composer(QWidget):
    """Collects what the agent writes; the pane does the writing."""

    sendRequested = Signal()
    cannedChosen = Signal(str)  # the canned reply key
    statusChosen = Signal(str)  # a TicketStatus value
    assignRequested = Signal()
    assignOtherRequested = Signal()  # to a colleague: the pane opens the picker
    sendAndSet = Signal(str)  # send, then set this TicketStatus value
    draftStarted = Signal()  # the editor went from empty to non-empty

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("composer")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 4, 0, 0)
        lay.setSpacing(4)
        top = QHBoxLayout()
        self.reply_radio = QRadioButton()
        self.reply_radio.setObjectName("replyMode")
        self.note_radio = QRadioButton()
        self.note_radio.setObjectName("noteMode")
        self.modes = QButtonGroup(self)
        self.modes.addButton(self.reply_radio)
        self.modes.addButton(self.note_radio)
        self.reply_radio.setChecked(True)
        self.reply_radio.toggled.connect(self._mode_changed)
        self.canned = QComboBox()
        self.canned.setObjectName("cannedPicker")
        self.canned.setMinimumContentsLength(14)
        self.canned.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.canned.activated.connect(self._canned_activated)
        top.addWidget(self.reply_radio)
        top.addWidget(self.note_radio)
        top.addStretch(1)
        top.addWidget(self.canned)
        lay.addLayout(top)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("composerText")
        self.editor.setTabChangesFocus(True)
        self.editor.setMinimumHeight(70)
        self.editor.textChanged.connect(self._text_changed)
        lay.addWidget(self.editor, 1)
        self.placeholder_note = QLabel()
        self.placeholders = PlaceholderMarker(self.editor, self.placeholder_note)
        lay.addWidget(self.placeholder_note)
        bottom = QHBoxLayout()
        self.status_label = QLabel()
        self.status = QComboBox()
        self.status.setObjectName("statusCombo")
        self.status.setMinimumContentsLength(12)  # not as wide as its longest status
        self.status.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.status_label.setBuddy(self.status)
        for s in TicketStatus:
            self.status.addItem("", s.value)
        self.status.activated.connect(self._status_activated)
        self.assign = QPushButton()
        self.assign.setObjectName("assignToMe")
        self.assign.clicked.connect(self.assignRequested)
        self.assign.setIcon(icon("action_assign"))
        self.assign_other = QToolButton()
        self.assign_other.setObjectName("assignOther")
        self.assign_other.clicked.connect(self.assignOtherRequested)
        self.send = QPushButton()
        self.send.setObjectName("sendButton")
        self.send.setDefault(False)
        self.send.clicked.connect(self.sendRequested)
        self.send.setIcon(icon("action_send"))
        self.send_more = QToolButton()  # ▾: send and set pending / solved
        self.send_more.setObjectName("sendMore")
        self.send_more.setArrowType(Qt.ArrowType.DownArrow)
        self.send_more.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.send_more.setMenu(QMenu(self.send_more))
        self.send_then = {s: QAction(self) for s in SEND_THEN}
        for status, act in self.send_then.items():
            act.setObjectName(f"sendAndSet_{status.value}")
            act.triggered.connect(lambda _c=False, v=status.value: self.sendAndSet.emit(v))
            self.send_more.menu().addAction(act)
        bottom.addWidget(self.status_label)
        bottom.addWidget(self.status)
        bottom.addWidget(self.assign)
        bottom.addWidget(self.assign_other)
        bottom.addStretch(1)
        bottom.addWidget(self.send)
        bottom.addWidget(self.send_more)
        lay.addLayout(bottom)
        self._had_text = False
        self.retranslate()

    # -- state ---------------------------------------------------------------------------
    @property
    def kind(self) -> MessageKind:
        return MessageKind.NOTE if self.note_radio.isChecked() else MessageKind.OUTBOUND

    def set_kind(self, kind: MessageKind) -> None:
        (self.note_radio if kind is MessageKind.NOTE else self.reply_radio).setChecked(True)

    def text(self) -> str:
        return self.editor.toPlainText()

    def clear(self) -> None:
        self.editor.clear()

    def insert(self, text: str) -> None:
        """Put a canned reply where the cursor is (a separating blank line if needed)."""
        cursor = self.editor.textCursor()
        before = self.editor.toPlainText()[: cursor.position()]
        if before and not before.endswith("\n\n"):
            text = ("\n" if before.endswith("\n") else "\n\n") + text
        cursor.insertText(text)
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def set_status(self, status: TicketStatus) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(status.value)))

    def set_canned(self, entries: list[tuple[str, str]], suggested: int) -> None:
        """Fill the picker with (key, title); the first `suggested` are the policy's picks."""
        self.canned.clear()
        self.canned.addItem(_("Canned reply…"), "")
        for i, (key, title) in enumerate(entries):
            self.canned.addItem(("★ " if i < suggested else "") + title, key)
        if 0 < suggested < len(entries):
            self.canned.insertSeparator(suggested + 1)
        self.canned.setEnabled(bool(entries))

    def retranslate(self) -> None:
        self.reply_radio.setText(_("Reply"))
        self.reply_radio.setAccessibleName(_("Write a reply to the customer (Ctrl+R)"))
        self.note_radio.setText(_("Internal note"))
        self.note_radio.setAccessibleName(_("Write an internal note (Ctrl+Shift+N)"))
        self.canned.setAccessibleName(_("Canned replies; the policy's suggestions come first"))
        if self.canned.count():
            self.canned.setItemText(0, _("Canned reply…"))
        self.status_label.setText(_("Status"))
        self.status.setAccessibleName(_("Ticket status"))
        for i in range(self.status.count()):
            self.status.setItemText(i, tr_(STATUS, TicketStatus(self.status.itemData(i))))
        self.assign.setText(_("Assign to me"))
        self.assign.setAccessibleName(_("Assign the ticket to me (Ctrl+M)"))
        self.assign.setToolTip("Ctrl+M")
        self.assign_other.setText(_("Assign…"))
        self.assign_other.setAccessibleName(_("Assign to a colleague (Ctrl+Shift+A)"))
        self.assign_other.setToolTip(_("Assign to a colleague (Ctrl+Shift+A)"))
        self.send_more.setAccessibleName(_("Send and set the status"))
        self.send_more.setToolTip(_("Send and set the status"))
        for status, act in self.send_then.items():
            label = _("Send and set “{status}”").format(status=tr_(STATUS, status))
            act.setText(f"{label}\t{native_text(SHORTCUTS[SEND_THEN[status]].keys)}")
        self._mode_changed()

    # -- reactions -----------------------------------------------------------------------
    def _mode_changed(self) -> None:
        note = self.note_radio.isChecked()
        self.placeholders.active = not note
        self.placeholders.refresh()
        set_tone(self.editor, "note" if note else None)
        self.editor.setPlaceholderText(
            _("Internal note — only the team sees it") if note else _("Reply to the customer")
        )
        self.editor.setAccessibleName(_("Internal note text") if note else _("Reply text"))
        # The key is in the tooltip: the button stays narrow enough for a 1280 px window.
        self.send.setText(_("Add note") if note else _("Send reply"))
        self.send.setToolTip("Ctrl+Enter")
        self.send.setAccessibleName(
            (_("Add the internal note") if note else _("Send the reply")) + " (Ctrl+Enter)"
        )
        self.send_more.setVisible(not note)  # a note does not answer the customer

    def _text_changed(self) -> None:
        has = bool(self.editor.toPlainText().strip())
        if has and not self._had_text:
            self.draftStarted.emit()
        self._had_text = has

    def _canned_activated(self, index: int) -> None:
        key = self.canned.itemData(index)
        self.canned.setCurrentIndex(0)
        if isinstance(key, str) and key:
            self.cannedChosen.emit(key)

    def _status_activated(self, index: int) -> None:
        value = self.status.itemData(index)
        if isinstance(value, str):
            self.statusChosen.emit(value)


__all__ = ["Composer"]
