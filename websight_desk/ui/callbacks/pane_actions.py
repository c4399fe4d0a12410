"""The callback feature on the ticket pane: "Call back" (button + Ctrl+Shift+K) and the
policy panel's "offer a phone callback" checklist item both open `CallbackDialog`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from websight_desk.i18n import _
from websight_desk.policy.model import Action
from websight_desk.ui.context import UiContext
from websight_desk.ui.icons import icon
from websight_desk.ui.shortcuts import native_text

if TYPE_CHECKING:  # the dialog loads when first opened
    from websight_desk.ui.callbacks.dialog import CallbackDialog


class TicketPane(Protocol):
    """What this feature uses of the ticket pane (`ui.ticket.TicketPane`, a QWidget), so the
    pane may show callbacks in its thread without the two packages importing each other."""

    ctx: UiContext

    @property
    def ticket_id(self) -> str | None: ...

    @property
    def detail(self) -> object | None: ...

    def window(self) -> QWidget: ...

    def add_action(self, action: QAction) -> object: ...

    def set_action_handler(self, action: str, handler: Callable[[], object]) -> None: ...


SHORTCUT = "Ctrl+Shift+K"  # free in the pane, the main window, the queue and the dialogs


def open_callback_dialog(pane: TicketPane) -> CallbackDialog | None:
    """Open the callback dialog for the pane's ticket (None when no ticket is shown)."""
    ticket_id = pane.ticket_id
    if ticket_id is None or pane.detail is None:
        return None
    from websight_desk.ui.callbacks.dialog import CallbackDialog

    dialog = CallbackDialog(pane.ctx, ticket_id, pane.window())
    dialog.setObjectName("callbackDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    # Saving announces ctx.tickets_changed([ticket]); the pane reloads its thread on that.
    dialog.open()
    return dialog


class CallBackAction(QAction):
    """ "Call back" (its SVG icon, not a font's ☎) for one ticket pane; retranslates
    itself."""

    def __init__(self, pane: TicketPane) -> None:
        super().__init__(cast(QObject, pane))  # owned by the pane, a QWidget
        self.pane = pane
        self.setObjectName("callBack")
        self.setIcon(icon("flag_callback"))
        self.setShortcut(QKeySequence(SHORTCUT))
        self.triggered.connect(self.open_dialog)
        pane.ctx.events.languageChanged.connect(self.retranslate)
        self.retranslate()

    def open_dialog(self) -> CallbackDialog | None:
        return open_callback_dialog(self.pane)

    def retranslate(self) -> None:
        self.setText(_("Call back"))
        keys = native_text((SHORTCUT,))  # as the keys are labelled, not Qt's "Kontrol+…"
        self.setToolTip(_("Log a phone callback for this ticket ({keys})").format(keys=keys))


def install_callback_actions(pane: TicketPane) -> CallBackAction:
    """Add "Call back" to the pane (header button, Ctrl+Shift+K) and make the policy
    panel's "offer_phone_callback" item open the same dialog; returns the action."""
    action = CallBackAction(pane)
    pane.add_action(action)
    pane.set_action_handler(Action.OFFER_PHONE_CALLBACK.value, action.open_dialog)
    return action
