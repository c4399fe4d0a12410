"""The refusal projection: a customer's standing derived from terminations and reviews.

Never stored. Per termination, the server-accepted reviews are replayed in (hlc, node_id, id)
order through `domain.abuse.next_status`. The server accepts a review only if it is legal in
its commit (sequence) order, and a lead can only make a legal review after seeing the previous
one (the HLC moves past what it observed), so this order agrees with the server's sequence.
Reviews still pending in this device's outbox are listed as "awaiting the server", not counted.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime
from sqlalchemy import Connection, select

from websight_desk.domain.abuse import (
    RefusalStatus,
    ReviewDecision,
    TerminationStatus,
    next_status,
)
from websight_desk.i18n import _, babel_locale
from websight_desk.storage.models import AbuseReview, AbuseTermination, Agent, Ticket
from websight_desk.storage.queries.refusal_sql import PENDING, REJECTED, outbox_states

ISTANBUL = ZoneInfo("Europe/Istanbul")


@dataclass(frozen=True)
class ReviewView:
    id: str
    termination_id: str
    decision: ReviewDecision
    note: str
    reviewer_id: str
    reviewer_name: str
    at: datetime
    awaiting_server: bool = False


@dataclass(frozen=True)
class TerminationView:
    id: str
    channel: str
    ticket_id: str | None
    call_id: str | None
    customer_id: str
    reported_by: str
    reporter_name: str
    detector_suggested: bool
    evidence_message_id: str | None
    evidence_excerpt: str
    evidence_words: tuple[str, ...]
    category: str
    note: str
    at: datetime
    status: TerminationStatus
    decisions: tuple[ReviewView, ...] = ()  # accepted reviews that changed the status
    awaiting_server: tuple[ReviewView, ...] = ()


@dataclass(frozen=True)
class RefusalState:
    customer_id: str
    status: RefusalStatus
    terminations: tuple[TerminationView, ...] = ()
    deciding: TerminationView | None = None
    decision: ReviewView | None = None

    @property
    def needs_override(self) -> bool:
        return self.status.needs_override

    @property
    def awaiting_server(self) -> tuple[ReviewView, ...]:
        return tuple(r for t in self.terminations for r in t.awaiting_server)


@dataclass(frozen=True)
class BannerView:
    """What the policy panel's banner shows for a refused or pending customer."""

    status: RefusalStatus
    severity: str  # "refused" (red) | "pending" (amber)
    title: str
    lines: tuple[str, ...]
    termination_id: str | None


def _names(conn: Connection) -> dict[str, str]:
    return {r[0]: r[1] for r in conn.execute(select(Agent.id, Agent.display_name))}


def _reviews(
    conn: Connection, termination_ids: Sequence[str], names: dict[str, str]
) -> dict[str, list[tuple[ReviewView, str | None]]]:
    states = outbox_states(conn, "review.create")
    found: dict[str, list[tuple[ReviewView, str | None]]] = defaultdict(list)
    rows = conn.execute(
        select(AbuseReview.__table__)
        .where(AbuseReview.termination_id.in_(termination_ids))
        .order_by(AbuseReview.hlc, AbuseReview.node_id, AbuseReview.id)
    )
    for r in rows:
        state = states.get(r.id)
        view = ReviewView(
            r.id,
            r.termination_id,
            ReviewDecision(r.decision),
            r.note,
            r.reviewer_id,
            names.get(r.reviewer_id, "?"),
            r.created_at,
            awaiting_server=state == PENDING,
        )
        found[r.termination_id].append((view, state))
    return found


def termination_views(conn: Connection, customer_ids: Iterable[str]) -> list[TerminationView]:
    """Every live termination of these customers with its derived status, oldest first."""
    ids = sorted(set(customer_ids))
    if not ids:
        return []
    rejected = {k for k, v in outbox_states(conn, "termination.create").items() if v == REJECTED}
    rows = [
        t
        for t in conn.execute(
            select(AbuseTermination.__table__)
            .where(AbuseTermination.customer_id.in_(ids))
            .order_by(AbuseTermination.hlc, AbuseTermination.node_id, AbuseTermination.id)
        )
        if t.id not in rejected
    ]
    names = _names(conn)
    reviews = _reviews(conn, [t.id for t in rows], names)
    views = []
    for t in rows:
        status, decisions, awaiting = TerminationStatus.PENDING_REVIEW, [], []
        for review, state in reviews.get(t.id, ()):
            if state == PENDING:
                awaiting.append(review)
                continue
            if state == REJECTED:
                continue
            after = next_status(status, review.decision)
            if after is not None:  # an illegal (superseded) review changes nothing
                status = after
                decisions.append(review)
        views.append(
            TerminationView(
                t.id,
                t.channel,
                t.ticket_id,
                t.call_id,
                t.customer_id,
                t.reported_by,
                names.get(t.reported_by, "?"),
                t.detector_suggested,
                t.evidence_message_id,
                t.evidence_excerpt,
                tuple(json.loads(t.evidence_words or "[]")),
                t.category,
                t.note,
                t.created_at,
                status,
                tuple(decisions),
                tuple(awaiting),
            )
        )
    return views


