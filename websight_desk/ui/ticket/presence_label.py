"""The header line that says which colleagues have this ticket open or are writing a reply."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from websight_desk.ui.context import UiContext
from websight_desk.ui.sync.presence import describe, presence_of


class PresenceLabel(QLabel):
    """Live: follows the presence board and the ticket shown; hidden when there is nothing."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("presenceLabel")
        self.setWordWrap(True)
        self.ctx = ctx
        self.ticket_id: str | None = None
        self.presence = presence_of(ctx)
        self.presence.changed.connect(self.refresh)
        ctx.events.languageChanged.connect(self.refresh)
        self.refresh()

    def show_ticket(self, ticket_id: str | None) -> None:
        self.ticket_id = ticket_id
        self.refresh()

    def refresh(self) -> None:
        connected = bool(self.ctx.desk.settings.server_url)
        text = describe(self.presence.at(self.ticket_id), connected=connected)
        self.setText(text)
        self.setVisible(bool(text))
