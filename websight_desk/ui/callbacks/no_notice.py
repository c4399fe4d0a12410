""" "Reached, but no KVKK notice given: save anyway?" — and why, chosen from a short list.

No ("No, go back") is the default button and Esc; "Save without the notice" works only once
a reason is chosen. The reason is recorded as an audit event of the callback.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from websight_desk.i18n import N_, _
from websight_desk.services.callback_notice import NoNoticeWhy

WHY_LABELS = {
    NoNoticeWhy.HUNG_UP: N_("The person ended the call before the notice"),
    NoNoticeWhy.DECLINED: N_("The person did not want to hear it"),
    NoNoticeWhy.GIVEN_BEFORE: N_("It was given in an earlier call"),
    NoNoticeWhy.OTHER: N_("Another reason"),
}


class NoNoticeQuestion(QDialog):
    """Accepted = save without the notice, with `why()`; rejected = go back to the form."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("callbackNoNoticeQuestion")
        self.setWindowTitle(_("KVKK notice not given"))
        icon = QLabel()
        style = self.style()
        icon.setPixmap(
            style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(32, 32)
        )
        self.text = QLabel(
            _(
                "You reached the person, but the KVKK notice is not marked as given. "
                "Save this call without the notice?"
            )
        )
        self.text.setWordWrap(True)
        font = self.text.font()
        font.setBold(True)
        self.text.setFont(font)
        info = QLabel(
            _(
                "The law asks for the notice before anything from the call is noted. Choose No "
                "to go back, read the notice to the person and tick it."
            )
        )
        info.setWordWrap(True)
        self.reason = QComboBox()
        self.reason.setObjectName("noNoticeWhy")
        self.reason.addItem(_("Choose…"), None)
        for why, text in WHY_LABELS.items():
            self.reason.addItem(_(text), why.value)
        self.reason.currentIndexChanged.connect(lambda _i: self._update())
        form = QFormLayout()
        form.addRow(_("Why was it not given?"), self.reason)
        self.buttons = QDialogButtonBox()
        self.save = QPushButton(_("Save without the notice"))
        self.save.setObjectName("saveWithoutNotice")
        self.save.setAutoDefault(False)
        self.back = QPushButton(_("No, go back"))
        self.back.setObjectName("noNoticeGoBack")
        self.buttons.addButton(self.save, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.back, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.back.setDefault(True)
        texts = QVBoxLayout()
        texts.addWidget(self.text)
        texts.addWidget(info)
        texts.addLayout(form)
        body = QHBoxLayout()
        body.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        body.addLayout(texts, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(body)
        lay.addWidget(self.buttons)
        self._update()
        self.back.setFocus()

    def why(self) -> NoNoticeWhy | None:
        value = self.reason.currentData()
        return None if value is None else NoNoticeWhy(value)

    def _update(self) -> None:
        self.save.setEnabled(self.why() is not None)
