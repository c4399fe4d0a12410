"""The abuse feature on the ticket pane: "⛔ End conversation for abuse" (header button and
Ctrl+Shift+X) and the policy checklist's "consider_termination" open the terminate dialog."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction

from websight_desk.i18n import _
from websight_desk.policy.model import Action
from websight_desk.ui.abuse import terminate_dialog
from websight_desk.ui.abuse.terminate_dialog import TerminateDialog
from websight_desk.ui.errors import report
from websight_desk.ui.shortcuts import SHORTCUTS, key_sequences, native_text

if TYPE_CHECKING:
    from websight_desk.ui.ticket.pane import TicketPane

SHORTCUT = "end_for_abuse"  # key of `ui.shortcuts.SHORTCUTS` (Ctrl+Shift+X)


def open_terminate_dialog(pane: TicketPane) -> TerminateDialog | None:
    """Open "End conversation for abuse" for the pane's ticket (None when none is shown)."""
    ticket_id = pane.ticket_id
    if ticket_id is None or pane.detail is None:
        return None
    try:
        dialog = terminate_dialog.for_ticket(pane.ctx, ticket_id, pane.window())
    except Exception as exc:  # reading the evidence failed: say so, keep the pane usable
        report(exc, pane)
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Ending announces ctx.tickets_changed([ticket]): the pane, queue and banner refresh.
    dialog.open()
    return dialog


class EndForAbuseAction(QAction):
    """ "⛔ End conversation for abuse" for one ticket pane; retranslates itself."""

    def __init__(self, pane: TicketPane) -> None:
        super().__init__(pane)
        self.pane = pane
        self.setObjectName("endForAbuse")
        self.setShortcuts(key_sequences(SHORTCUT))
        self.triggered.connect(self.open_dialog)
        pane.ctx.events.languageChanged.connect(self.retranslate)
        self.retranslate()

    def open_dialog(self) -> TerminateDialog | None:
        return open_terminate_dialog(self.pane)

    def retranslate(self) -> None:
        self.setText("⛔ " + _("End conversation for abuse"))
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
