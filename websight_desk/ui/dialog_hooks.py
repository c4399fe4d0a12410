"""Opening the dialogs built elsewhere (new ticket, customer view) from the main window.

Each looks up its dialog module lazily; when it is not there, the menu entry is disabled.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

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


def open_new_ticket(window: MainWindow) -> None:
    cls = _find(NEW_TICKET)
    if cls is None:
        return
    dialog = cls(window.ctx, window)
    opened = getattr(dialog, "ticketCreated", None)
    if opened is not None:
        opened.connect(window.open_ticket)
    dialog.open()


def open_customer(window: MainWindow, ticket_id: str | None) -> None:
    cls = _find(CUSTOMER)
    if cls is None or ticket_id is None:
        return
    dialog = cls(window.ctx, window, ticket_id=ticket_id)
    dialog.open()
