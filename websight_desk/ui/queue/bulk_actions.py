"""Bulk actions on the queue's selection: assign (to me or a colleague) and set a status.

Each is one service call (`services.bulk.change_many`) in the runner; the status bar says
what was done ("12 tickets assigned to Ayşe") and what was refused. More than
`CONFIRM_OVER` tickets are changed only after the agent confirms.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMenu, QMessageBox, QWidget

from websight_desk.domain.enums import TicketField, TicketStatus
from websight_desk.domain.errors import ValidationError
from websight_desk.domain.queue_views import AgentSummary
from websight_desk.i18n import _, ngettext
from websight_desk.services.bulk import BULK_STATUSES, BulkChange, BulkResult, change_many
from websight_desk.storage.queries.agents import agent_summary
from websight_desk.storage.queries.colleagues import assignable_agents
from websight_desk.ui import format as fmt
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.queue.bulk_text import assigned_text, status_text
from websight_desk.ui.ticket.assign_picker import AssigneePicker, entries
from websight_desk.ui.value_labels import STATUS, tr_

CONFIRM_OVER = 20  # a bigger selection is confirmed first (Ctrl+A on a long view)
STATUS_ORDER = tuple(s for s in TicketStatus if s in BULK_STATUSES)


class BulkActions(QObject):
    """Works on `selection()` (ticket ids); `parent_widget` owns the dialogs."""

    def __init__(
        self, ctx: UiContext, selection: Callable[[], list[str]], parent_widget: QWidget
    ) -> None:
        super().__init__(parent_widget)
        self.ctx = ctx
        self.selection = selection
        self.parent_widget = parent_widget
        self.picker: AssigneePicker | None = None  # the last colleague picker opened
        self.confirm_box: QMessageBox | None = None  # the last confirmation asked

    # --- the actions ---------------------------------------------------------------------

    def assign_to_me(self) -> None:
        me = self.ctx.agent_id
        if me is None:
            report(ValidationError(_("Choose who you are (an agent) first.")), self.parent_widget)
            return
        self._confirmed(self.selection(), TicketField.ASSIGNEE, me)

    def pick_assignee(self) -> None:
        """The colleague picker of the ticket pane (read in the runner), for the selection."""
        ids = self.selection()
        if not ids:
            return
        desk = self.ctx.desk

        def job() -> tuple[AgentSummary, ...]:
            with desk.db.read() as conn:
                return assignable_agents(conn)

        self.ctx.runner.run(job, lambda agents: self._open_picker(ids, agents), self._failed)

    def set_status(self, status: TicketStatus) -> None:
        self._confirmed(self.selection(), TicketField.STATUS, status.value)

    def status_menu(self, parent: QWidget) -> QMenu:
        """One entry per status a selection may be given (not "ended for abuse")."""
        menu = QMenu(parent)
        menu.setObjectName("bulkStatusMenu")
        for status in STATUS_ORDER:
            act = menu.addAction(tr_(STATUS, status))
            act.setObjectName(f"bulkStatus_{status.value}")
            act.triggered.connect(lambda _c=False, s=status: self.set_status(s))
        return menu

    # --- helpers -------------------------------------------------------------------------

    def _open_picker(self, ids: list[str], agents: tuple[AgentSummary, ...]) -> None:
        picker = AssigneePicker(entries(agents, self.ctx.agent_id), None, self.parent_widget)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.setWindowTitle(
            ngettext(
                "Assign {n} ticket to a colleague", "Assign {n} tickets to a colleague", len(ids)
            ).format(n=fmt.number(len(ids)))
        )
        picker.chosen.connect(lambda agent_id: self._confirmed(ids, TicketField.ASSIGNEE, agent_id))
        picker.open()
        picker.filter.setFocus()
        self.picker = picker

    def _confirmed(self, ids: list[str], field: TicketField, value: str) -> None:
        if not ids:
            return
        if len(ids) <= CONFIRM_OVER:
            self._run(ids, field, value)
            return
        n = fmt.number(len(ids))
        if field is TicketField.STATUS:
            question = ngettext(
                "Set {n} ticket to “{status}”?", "Set {n} tickets to “{status}”?", len(ids)
            ).format(n=n, status=tr_(STATUS, TicketStatus(value)))
        else:
            question = ngettext("Assign {n} ticket?", "Assign {n} tickets?", len(ids)).format(n=n)
        box = QMessageBox(
            QMessageBox.Icon.Question,
            _("Change several tickets"),
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.parent_widget,
        )
        box.setObjectName("bulkConfirm")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        yes = box.button(QMessageBox.StandardButton.Yes)
        box.buttonClicked.connect(lambda b: self._run(ids, field, value) if b is yes else None)
        self.confirm_box = box
        box.open()

    def _run(self, ids: list[str], field: TicketField, value: str) -> None:
        desk = self.ctx.desk
        cmd = BulkChange(tuple(ids), field, value)

        def job() -> tuple[BulkResult, str | None]:
            result = change_many(desk, cmd)
            if field is not TicketField.ASSIGNEE:
                return result, None
            with desk.db.read() as conn:
                agent = agent_summary(conn, value)
            return result, agent.display_name if agent else value

        self.ctx.runner.run(job, lambda out: self._done(field, value, *out), self._failed)

    def _done(self, field: TicketField, value: str, result: BulkResult, name: str | None) -> None:
        if field is TicketField.STATUS:
            text = status_text(result, TicketStatus(value))
        else:
            text = assigned_text(result, name)
        self.ctx.events.statusMessage.emit(text)
        if result.changed:
            self.ctx.events.ticketsChanged.emit(list(result.changed))

    def _failed(self, exc: BaseException) -> None:
        report(exc, self.parent_widget)


__all__ = ["CONFIRM_OVER", "BulkActions"]
