"""Wiring the callback/KVKK features into the main window (called by the window's owner).

`install_callbacks(window)` does everything: the ticket pane's "Call back" (button,
Ctrl+Shift+K, the policy panel's "offer_phone_callback") and five Tools-menu entries. The
pieces work alone too: `install_callback_actions(pane)` and `tools_actions(ctx, parent, …)`.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from websight_desk.i18n import N_, _
from websight_desk.ui.callbacks.pane_actions import install_callback_actions
from websight_desk.ui.context import UiContext

CurrentTicket = Callable[[], str | None]


class ToolAction(QAction):
    """A menu action whose text is a msgid (retranslated live); optionally needs a ticket."""

    def __init__(
        self, ctx: UiContext, parent: QWidget, key: str, text: str, needs_ticket: bool
    ) -> None:
        super().__init__(parent)
        self.msgid = text
        self.needs_ticket = needs_ticket
        self.setObjectName(f"action_{key}")
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketSelected.connect(self.ticket_selected)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(_(self.msgid))

    def ticket_selected(self, ticket_id: object) -> None:
        if self.needs_ticket:
            self.setEnabled(isinstance(ticket_id, str))


def tools_actions(ctx: UiContext, parent: QWidget, current_ticket: CurrentTicket) -> list[QAction]:
    """ "Phone callbacks…", "Run KVKK destruction job…", "Mark ticket as KVKK request",
    "Export customer data…", "Company KVKK settings…" — add them to the Tools menu."""
    specs: list[tuple[str, str, bool, Callable[[], None]]] = [
        ("callbacks", N_("Phone callbacks…"), False, lambda: _open_list(ctx, parent)),
        (
            "kvkk_purge",
            N_("Run KVKK destruction job…"),
            False,
            lambda: _actions().run_destruction_job(ctx, parent),
        ),
        (
            "kvkk_request",
            N_("Mark ticket as KVKK request"),
            True,
            lambda: _actions().mark_kvkk_request(ctx, current_ticket(), parent),
        ),
        (
            "kvkk_export",
            N_("Export customer data…"),
            True,
            lambda: _actions().export_customer_data(ctx, current_ticket(), parent),
        ),
        (
            "kvkk_settings",
            N_("Company KVKK settings…"),
            False,
            lambda: _company_settings(ctx, parent),
        ),
    ]
    made: list[QAction] = []
    for key, text, needs_ticket, slot in specs:
        act = ToolAction(ctx, parent, key, text, needs_ticket)
        act.setEnabled(not needs_ticket or current_ticket() is not None)
        act.triggered.connect(lambda _checked=False, run=slot: run())
        made.append(act)
    return made


# The Tools entries' windows and KVKK steps load when first used, not before the first rows.
def _open_list(ctx: UiContext, parent: QWidget) -> None:
    from websight_desk.ui.callbacks.list_widget import open_callbacks_window

    open_callbacks_window(ctx, parent)


def _actions() -> ModuleType:
    from websight_desk.ui.callbacks import actions

    return actions


def _company_settings(ctx: UiContext, parent: QWidget) -> None:
    from websight_desk.ui.callbacks.company_dialog import show_company_settings

    show_company_settings(ctx, parent)


def install_callbacks(window: Any) -> list[QAction]:
    """Install everything on a main window with `ctx`, `ticket_pane` and a "menu_tools"
    menu (adds the Tools entries after a separator); returns all actions added."""
    added: list[QAction] = []
    pane = window.ticket_pane
    if hasattr(pane, "add_action"):  # the real pane, not the stand-in
        added.append(install_callback_actions(pane))

    def current() -> str | None:
        ticket_id = getattr(pane, "ticket_id", None)
        return ticket_id if isinstance(ticket_id, str) else None

    menu_actions = tools_actions(window.ctx, window, current)
    tools = window.findChild(QMenu, "menu_tools")
    if tools is not None:
        tools.addSeparator()
        tools.addActions(menu_actions)
    return added + menu_actions
