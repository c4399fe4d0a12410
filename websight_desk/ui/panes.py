"""The ticket pane and the policy panel the main window embeds.

They are built in `ui/ticket/` and `ui/policy/`; while a module is not importable (being
written), a minimal stand-in keeps the window usable. Both expose `show_ticket(id | None)`.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from websight_desk.i18n import N_, _
from websight_desk.ui.context import UiContext

log = logging.getLogger(__name__)


class StandIn(QWidget):
    """Shows which ticket is open until the real pane exists."""

    def __init__(self, ctx: UiContext, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._title = title
        self.ticket_id: str | None = None
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setWordWrap(True)
        self.label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        QVBoxLayout(self).addWidget(self.label)
        ctx.events.languageChanged.connect(self.retranslate)
        self.retranslate()

    def show_ticket(self, ticket_id: str | None) -> None:
        self.ticket_id = ticket_id
        self.retranslate()

    def retranslate(self) -> None:
        title = _(self._title)
        self.setAccessibleName(title)
        self.label.setAccessibleName(title)
        self.label.setText(title if self.ticket_id is None else f"{title}\n{self.ticket_id}")


def _load(module: str, name: str) -> Any:
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError) as exc:
        log.info("%s.%s not available yet (%s); using a stand-in", module, name, exc)
        return None


def make_ticket_pane(ctx: UiContext, parent: QWidget) -> QWidget:
    cls = _load("websight_desk.ui.ticket", "TicketPane")
    return cls(ctx, parent) if cls is not None else StandIn(ctx, N_("Ticket"), parent)


def make_policy_panel(ctx: UiContext, parent: QWidget) -> QWidget:
    cls = _load("websight_desk.ui.policy", "PolicyPanel") or _load(
        "websight_desk.ui.policy.panel", "PolicyPanel"
    )
    return cls(ctx, parent) if cls is not None else StandIn(ctx, N_("Policy"), parent)
