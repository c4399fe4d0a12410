""" "End conversation for abuse": evidence (prefilled from the detector), category, note, confirm.

The dialog only collects input and builds a frozen `TerminateConversation`; the service
writes it through the context's runner. `terminated(str)` carries the new termination id.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.abuse import RETENTION_CLASS, AbuseCategory, AbuseChannel
from websight_desk.i18n import N_, _
from websight_desk.services import abuse
from websight_desk.services.abuse_evidence import EMPTY, EvidencePrefill
from websight_desk.services.kvkk_settings import company_settings
from websight_desk.ui import errors
from websight_desk.ui.context import UiContext

CATEGORY_LABELS = {
    AbuseCategory.INSULT: N_("Insult"),
    AbuseCategory.PROFANITY: N_("Profanity"),
    AbuseCategory.THREAT: N_("Threat"),
    AbuseCategory.HARASSMENT: N_("Harassment"),
}


class TerminateDialog(QDialog):
    terminated = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget | None = None,
        *,
        channel: AbuseChannel = AbuseChannel.TICKET,
        ticket_id: str | None = None,
        customer_id: str | None = None,
        call_id: str | None = None,
        prefill: EvidencePrefill = EMPTY,
    ) -> None:
        super().__init__(parent)
        self.ctx, self.channel, self.prefill = ctx, channel, prefill
        self.ticket_id, self.customer_id, self.call_id = ticket_id, customer_id, call_id
        self.setObjectName("terminateDialog")
        self.setMinimumWidth(520)
        self._build()
        self._update()

    def _build(self) -> None:
        phone = self.channel is AbuseChannel.PHONE
        self.setWindowTitle(_("End conversation for abuse"))
        self.intro = QLabel(
            _("The agent's account of the call is the evidence. Write what was said.")
            if phone
            else _("The detector's flagged message is the evidence; edit it if needed.")
            if self.prefill.detector_suggested
            else _("Quote the abusive words from the customer's message as evidence.")
        )
        self.intro.setWordWrap(True)
        self.category = QComboBox()
        self.category.setObjectName("category")
        for value, label in CATEGORY_LABELS.items():
            self.category.addItem(_(label), value.value)
        self.evidence = QPlainTextEdit(self.prefill.excerpt)
        self.evidence.setObjectName("evidence")
        self.evidence.setPlaceholderText(
            _("What the customer said, in their words") if phone else _("Flagged text")
        )
        self.evidence.setFixedHeight(90)
        self.evidence.setTabChangesFocus(True)  # Tab leaves the box: no keyboard trap
        self.words = QLineEdit(", ".join(self.prefill.words))
        self.words.setObjectName("words")
        self.words.setPlaceholderText(_("Flagged words, separated by commas"))
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setPlaceholderText(_("Required: why you end this conversation"))
        self.note.setFixedHeight(70)
        self.note.setTabChangesFocus(True)
        self.confirm = QCheckBox(
            _("I end this conversation; a shift lead will review the refusal of service.")
        )
        self.confirm.setObjectName("confirm")
        form = QFormLayout()
        form.addRow(_("Channel"), QLabel(_("Phone call") if phone else _("Ticket")))
        form.addRow(_("Category"), self.category)
        form.addRow(_("Evidence"), self.evidence)
        if not phone:
            form.addRow(_("Flagged words"), self.words)
        form.addRow(_("Note"), self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(_("End conversation"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(_("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.intro)
        lay.addLayout(form)
        lay.addWidget(self.confirm)
        lay.addWidget(self.buttons)
        for signal in (self.evidence.textChanged, self.note.textChanged):
            signal.connect(self._update)
        self.confirm.toggled.connect(self._update)

    def _update(self) -> None:
        ready = bool(self.evidence.toPlainText().strip() and self.note.toPlainText().strip())
        self.ok.setEnabled(ready and self.confirm.isChecked())

    def command(self) -> abuse.TerminateConversation:
        """The frozen command built from the form."""
        words = tuple(w.strip() for w in self.words.text().split(",") if w.strip())
        return abuse.TerminateConversation(
            channel=self.channel,
            category=AbuseCategory(self.category.currentData()),
            note=self.note.toPlainText(),
            evidence_excerpt=self.evidence.toPlainText(),
            ticket_id=self.ticket_id,
            customer_id=self.customer_id,
            call_id=self.call_id,
            evidence_message_id=self.prefill.message_id,
            evidence_words=words if self.channel is AbuseChannel.TICKET else (),
            detector_suggested=self.prefill.detector_suggested,
        )

    def submit(self) -> None:
        if not self.ok.isEnabled():
            return
        cmd = self.command()
        desk = self.ctx.desk

        def job() -> str:
            days = company_settings(desk).retention(RETENTION_CLASS).days
            with desk.writer() as w:
                return abuse.terminate(w, cmd, retention_days=days)

        self.ok.setEnabled(False)
        self.ctx.runner.run(job, self._done, self._failed)

    def _done(self, termination_id: str) -> None:
        if self.ticket_id is not None:
            self.ctx.tickets_changed([self.ticket_id])
        self.terminated.emit(termination_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._update()
        errors.report(exc, self)


def prefill_job(ctx: UiContext, ticket_id: str) -> Callable[[], EvidencePrefill]:
    """A runner job: the ticket's abuse evidence from its policy decision (the dialog's
    prefill), read off the GUI thread."""
    from websight_desk.services.abuse_evidence import prefill_from_decision
    from websight_desk.services.triage import decide

    desk, ruleset, now = ctx.desk, ctx.ruleset, ctx.now()

    def job() -> EvidencePrefill:
        with desk.db.read() as conn:
            return prefill_from_decision(conn, ticket_id, decide(conn, ticket_id, ruleset, now))

    return job


def after_call(
    ctx: UiContext,
    customer_id: str,
    parent: QWidget | None = None,
    *,
    ticket_id: str | None = None,
    call_id: str | None = None,
) -> TerminateDialog:
    """The dialog after a phone call: the agent writes their account of what was said."""
    return TerminateDialog(
        ctx,
        parent,
        channel=AbuseChannel.PHONE,
        ticket_id=ticket_id,
        customer_id=customer_id,
        call_id=call_id,
    )
