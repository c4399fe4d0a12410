"""The callback dialog: walks the call in KVKK's order and hands a `LogCallback` to the service.

1 who and which number · 2 the notice script (notes stay disabled until it is confirmed as
given) · 3 identity · 4 legal basis · 5 recording, off by default, a separate consent step ·
6 outcome · 7 short notes · 8 start and end. Every rule is checked again by the service; a
refusal is shown in the dialog and nothing is saved half-way. The settings, numbers and texts
are read in the runner (`form_load`); Save waits for them. "Reached" without the notice asks
first (default No); the start proposed is never before the ticket's first message.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.callbacks import (
    CallReason,
    IdentityMethod,
    LogCallback,
    NoticeGiven,
    NoticeMethod,
    Outcome,
    legal_basis_for,
)
from websight_desk.domain.company import CompanySettings
from websight_desk.domain.errors import EnvironmentProblem
from websight_desk.i18n import _, current_language
from websight_desk.services.callback_notice import NoNoticeWhy
from websight_desk.services.kvkk import TextVersion
from websight_desk.ui import errors
from websight_desk.ui.callbacks import form_load
from websight_desk.ui.callbacks.form_parts import (
    enum_combo,
    set_moment,
    text_view,
    time_edit,
    utc_of,
)
from websight_desk.ui.callbacks.labels import label
from websight_desk.ui.callbacks.no_notice import NoNoticeQuestion
from websight_desk.ui.callbacks.number_picker import NumberPicker
from websight_desk.ui.callbacks.recording_step import RecordingStep
from websight_desk.ui.context import UiContext
from websight_desk.ui.theme import set_tone


class CallbackDialog(QDialog):
    """Log one phone callback of a ticket. Emits `saved(callback_id)` once it is stored."""

    saved = Signal(str)

    def __init__(self, ctx: UiContext, ticket_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.ticket_id = ticket_id
        self.cfg: CompanySettings | None = None  # these two arrive from the runner
        self.notice_text: TextVersion | None = None
        self.notice_given_at: datetime | None = None
        self.question: NoNoticeQuestion | None = None  # "reached without the notice?"
        self.setWindowTitle(_("Phone callback"))
        grid = QGridLayout()
        grid.addWidget(self._who(), 0, 0)
        grid.addWidget(self._notice(), 1, 0)
        grid.addWidget(self._identity(), 2, 0)
        grid.addWidget(self._recording(), 0, 1)
        grid.addWidget(self._outcome(), 1, 1, 2, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        self.error = QLabel()
        self.error.setObjectName("callbackError")
        self.error.setWordWrap(True)
        set_tone(self.error, "error")
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
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        job = form_load.load_job(ctx.desk, ticket_id, current_language())
        ctx.runner.run(job, self._loaded, lambda exc: errors.report(exc, self))

    def _loaded(self, form: form_load.CallbackForm) -> None:
        """Fill what was read in the background; Save works from now on."""
        self.cfg = form.settings
        self.notice_text = form.notice_text
        self.notice_box.setTitle(
            _("2. KVKK notice (version {v})").format(v=form.notice_text.version)
        )
        self.notice_view.setPlainText(form.notice_text.body)
        self.recording.set_text(form.consent_text)
        start, end = form_load.default_times(self.ctx.now(), form.ticket_began_at)
        set_moment(self.started, start)
        set_moment(self.ended, end)
        self.picker.set_numbers(form.numbers)
        self._count_notes()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)

    def _who(self) -> QGroupBox:
        box = QGroupBox(_("1. Who is called"))
        lay = QVBoxLayout(box)
        self.picker = NumberPicker(self.ctx, box)
        self.picker.changed.connect(self._sync_state)
        self.picker.problem.connect(self.show_problem)
        self.reason = enum_combo(list(CallReason))
        form = QFormLayout()
        form.addRow(_("Reason:"), self.reason)
        lay.addWidget(self.picker)
        lay.addLayout(form)
        return box

    def _notice(self) -> QGroupBox:
        box = self.notice_box = QGroupBox(_("2. KVKK notice"))
        lay = QVBoxLayout(box)
        self.notice_view = text_view("…")
        lay.addWidget(self.notice_view)
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
        step = self.recording = RecordingStep(self.ctx.now, self)
        step.changed.connect(self._sync_state)
        self.ask_consent, self.consent_view = step.ask_consent, step.consent_view
        self.granted, self.refused = step.granted, step.refused
        self.consent_group, self.recording_ref = step.consent_group, step.recording_ref
        return step

    def _outcome(self) -> QGroupBox:
        box = QGroupBox(_("6. Outcome, 7. notes and 8. time"))
        form = QFormLayout(box)
        self.outcome = enum_combo(list(Outcome))
        form.addRow(_("Outcome:"), self.outcome)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText(_("Short notes — only after the notice was given"))
        self.notes.setMaximumHeight(90)
        self.notes.setTabChangesFocus(True)  # Tab goes on to the times: no keyboard trap
        self.notes.textChanged.connect(self._count_notes)
        self.notes_count = QLabel()
        self.notes_count.setAlignment(Qt.AlignmentFlag.AlignRight)
        form.addRow(_("Notes:"), self.notes)
        form.addRow("", self.notes_count)
        start, end = form_load.default_times(
            self.ctx.now(), None
        )  # until the ticket's start is read
        self.started = time_edit(start)
        self.ended = time_edit(end)
        form.addRow(_("Started:"), self.started)
        form.addRow(_("Ended:"), self.ended)
        self._count_notes()
        return box

    def _notice_toggled(self, given: bool) -> None:
        self.notice_given_at = self.ctx.now() if given else None
        self._sync_state()

    def _sync_state(self) -> None:
        given = self.notice_given.isChecked() if hasattr(self, "notice_given") else False
        if not hasattr(self, "recording_ref"):
            return
        self.notes.setEnabled(given)
        self.notice_method.setEnabled(not given)
        self.recording.sync(given)
        self.identity_method.setEnabled(self.identity.isChecked())
        self.basis.setText(label(legal_basis_for(self.picker.contact_role())))

    def _count_notes(self) -> None:
        n = len(self.notes.toPlainText())
        limit = self.cfg.notes_limit if self.cfg is not None else None
        self.notes_count.setText(f"{n} / {limit if limit is not None else '…'}")
        over = limit is not None and n > limit
        set_tone(self.notes_count, "error" if over else None)

    def show_problem(self, message: str) -> None:
        self.error.setText(message)

    # --- saving ----------------------------------------------------------------------

    def command(self) -> LogCallback:
        """The frozen command for what the form says now."""
        assert self.notice_text is not None  # Save waits for the texts
        notice = None
        if self.notice_given.isChecked() and self.notice_given_at is not None:
            notice = NoticeGiven(
                self.notice_text.version,
                self.notice_text.lang,
                NoticeMethod(self.notice_method.currentData()),
                self.notice_given_at,
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
            recording=self.recording.consent(),
            notes=self.notes.toPlainText() if self.notes.isEnabled() else "",
        )

    def submit(self) -> None:
        """Validate in the dialog where cheap, ask before "reached" without the notice, then
        hand the command to the service."""
        if self.cfg is None:
            return  # still reading; Save is disabled until then
        if self.picker.source().value == "verified_new" and not self.picker.verified.isChecked():
            self.show_problem(_("Confirm the new number with the customer before calling it."))
            return
        if self.recording.unanswered():
            self.show_problem(_("Mark whether the person granted or refused the recording."))
            return
        if self.outcome.currentData() == Outcome.REACHED and not self.notice_given.isChecked():
            box = self.question = NoNoticeQuestion(self)  # default No; Yes saves, with why
            box.finished.connect(lambda _r: self._answered(box))
            box.open()
            return
        self._save(None)

    def _answered(self, box: NoNoticeQuestion) -> None:
        self.question = None
        box.deleteLater()
        if box.result() == QDialog.DialogCode.Accepted and box.why() is not None:
            self._save(box.why())
        else:
            self.notice_given.setFocus()

    def _save(self, no_notice: NoNoticeWhy | None) -> None:
        assert self.cfg is not None
        job = form_load.save_job(self.ctx.desk, self.command(), self.cfg, no_notice)
        self.buttons.setEnabled(False)
        self.ctx.runner.run(job, self._saved, self._failed)

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
