"""The abuse feature on the ticket pane: "End conversation for abuse" (header button and
Ctrl+Shift+X) and the policy checklist's "consider_termination" open the terminate dialog.

The action is disabled (its tooltip says why) while a termination of the shown ticket is
pending review or confirmed: a conversation is ended once (the service refuses a second one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from websight_desk.i18n import _
from websight_desk.policy.model import Action
from websight_desk.services.abuse import open_termination_of
from websight_desk.services.abuse_evidence import EvidencePrefill
from websight_desk.storage.queries.ticket_owner import customer_has_terminations, customer_of_ticket
from websight_desk.ui.errors import report
from websight_desk.ui.icons import icon
from websight_desk.ui.shortcuts import SHORTCUTS, key_sequences, native_text

if TYPE_CHECKING:
    from websight_desk.ui.ticket.pane import TicketPane

SHORTCUT = "end_for_abuse"  # key of `ui.shortcuts.SHORTCUTS` (Ctrl+Shift+X)
READ = "open-termination"  # the pane's read (`TicketPane.add_read`): read with the ticket


def read_open_termination(conn: Any, ticket_id: str) -> str | None:
    """The live termination of this ticket (pending review or confirmed), if any."""
    customer = customer_of_ticket(conn, ticket_id)
    if customer is None or not customer_has_terminations(conn, customer):
        return None
    return open_termination_of(conn, customer, ticket_id)


def open_terminate_dialog(pane: TicketPane) -> None:
    """Open "End conversation for abuse" for the pane's ticket, once its evidence is read in
    the runner (nothing when no ticket is shown, or another one is by then)."""
    ticket_id = pane.ticket_id
    if ticket_id is None or pane.detail is None:
        return
    ctx = pane.ctx

    from websight_desk.ui.abuse import terminate_dialog  # (loads when first opened)

    def show(prefill: EvidencePrefill) -> None:
        if pane.ticket_id != ticket_id:
            return
        dialog = terminate_dialog.TerminateDialog(
            ctx, pane.window(), ticket_id=ticket_id, prefill=prefill
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # Ending announces ctx.tickets_changed([ticket]): the pane, queue and banner refresh.
        dialog.open()

    # reading the evidence may fail: say so, keep the pane usable
    job = terminate_dialog.prefill_job(ctx, ticket_id)
    ctx.runner.run(job, show, lambda exc: report(exc, pane), key=f"terminate-{id(pane)}")


class EndForAbuseAction(QAction):
    """ "End conversation for abuse" (its SVG icon, not a font's ⛔) for one ticket pane;
    retranslates itself."""

    def __init__(self, pane: TicketPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.ended_ticket: str | None = None  # the shown ticket, when already ended
        self._wanted = False  # what the pane asks for (a ticket is shown)
        self.setObjectName("endForAbuse")
        self.setIcon(icon("action_end"))
        self.setShortcuts(key_sequences(SHORTCUT))
        self.triggered.connect(self.open_dialog)
        pane.ctx.events.languageChanged.connect(self.retranslate)
        pane.add_read(READ, read_open_termination)  # one trip to the runner per switch
        pane.decisionChanged.connect(lambda _d: self.refresh())
        self.retranslate()

    @property
    def already_ended(self) -> bool:
        return self.ended_ticket is not None and self.ended_ticket == self.pane.ticket_id

    def setEnabled(self, enabled: bool) -> None:
        """The pane enables it while a ticket is shown; an ended ticket keeps it disabled."""
        self._wanted = enabled
        super().setEnabled(enabled and not self.already_ended)

    def refresh(self) -> None:
        """Whether the shown ticket has a live termination: as read with the ticket, else
        asked in the runner."""
        ticket_id = self.pane.ticket_id
        if ticket_id is None:
            self._ended(None, None)
            return
        loaded = self.pane.loaded
        if loaded is not None and loaded.detail is not None and loaded.detail.id == ticket_id:
            found = loaded.reads.get(READ, ())
            if found is None or isinstance(found, str):
                self._ended(ticket_id, found)
                return
        desk = self.pane.ctx.desk

        def job() -> str | None:
            with desk.db.read() as conn:
                return read_open_termination(conn, ticket_id)

        self.pane.ctx.runner.run(
            job,
            lambda found: self._ended(ticket_id, found),
            lambda exc: report(exc, self.pane),
            key=f"end-for-abuse-{id(self)}",
        )

    def _ended(self, ticket_id: str | None, termination_id: str | None) -> None:
        if ticket_id != self.pane.ticket_id:
            return  # another ticket is shown by now
        self.ended_ticket = ticket_id if termination_id is not None else None
        self.setEnabled(self._wanted)
        self.retranslate()

    def open_dialog(self) -> None:
        if self.already_ended:  # e.g. the policy checklist's "consider termination"
            self.pane.ctx.events.statusMessage.emit(self.toolTip())
            return
        open_terminate_dialog(self.pane)

    def retranslate(self) -> None:
        self.setText(_("End conversation for abuse"))
        if self.already_ended:
            self.setToolTip(
                _(
                    "This conversation was already ended for abuse; the decision is the "
                    "shift lead's."
                )
            )
            return
        keys = native_text(SHORTCUTS[SHORTCUT].keys)
        self.setToolTip(
            _("End this conversation for abuse; a shift lead reviews it ({keys})").format(keys=keys)
        )


def install_abuse_actions(pane: TicketPane) -> EndForAbuseAction:
    """Add the action to the pane (header button, shortcut) and let the policy panel's
    "consider_termination" checklist item open the same dialog; returns the action."""
    action = EndForAbuseAction(pane)
    pane.add_action(action)
    pane.set_action_handler(Action.CONSIDER_TERMINATION.value, action.open_dialog)
    return action
