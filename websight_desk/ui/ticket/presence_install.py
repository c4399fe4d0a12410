"""`install_presence(pane)`: the colleagues line under the ticket header, and the draft signal.

While the reply box holds text of this agent, the team sees "writing a reply" on this ticket;
when it is sent, cleared or the agent moves on, "viewing" again (`ui.sync.presence`).
"""

from __future__ import annotations

from websight_desk.ui.sync.presence import presence_of
from websight_desk.ui.ticket.pane import TicketPane
from websight_desk.ui.ticket.presence_label import PresenceLabel


def install_presence(pane: TicketPane) -> PresenceLabel:
    presence = presence_of(pane.ctx)
    label = PresenceLabel(pane.ctx, pane.header)
    layout = pane.header.layout()
    assert layout is not None
    layout.addWidget(label)
    pane.ctx.events.ticketSelected.connect(
        lambda ticket_id: label.show_ticket(ticket_id if isinstance(ticket_id, str) else None)
    )
    editor = pane.composer.editor
    editor.textChanged.connect(lambda: presence.set_replying(bool(editor.toPlainText().strip())))
    return label
