"""The yellow bar over the composer: a message arrived while the agent was writing."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from websight_desk.i18n import _
from websight_desk.ui.icons import icon


class NewMessageBar(QFrame):
    """ "Read it before sending": send anyway, or keep editing (the new messages are seen)."""

    sendAnyway = Signal()
    keepEditing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("newMessageBar")
        bar = QHBoxLayout(self)
        bar.setContentsMargins(6, 3, 6, 3)
        self.sign = QLabel()  # the warning sign as an SVG icon, not a font's ⚠
        self.sign.setPixmap(icon("flag_abuse").pixmap(16, 16))
        bar.addWidget(self.sign)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.send_anyway = QPushButton()
        self.send_anyway.setObjectName("sendAnyway")
        self.keep_editing = QPushButton()
        self.keep_editing.setObjectName("keepEditing")
        bar.addWidget(self.label, 1)
        bar.addWidget(self.send_anyway)
        bar.addWidget(self.keep_editing)
        self.send_anyway.clicked.connect(self.sendAnyway)
        self.keep_editing.clicked.connect(self.keepEditing)
        self.setVisible(False)
        self.retranslate()

    def retranslate(self) -> None:
        self.label.setText(
            _("A new message arrived while you were writing. Read it before sending.")
        )
        self.send_anyway.setText(_("Send anyway"))
        self.send_anyway.setAccessibleName(_("Send my text anyway"))
        self.keep_editing.setText(_("Keep editing"))
        self.keep_editing.setAccessibleName(_("Keep editing my text"))


__all__ = ["NewMessageBar"]
