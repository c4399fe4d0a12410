"""The policy panel's refusal banner: service refused, refusal pending review, or — on the
ticket that was ended — the lead's decision that lifted it (who decided what, when and why)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from websight_desk.domain.abuse import ReviewDecision, TerminationStatus
from websight_desk.i18n import _
from websight_desk.services import abuse
from websight_desk.services.abuse_refusal import TerminationView, termination_views
from websight_desk.storage.queries.ticket_owner import customer_has_terminations, customer_of_ticket
from websight_desk.ui import errors
from websight_desk.ui.context import UiContext
from websight_desk.ui.format import date_time

LIFTED = (TerminationStatus.OVERTURNED, TerminationStatus.REINSTATED)


class BannerSlot(Protocol):
    def set_banner(self, text: str | None, severity: str = "error") -> None: ...


@dataclass(frozen=True)
class BannerFacts:
    refusal: abuse.BannerView | None  # the customer is refused or awaits review
    lifted: TerminationView | None  # else: this ticket's ending that a lead lifted


def banner_text(view: abuse.BannerView) -> tuple[str, str]:
    """(text, severity) for `PolicyPanel.set_banner`: red for refused, amber for pending."""
    text = "\n".join((view.title.upper(), *view.lines))
    return text, "error" if view.severity == "refused" else "warning"


def decided_line(decision: ReviewDecision, lead: str, when: str, note: str) -> str:
    if decision is ReviewDecision.CONFIRMED:
        return _("Confirmed by {lead} on {when}: {note}").format(lead=lead, when=when, note=note)
    if decision is ReviewDecision.OVERTURNED:
        return _("Overturned by {lead} on {when}: {note}").format(lead=lead, when=when, note=note)
    return _("Reinstated by {lead} on {when}: {note}").format(lead=lead, when=when, note=note)


def lifted_text(term: TerminationView) -> tuple[str, str]:
    """Who ended the conversation, then each lead's decision, in order (amber: read it)."""
    if term.status is TerminationStatus.REINSTATED:
        title = _("Refusal lifted: customer reinstated")
    else:
        title = _("Ending for abuse overturned")
    lines = [
        _("Ended for abuse by {agent} on {when}.").format(
            agent=term.reporter_name, when=date_time(term.at)
        )
    ]
    for d in term.decisions:
        lines.append(decided_line(d.decision, d.reviewer_name, date_time(d.at), d.note))
    lines.append(_("The customer is served normally again; replies need no override."))
    return "\n".join((title.upper(), *lines)), "warning"


def banner_facts(conn: Any, ticket_id: str) -> BannerFacts | None:
    """What the banner says for this ticket's customer (`conn`: a `desk.db.read()` snapshot;
    the ticket pane reads it with the ticket, `TicketPane.add_read`)."""
    customer = customer_of_ticket(conn, ticket_id)
    if customer is None or not customer_has_terminations(conn, customer):
        return None  # (most customers: nothing more to read)
    refusal = abuse.refusal_banner(conn, customer)
    if refusal is not None:
        return BannerFacts(refusal, None)
    lifted = [
        t
        for t in termination_views(conn, [customer])
        if t.ticket_id == ticket_id and t.status in LIFTED
    ]
    return BannerFacts(None, lifted[-1] if lifted else None)


def show_banner_facts(panel: BannerSlot, facts: BannerFacts | None) -> None:
    if facts is not None and facts.refusal is not None:
        panel.set_banner(*banner_text(facts.refusal))
    elif facts is not None and facts.lifted is not None:
        panel.set_banner(*lifted_text(facts.lifted))
    else:
        panel.set_banner(None)


def show_refusal_banner(ctx: UiContext, panel: BannerSlot, ticket_id: str | None) -> None:
    """Fill (or hide) the panel's banner for the customer of this ticket."""
    if ticket_id is None:
        panel.set_banner(None)
        return
    desk = ctx.desk

    def job() -> BannerFacts | None:
        with desk.db.read() as conn:
            return banner_facts(conn, ticket_id)

    ctx.runner.run(
        job, lambda facts: show_banner_facts(panel, facts), errors.report, key=banner_key(panel)
    )


def banner_key(panel: BannerSlot) -> str:
    """The runner key of the panel's banner reading (a newer reading supersedes it)."""
    return f"refusal-banner-{id(panel)}"
