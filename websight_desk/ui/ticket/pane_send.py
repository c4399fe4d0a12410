"""The ticket pane's writes: send (new-message check, refusal override), status, assignment."""

from __future__ import annotations

from websight_desk.domain.enums import TicketField, TicketStatus
from websight_desk.domain.errors import ValidationError
from websight_desk.i18n import _
from websight_desk.services.abuse import RefusalState
from websight_desk.ui.errors import report
from websight_desk.ui.ticket.pane_thread import PaneThread
from websight_desk.ui.ticket.writes import SendOutcome, change_field_job, send_job


class PaneSend(PaneThread):
    """Posting the composer's text and changing the ticket's fields, in the background."""

    def ask_override_reason(self, state: RefusalState) -> str | None:
        """Why the agent replies to a refused or pending customer (None = cancelled)."""
        from websight_desk.ui.abuse.banner import ask_override_reason

        return ask_override_reason(self, state)

    def send(self, *, force: bool = False, override_reason: str | None = None) -> None:
        """Post the composer's text; if messages arrived since writing began, ask first; a
        reply to a refused or pending-review customer asks for an override reason first."""
        if self._detail is None or self._sending:
            return
        body = self.composer.text()
        if not body.strip():
            self.ctx.events.statusMessage.emit(_("Write something before sending."))
            return
        if force:
            self._acknowledge_new()
        self._sending = True
        self.composer.send.setEnabled(False)
        job = send_job(
            self.ctx.desk,
            self._detail.id,
            self.composer.kind,
            body,
            self._base,
            override_reason=override_reason,
        )
        self.ctx.runner.run(job, self._sent, self._write_failed)

    def change_status(self, value: str) -> None:
        if self._detail is None or value == self._detail.status.value:
            return
        self._write_field(TicketField.STATUS, TicketStatus(value).value)

    def assign_to_me(self) -> None:
        if self._detail is None:
            return
        me = self.ctx.agent_id
        if me is None:
            report(ValidationError(_("Choose who you are (an agent) first.")), self)
            return
        if self._detail.assignee_id != me:
            self._write_field(TicketField.ASSIGNEE, me)

    def _draft_started(self) -> None:
        if self._detail is not None:
            self._base = self._detail.message_ids

    def _acknowledge_new(self) -> None:
        if self._detail is not None:
            self._base = self._detail.message_ids
        self._unseen = frozenset()
        self.new_bar.setVisible(False)
        self._render()
        self.composer.editor.setFocus()

    def _sent(self, outcome: SendOutcome) -> None:
        self._sending = False
        self.composer.send.setEnabled(True)
        ticket_id = self._ticket_id
        if ticket_id is None:
            return
        if outcome.unseen:
            # Someone wrote meanwhile: show it, keep the text, wait for the agent's answer.
            self.show_ticket(ticket_id)
            self.new_bar.setVisible(True)
            self.send_anyway.setFocus()
            return
        if outcome.refusal is not None:
            # Nothing was written: the customer is refused or pending review.
            reason = self.ask_override_reason(outcome.refusal)
            if reason is None:  # cancelled: the typed text stays in the composer
                self.ctx.events.statusMessage.emit(_("Reply not sent; your text is kept."))
                self.composer.editor.setFocus()
                return
            self.send(override_reason=reason)
            return
        self.composer.clear()
        self._drafts.pop(ticket_id, None)
        self._done(ticket_id)

    def _done(self, ticket_id: str) -> None:
        self.ticketChanged.emit(ticket_id)
        self.ctx.tickets_changed([ticket_id])

    def _write_field(self, field: TicketField, value: str) -> None:
        assert self._detail is not None
        ticket_id = self._detail.id
        job = change_field_job(self.ctx.desk, ticket_id, field, value)
        self.ctx.runner.run(job, lambda _r: self._done(ticket_id), self._write_failed)

    def _write_failed(self, exc: BaseException) -> None:
        self._sending = False
        self.composer.send.setEnabled(True)
        if self._detail is not None:
            self.composer.set_status(self._detail.status)
        report(exc, self)
