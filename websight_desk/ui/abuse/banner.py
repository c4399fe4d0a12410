"""The policy panel's refusal banner: service refused, or refusal pending review."""

from __future__ import annotations

from typing import Protocol

from websight_desk.services import abuse
from websight_desk.storage.queries.ticket_owner import customer_of_ticket
from websight_desk.ui import errors
from websight_desk.ui.context import UiContext


class BannerSlot(Protocol):
    def set_banner(self, text: str | None, severity: str = "error") -> None: ...


def banner_text(view: abuse.BannerView) -> tuple[str, str]:
    """(text, severity) for `PolicyPanel.set_banner`: red for refused, amber for pending."""
    text = "\n".join((view.title.upper(), *view.lines))
    return text, "error" if view.severity == "refused" else "warning"


def show_refusal_banner(ctx: UiContext, panel: BannerSlot, ticket_id: str | None) -> None:
    """Fill (or hide) the panel's banner for the customer of this ticket."""
    if ticket_id is None:
        panel.set_banner(None)
        return
    desk = ctx.desk

    def job() -> abuse.BannerView | None:
        with desk.db.read() as conn:
            customer = customer_of_ticket(conn, ticket_id)
            return None if customer is None else abuse.refusal_banner(conn, customer)

    def done(view: abuse.BannerView | None) -> None:
        if view is None:
            panel.set_banner(None)
        else:
            panel.set_banner(*banner_text(view))

    ctx.runner.run(job, done, errors.report, key=f"refusal-banner-{id(panel)}")
