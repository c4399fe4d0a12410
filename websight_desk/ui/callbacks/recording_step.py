"""Step 5 of the callback dialog: recording, off by default, asked as a separate question."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGroupBox,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.callbacks import ConsentState, RecordingConsent
from websight_desk.i18n import _
from websight_desk.services.kvkk import TextVersion
from websight_desk.ui.callbacks.form_parts import text_view


class RecordingStep(QGroupBox):
    """Ask for consent (never pre-ticked), granted or refused, a reference only with consent."""

    changed = Signal()

    def __init__(self, now: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__(_("5. Recording (off unless the person consents)"), parent)
        self.now = now
        self.text: TextVersion | None = None
        self.asked_at: datetime | None = None
        lay = QVBoxLayout(self)
        self.ask_consent = QCheckBox(_("Ask for consent to record (separate question)"))
        self.ask_consent.toggled.connect(self._toggled)
        self.consent_view = text_view("…")
        self.granted = QRadioButton(_("Consent granted"))
        self.refused = QRadioButton(_("Consent refused — carry on without recording"))
        self.consent_group = QButtonGroup(self)
        for button in (self.granted, self.refused):
            self.consent_group.addButton(button)
            button.toggled.connect(self.changed)
        self.recording_ref = QLineEdit()
        self.recording_ref.setPlaceholderText(_("Recording reference (only with consent)"))
        for widget in (self.ask_consent, self.consent_view, self.granted, self.refused):
            lay.addWidget(widget)
        lay.addWidget(self.recording_ref)

    def set_text(self, text: TextVersion) -> None:
        self.text = text
        self.consent_view.setPlainText(text.body)

    def _toggled(self, asked: bool) -> None:
        self.asked_at = self.now() if asked else None
        if not asked:
            self.consent_group.setExclusive(False)
            self.granted.setChecked(False)
            self.refused.setChecked(False)
            self.consent_group.setExclusive(True)
        self.changed.emit()

    def sync(self, notice_given: bool) -> None:
        """Consent may be asked only after the notice; a reference only once granted."""
        self.ask_consent.setEnabled(notice_given)
        asked = self.ask_consent.isChecked()
        for widget in (self.consent_view, self.granted, self.refused, self.recording_ref):
            widget.setVisible(asked)
        self.recording_ref.setEnabled(asked and self.granted.isChecked())
        if not self.granted.isChecked():
            self.recording_ref.clear()

    def unanswered(self) -> bool:
        return self.ask_consent.isChecked() and self.consent_group.checkedButton() is None

    def consent(self) -> RecordingConsent:
        """What the form says about recording (not asked unless asked and answered)."""
        if self.text is None or self.unanswered() or not self.ask_consent.isChecked():
            return RecordingConsent()
        granted = self.granted.isChecked()
        return RecordingConsent(
            ConsentState.GRANTED if granted else ConsentState.REFUSED,
            self.asked_at,
            "verbal",
            self.text.version,
            self.text.lang,
            (self.recording_ref.text().strip() or None) if granted else None,
        )
