"""The ticket pane (header, thread, composer) and how it is linked to the policy panel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from websight_desk.domain.mail_senders import is_unverified_code
from websight_desk.ui.ticket.pane import TicketPane

if TYPE_CHECKING:
    from websight_desk.ui.policy.panel import PolicyPanel


def link(pane: TicketPane, panel: PolicyPanel) -> None:
    """Wire a ticket pane and a policy panel: decisions (and "sender not verified"), evidence
    clicks, checklist actions."""

    def decided(decision: object) -> None:
        panel.set_field_names(pane.field_names())
        done = pane.loaded.done if pane.loaded else None  # read with the ticket
        panel.show_decision(decision, pane.ticket_id, done)  # type: ignore[arg-type]
        detail = pane.detail  # a mail from an unknown address: the panel says so too
        unverified = detail is not None and is_unverified_code(detail.customer.code)
        panel.banner.show_sender_unverified(unverified)

    pane.decisionChanged.connect(decided)
    # "Subject", "Message 2" in the new language too (the panel keeps the names it was given)
    pane.ctx.events.languageChanged.connect(lambda: panel.set_field_names(pane.field_names()))
    panel.evidenceActivated.connect(pane.highlight)
    panel.actionActivated.connect(pane.perform_action)


__all__ = ["TicketPane", "link"]
