"""Opening the dialogs built elsewhere (new ticket, customer view) from the main window.

Each looks up its dialog module lazily; when it is not there, the menu entry is disabled.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

if TYPE_CHECKING:
    from websight_desk.ui.main_window import MainWindow

NEW_TICKET = ("websight_desk.ui.dialogs.new_ticket", "NewTicketDialog")
CUSTOMER = ("websight_desk.ui.customer", "CustomerDialog")


def _find(spec: tuple[str, str]) -> Any:
    module, name = spec
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


def new_ticket_available() -> bool:
    return _find(NEW_TICKET) is not None


def customer_available() -> bool:
    return _find(CUSTOMER) is not None


def open_new_ticket(window: MainWindow) -> Any:
    """Open "New ticket"; the created ticket is selected in the queue and opened."""
    cls = _find(NEW_TICKET)
    if cls is None:
        return None
    dialog = cls(window.ctx, window)  # NewTicketDialog(ctx, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.ticketCreated.connect(window.open_ticket)
    dialog.open()
    return dialog


def open_customer(window: MainWindow, customer_id: str | None, ticket_id: str | None) -> Any:
    """Open the customer view (reveals are audited against `ticket_id`); activating one of
    the customer's tickets closes it and opens that ticket."""
    cls = _find(CUSTOMER)
    if cls is None or customer_id is None:
        return None
    # CustomerDialog(ctx, customer_id, parent, *, ticket_id)
    dialog = cls(window.ctx, customer_id, window, ticket_id=ticket_id)
    dialog.setObjectName("customerDialog")
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def activated(chosen: str) -> None:
        dialog.accept()
        window.open_ticket(chosen)

    dialog.ticketActivated.connect(activated)
    dialog.open()
    return dialog
