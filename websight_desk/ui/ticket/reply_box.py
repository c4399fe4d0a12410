"""Under the thread: the new-message bar and the composer; the writes made from them.

Keeps one unsent draft per ticket and the messages each draft was written against, so a
message that arrives meanwhile (typed by a colleague, pulled by sync) is shown before the
reply goes out. Sending is one service call, `services.replies.send_reply`, in the runner;
the composer's status picker and "Assign to me" change the ticket's fields.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from websight_desk.domain.enums import MessageKind, TicketField, TicketStatus
from websight_desk.domain.errors import ValidationError
from websight_desk.domain.queue_views import AgentSummary
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.i18n import _
from websight_desk.services.replies import SendOutcome, SendReply, send_reply
from websight_desk.storage.queries.colleagues import assignable_agents
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.ticket.assign_picker import AssigneePicker
from websight_desk.ui.ticket.assign_picker import entries as assignees
from websight_desk.ui.ticket.composer import Composer
from websight_desk.ui.ticket.jobs import change_field_job
from websight_desk.ui.ticket.new_message_bar import NewMessageBar


@dataclass
class Draft:
    kind: MessageKind
    text: str
    base: frozenset[str]  # the messages the agent had seen when they started writing


class ReplyBox(QWidget):
    """What the agent writes on the shown ticket and its sending."""

    changed = Signal(str)  # ticket id: a reply, a note, the status or the assignee is stored
    arrived = Signal(str)  # ticket id: messages arrived meanwhile, nothing was sent
    overrideNeeded = Signal(object)  # RefusalState: ask for a reason, then `send` again
    acknowledged = Signal()  # the agent has seen the new messages

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.new_bar = NewMessageBar()
        self.composer = Composer()
        lay.addWidget(self.new_bar)
        lay.addWidget(self.composer)
        self._ticket_id: str | None = None
        self._detail: TicketDetail | None = None  # None: the ticket is not shown (yet)
        self._base: frozenset[str] = frozenset()
        self._unseen: frozenset[str] = frozenset()
        self._drafts: dict[str, Draft] = {}
        self._sending = False
        self._then: TicketStatus | None = None  # "Send and set …": the status after sending
        self.assignee_picker: AssigneePicker | None = None  # the last one opened
        self.new_bar.sendAnyway.connect(lambda: self.send(force=True))
        self.new_bar.keepEditing.connect(self.acknowledge)
        self.composer.sendRequested.connect(self.send)
        self.composer.draftStarted.connect(self._draft_started)
        self.composer.statusChosen.connect(self.change_status)
        self.composer.assignRequested.connect(self.assign_to_me)
        self.composer.assignOtherRequested.connect(self.pick_assignee)
        self.composer.sendAndSet.connect(lambda v: self.send(then_status=TicketStatus(v)))

    @property
    def unseen(self) -> frozenset[str]:
        """Messages that arrived while the agent was writing (marked NEW in the thread)."""
        return self._unseen

    def switch_to(self, ticket_id: str | None) -> None:
        """Another ticket: keep the draft of the previous one, bring back this one's."""
        if self._ticket_id is not None and self.composer.text().strip():
            self._drafts[self._ticket_id] = Draft(
                self.composer.kind, self.composer.text(), self._base
            )
        self.composer.clear()
        self.new_bar.setVisible(False)
        self._unseen = frozenset()
        self._ticket_id, self._detail = ticket_id, None
        draft = self._drafts.pop(ticket_id, None) if ticket_id else None
        self.composer.set_kind(draft.kind if draft else MessageKind.OUTBOUND)
        if draft is not None:
            self.composer.editor.setPlainText(draft.text)
        self._base = draft.base if draft is not None else frozenset()

    def loaded(self, detail: TicketDetail | None) -> None:
        """The shown ticket as it is now (None: it is gone); messages that arrived while the
        agent was writing are unseen until the agent acknowledges them."""
        self._detail = detail
        if detail is None:
            return
        self.composer.set_status(detail.status)
        self.composer.assign.setEnabled(detail.assignee_id != self.ctx.agent_id)
        message_ids = detail.message_ids
        if self.composer.text().strip():
            self._unseen = message_ids - self._base
        else:
            self._base, self._unseen = message_ids, frozenset()
        self.new_bar.setVisible(bool(self._unseen))

    def send(
        self,
        *,
        force: bool = False,
        override_reason: str | None = None,
        then_status: TicketStatus | None = None,
    ) -> None:
        """Post the composer's text; `force`: although messages arrived meanwhile;
        `then_status`: set the ticket's status once the reply is stored ("Send and set")."""
        ticket_id = self._ticket_id
        if ticket_id is None or self._detail is None or self._sending:
            return
        if not force and override_reason is None:  # a new send, not the answer to a prompt
            self._then = then_status
        body = self.composer.text()
        if not body.strip():
            self.ctx.events.statusMessage.emit(_("Write something before sending."))
            return
        marker = self.composer.placeholders
        if self.composer.kind is MessageKind.OUTBOUND and marker.missing():
            # A placeholder would reach the customer as "{article_url}": not sent.
            self.ctx.events.statusMessage.emit(marker.message(marker.missing()))
            marker.select_first()
            return
        if force:
            self.acknowledge()
        self._sending = True
        self.composer.send.setEnabled(False)
        cmd = SendReply(ticket_id, self.composer.kind, body, self._base, override_reason)
        desk = self.ctx.desk
        self.ctx.runner.run(
            lambda: send_reply(desk, cmd), lambda out: self._sent(cmd, out), self._failed
        )

    def acknowledge(self) -> None:
        """The agent has read the new messages: send against them from now on."""
        if self._detail is not None:
            self._base = self._detail.message_ids
        self._unseen = frozenset()
        self.new_bar.setVisible(False)
        self.acknowledged.emit()
        self.composer.editor.setFocus()

    def retranslate(self) -> None:
        self.new_bar.retranslate()
        self.composer.retranslate()

    def change_status(self, value: str) -> None:
        if self._detail is not None and value != self._detail.status.value:
            self._write_field(TicketField.STATUS, TicketStatus(value).value)

    def assign_to_me(self) -> None:
        me = self.ctx.agent_id
        if self._detail is None:
            return
        if me is None:
            report(ValidationError(_("Choose who you are (an agent) first.")), self)
        elif self._detail.assignee_id != me:
            self._write_field(TicketField.ASSIGNEE, me)

    def pick_assignee(self) -> None:
        """Ctrl+Shift+A: the colleagues to assign the ticket to (read in the runner)."""
        if self._detail is None:
            return
        desk = self.ctx.desk

        def job() -> tuple[AgentSummary, ...]:
            with desk.db.read() as conn:
                return assignable_agents(conn)

        self.ctx.runner.run(job, self._open_assignee_picker, lambda e: report(e, self))

    def _open_assignee_picker(self, agents: tuple[AgentSummary, ...]) -> None:
        if self._detail is None:
            return
        rows = assignees(agents, self.ctx.agent_id)
        picker = AssigneePicker(rows, self._detail.assignee_id, self.window())
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.chosen.connect(self.assign_to)
        picker.open()
        picker.filter.setFocus()
        self.assignee_picker = picker

    def assign_to(self, agent_id: str) -> None:
        if self._detail is not None and self._detail.assignee_id != agent_id:
            self._write_field(TicketField.ASSIGNEE, agent_id)

    def _write_field(self, field: TicketField, value: str, ticket_id: str | None = None) -> None:
        assert self._detail is not None or ticket_id is not None
        ticket_id = ticket_id or (self._detail.id if self._detail else "")
        job = change_field_job(self.ctx.desk, ticket_id, field, value)
        self.ctx.runner.run(job, lambda _r: self.changed.emit(ticket_id), self._write_failed)

    def _write_failed(self, exc: BaseException) -> None:
        if self._detail is not None:
            self.composer.set_status(self._detail.status)
        report(exc, self)

    def _draft_started(self) -> None:
        if self._detail is not None:
            self._base = self._detail.message_ids

    def _sent(self, cmd: SendReply, outcome: SendOutcome) -> None:
        self._sending = False
        self.composer.send.setEnabled(True)
        shown = cmd.ticket_id == self._ticket_id
        if outcome.unseen:
            # Someone wrote meanwhile: show it, keep the text, wait for the agent's answer.
            if shown:
                self.arrived.emit(cmd.ticket_id)
                self.new_bar.setVisible(True)
                self.new_bar.send_anyway.setFocus()
            return
        if outcome.refusal is not None:
            # Nothing was written: the customer is refused or pending review.
            if shown:
                self.overrideNeeded.emit(outcome.refusal)
            return
        if shown:
            self.composer.clear()
        self._drafts.pop(cmd.ticket_id, None)
        then, self._then = self._then, None
        if then is not None and cmd.kind is MessageKind.OUTBOUND:
            self._write_field(TicketField.STATUS, then.value, cmd.ticket_id)
        self.changed.emit(cmd.ticket_id)

    def _failed(self, exc: BaseException) -> None:
        self._sending = False
        self.composer.send.setEnabled(True)
        report(exc, self)


__all__ = ["Draft", "ReplyBox"]