_LIFTED = {
    TerminationStatus.OVERTURNED: RefusalStatus.OVERTURNED,
    TerminationStatus.REINSTATED: RefusalStatus.REINSTATED,
}


def _standing(customer_id: str, terms: list[TerminationView]) -> RefusalState:
    def pick(status: TerminationStatus) -> TerminationView | None:
        chosen = [t for t in terms if t.status is status]
        return chosen[-1] if chosen else None

    everything = tuple(terms)
    confirmed = pick(TerminationStatus.CONFIRMED)
    if confirmed is not None:
        decision = confirmed.decisions[-1]
        return RefusalState(customer_id, RefusalStatus.REFUSED, everything, confirmed, decision)
    pending = pick(TerminationStatus.PENDING_REVIEW)
    if pending is not None:
        return RefusalState(customer_id, RefusalStatus.PENDING_REVIEW, everything, pending)
    lifted = [t for t in terms if t.status in _LIFTED and t.decisions]
    if lifted:
        last = max(lifted, key=lambda t: t.decisions[-1].at)
        status = _LIFTED[last.status]
        return RefusalState(customer_id, status, everything, last, last.decisions[-1])
    return RefusalState(customer_id, RefusalStatus.NONE, everything)


def refusal_states(conn: Connection, customer_ids: Iterable[str]) -> dict[str, RefusalState]:
    ids = sorted(set(customer_ids))
    by_customer: dict[str, list[TerminationView]] = defaultdict(list)
    for t in termination_views(conn, ids):
        by_customer[t.customer_id].append(t)
    return {c: _standing(c, by_customer.get(c, [])) for c in ids}


def refusal_state(conn: Connection, customer_id: str) -> RefusalState:
    return refusal_states(conn, [customer_id])[customer_id]


def refusal_flags(conn: Connection, ticket_ids: Iterable[str]) -> dict[str, RefusalStatus]:
    """{ticket id: status} for tickets whose customer is refused or pending review."""
    ids = sorted(set(ticket_ids))
    owners = {
        r[0]: r[1]
        for r in conn.execute(select(Ticket.id, Ticket.customer_id).where(Ticket.id.in_(ids)))
    }
    states = refusal_states(conn, owners.values())
    return {
        ticket: states[customer].status
        for ticket, customer in owners.items()
        if states[customer].needs_override
    }


def _when(moment: datetime) -> str:
    """Istanbul time as the UI language writes it (11.10.2026 00:45, 10/11/26, 12:45 AM)."""
    return str(format_datetime(moment, "short", tzinfo=ISTANBUL, locale=babel_locale()))


def refusal_banner(conn: Connection, customer_id: str) -> BannerView | None:
    """The banner for the policy panel, or None when the customer is served normally."""
    state = refusal_state(conn, customer_id)
    t = state.deciding
    if not state.needs_override or t is None:
        return None
    lines = [
        _("Ended for abuse by {agent} on {when}.").format(agent=t.reporter_name, when=_when(t.at)),
        _("Evidence: “{text}”").format(text=t.evidence_excerpt[:160]),
    ]
    if state.status is RefusalStatus.REFUSED and state.decision is not None:
        d = state.decision
        title = _("Service refused")
        lines.append(
            _("Confirmed by {lead} on {when}: {note}").format(
                lead=d.reviewer_name, when=_when(d.at), note=d.note
            )
        )
        severity = "refused"
    else:
        title = _("Refusal pending a shift lead's review")
        severity = "pending"
    for r in state.awaiting_server:
        lines.append(
            _("{lead} decided “{decision}” on this workstation; awaiting the server.").format(
                lead=r.reviewer_name, decision=decision_label(r.decision)
            )
        )
    lines.append(_("Replying needs an override with a reason; it is recorded."))
    return BannerView(state.status, severity, title, tuple(lines), t.id)


def decision_label(decision: ReviewDecision) -> str:
    labels = {
        ReviewDecision.CONFIRMED: _("confirmed"),
        ReviewDecision.OVERTURNED: _("overturned"),
        ReviewDecision.REINSTATED: _("reinstated"),
    }
    return labels[decision]
