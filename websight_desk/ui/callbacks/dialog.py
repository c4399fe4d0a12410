"""The callback dialog: walks the call in KVKK's order and hands a `LogCallback` to the service.

1 who and which number · 2 the notice script (notes stay disabled until it is confirmed as
given) · 3 identity · 4 legal basis · 5 recording, off by default, a separate consent step ·
6 outcome · 7 short notes · 8 start and end. Every rule is checked again by the service; a
refusal is shown in the dialog and nothing is saved half-way.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.callbacks import (
    CallReason,
    ConsentState,
    IdentityMethod,
    LogCallback,
    NoticeGiven,
    NoticeMethod,
    Outcome,
    RecordingConsent,
    TextKind,
    legal_basis_for,
)
from websight_desk.domain.errors import EnvironmentProblem
from websight_desk.i18n import _, current_language
from websight_desk.services.callback_views import ProfileNumber, profile_numbers
from websight_desk.services.callbacks import log_callback
from websight_desk.services.kvkk import TextVersion, company_settings, current_text
from websight_desk.ui.callbacks.form_parts import enum_combo, text_view, time_edit, utc_of
from websight_desk.ui.callbacks.labels import label
from websight_desk.ui.callbacks.number_picker import NumberPicker
from websight_desk.ui.context import UiContext


class CallbackDialog(QDialog):
    """Log one phone callback of a ticket. Emits `saved(callback_id)` once it is stored."""

    saved = Signal(str)

    def __init__(self, ctx: UiContext, ticket_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ticket_id = ticket_id
        self.cfg = company_settings(ctx.desk)
        lang = current_language()
        with ctx.desk.db.read() as conn:
            numbers = profile_numbers(conn, ticket_id)
            self.notice_text: TextVersion = current_text(conn, TextKind.NOTICE, lang)
            self.consent_text = current_text(conn, TextKind.RECORDING_CONSENT, lang)
        self.notice_given_at: datetime | None = None
        self.consent_asked_at: datetime | None = None
        self.setWindowTitle(_("Phone callback"))
        grid = QGridLayout()
        grid.addWidget(self._who(numbers), 0, 0)
        grid.addWidget(self._notice(), 1, 0)
        grid.addWidget(self._identity(), 2, 0)
        grid.addWidget(self._recording(), 0, 1)
        grid.addWidget(self._outcome(), 1, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.error = QLabel()
        self.error.setObjectName("callbackError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020; font-weight: bold;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setText(_("Save callback"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._sync_state()

    # --- the steps -------------------------------------------------------------------

    def _who(self, numbers: list[ProfileNumber]) -> QGroupBox:
        box = QGroupBox(_("1. Who is called"))
        lay = QVBoxLayout(box)
        self.picker = NumberPicker(self.ctx, numbers, box)
        self.picker.changed.connect(self._sync_state)
        self.picker.problem.connect(self.show_problem)
        self.reason = enum_combo(list(CallReason))
        form = QFormLayout()
        form.addRow(_("Reason:"), self.reason)
        lay.addWidget(self.picker)
        lay.addLayout(form)
        return box

    def _notice(self) -> QGroupBox:
        box = QGroupBox(_("2. KVKK notice (version {v})").format(v=self.notice_text.version))
        lay = QVBoxLayout(box)
        lay.addWidget(text_view(self.notice_text.body))
        self.notice_method = enum_combo(list(NoticeMethod))
        self.notice_given = QCheckBox(_("I gave this notice to the person"))
        self.notice_given.toggled.connect(self._notice_toggled)
        row = QHBoxLayout()
        row.addWidget(self.notice_method, 1)
        row.addWidget(self.notice_given)
        lay.addLayout(row)
        return box

    def _identity(self) -> QGroupBox:
        box = QGroupBox(_("3. Identity and 4. legal basis"))
        form = QFormLayout(box)
        self.identity = QCheckBox(_("Identity verified"))
        self.identity_method = enum_combo(list(IdentityMethod))
        self.identity.toggled.connect(self._sync_state)
        row = QHBoxLayout()
        row.addWidget(self.identity)
        row.addWidget(self.identity_method, 1)
        form.addRow(row)
        self.basis = QLabel()
        self.basis.setWordWrap(True)
        form.addRow(_("Legal basis:"), self.basis)
        return box

    def _recording(self) -> QGroupBox:
        box = QGroupBox(_("5. Recording (off unless the person consents)"))
        lay = QVBoxLayout(box)
        self.ask_consent = QCheckBox(_("Ask for consent to record (separate question)"))
        self.ask_consent.toggled.connect(self._consent_toggled)
        self.consent_view = text_view(self.consent_text.body)
        self.granted = QRadioButton(_("Consent granted"))
        self.refused = QRadioButton(_("Consent refused — carry on without recording"))
        self.consent_group = QButtonGroup(self)
        for button in (self.granted, self.refused):
            self.consent_group.addButton(button)
            button.toggled.connect(self._sync_state)
        self.recording_ref = QLineEdit()
        self.recording_ref.setPlaceholderText(_("Recording reference (only with consent)"))
        for widget in (self.ask_consent, self.consent_view, self.granted, self.refused):
            lay.addWidget(widget)
        lay.addWidget(self.recording_ref)
        return box

    def _outcome(self) -> QGroupBox:
        box = QGroupBox(_("6. Outcome, 7. notes and 8. time"))
        form = QFormLayout(box)
        self.outcome = enum_combo(list(Outcome))
        form.addRow(_("Outcome:"), self.outcome)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(_("Short notes — only after the notice was given"))
        self.notes.setMaximumHeight(90)
        self.notes.textChanged.connect(self._count_notes)
        self.notes_count = QLabel()
        self.notes_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(_("Notes:"), self.notes)
        form.addRow("", self.notes_count)
        now = self.ctx.now().replace(second=0, microsecond=0)
        self.started = time_edit(now - timedelta(minutes=5))
        self.ended = time_edit(now)
        form.addRow(_("Started:"), self.started)
        form.addRow(_("Ended:"), self.ended)
        self._count_notes()
        return box

    # --- state -----------------------------------------------------------------------

    def _notice_toggled(self, given: bool) -> None:
        self.notice_given_at = self.ctx.now() if given else None
        self._sync_state()

    def _consent_toggled(self, asked: bool) -> None:
        self.consent_asked_at = self.ctx.now() if asked else None
        if not asked:
            self.consent_group.setExclusive(False)
            self.granted.setChecked(False)
            self.refused.setChecked(False)
            self.consent_group.setExclusive(True)
        self._sync_state()

    def _sync_state(self) -> None:
        given = self.notice_given.isChecked() if hasattr(self, "notice_given") else False
        if not hasattr(self, "recording_ref"):
            return
        self.notes.setEnabled(given)
        self.notice_method.setEnabled(not given)
        self.ask_consent.setEnabled(given)
        asked = self.ask_consent.isChecked()
        for widget in (self.consent_view, self.granted, self.refused):
            widget.setVisible(asked)
        self.recording_ref.setVisible(asked)
        self.recording_ref.setEnabled(asked and self.granted.isChecked())
        if not self.granted.isChecked():
            self.recording_ref.clear()
        self.identity_method.setEnabled(self.identity.isChecked())
        self.basis.setText(label(legal_basis_for(self.picker.contact_role())))

    def _count_notes(self) -> None:
        n = len(self.notes.toPlainText())
        self.notes_count.setText(f"{n} / {self.cfg.notes_limit}")
        over = n > self.cfg.notes_limit
        self.notes_count.setStyleSheet("color: #b00020;" if over else "")

    def show_problem(self, message: str) -> None:
        self.error.setText(message)

    # --- saving ----------------------------------------------------------------------

    def command(self) -> LogCallback:
        """The frozen command for what the form says now."""
        notice = None
        if self.notice_given.isChecked() and self.notice_given_at is not None:
            notice = NoticeGiven(
                self.notice_text.version,
                self.notice_text.lang,
                NoticeMethod(self.notice_method.currentData()),
                self.notice_given_at,
            )
        recording = RecordingConsent()
        if self.ask_consent.isChecked() and (self.granted.isChecked() or self.refused.isChecked()):
            granted = self.granted.isChecked()
            recording = RecordingConsent(
                ConsentState.GRANTED if granted else ConsentState.REFUSED,
                self.consent_asked_at,
                "verbal",
                self.consent_text.version,
                self.consent_text.lang,
                (self.recording_ref.text().strip() or None) if granted else None,
            )
        return LogCallback(
            ticket_id=self.ticket_id,
            contact_id=self.picker.contact_id(),
            contact_name=self.picker.name.text().strip() or None,
            contact_role=self.picker.contact_role(),
            phone=self.picker.phone(),
            phone_source=self.picker.source(),
            reason=CallReason(self.reason.currentData()),
            outcome=Outcome(self.outcome.currentData()),
            started_at=utc_of(self.started),
            ended_at=utc_of(self.ended),
            identity_verified=self.identity.isChecked(),
            identity_method=(
                IdentityMethod(self.identity_method.currentData())
                if self.identity.isChecked()
                else None
            ),
            notice=notice,
            recording=recording,
            notes=self.notes.toPlainText() if self.notes.isEnabled() else "",
        )

    def submit(self) -> None:
        """Validate in the dialog where cheap, then hand the command to the service."""
        if self.picker.source().value == "verified_new" and not self.picker.verified.isChecked():
            self.show_problem(_("Confirm the new number with the customer before calling it."))
            return
        if self.ask_consent.isChecked() and self.consent_group.checkedButton() is None:
            self.show_problem(_("Mark whether the person granted or refused the recording."))
            return
        cmd = self.command()
        desk, cfg = self.ctx.desk, self.cfg
        self.buttons.setEnabled(False)

        def work() -> str:
            with desk.writer() as w:
                return log_callback(w, cmd, cfg)

        self.ctx.runner.run(work, self._saved, self._failed)

    def _saved(self, callback_id: str) -> None:
        self.buttons.setEnabled(True)
        self.error.clear()
        self.saved.emit(callback_id)
        self.ctx.tickets_changed([self.ticket_id])
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if not isinstance(exc, EnvironmentProblem):
            raise exc
        self.show_problem(exc.message)
