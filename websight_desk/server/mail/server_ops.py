"""Ops the mail channel makes on the server: validated, applied, logged — like a push.

The same path as `server.accounts.publish_agent`: every op is checked against its kind's
schema (`domain.op_kinds`), applied with the shared appliers and appended to the change log
last in the writing transaction, so workstations receive it by their normal pull.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from websight_desk.domain.abuse import ReviewDecision, TerminationStatus, next_status
from websight_desk.domain.hlc import HybridClock
from websight_desk.domain.ids import SERVER_NODE, new_id
from websight_desk.domain.op_kinds import validate_payload
from websight_desk.server import changelog
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.models import AbuseReview, AbuseTermination
from websight_desk.storage.ops import Op


@dataclass
class ServerOps:
    """The ops of one writing transaction, made with one clock past everything logged."""

    conn: Connection
    ops: list[Op] = field(default_factory=list)
    clock: HybridClock | None = None

    def add(self, kind: str, payload: dict[str, Any], author_id: str | None = None) -> Op:
        validate_payload(kind, payload)  # a payload the server itself would refuse is a bug
        if self.clock is None:
            self.clock = HybridClock(changelog.max_hlc(self.conn))
        op = Op(new_id(), kind, payload, self.clock.now(), SERVER_NODE, author_id)
        self.ops.append(op)
        return op

    def commit(self) -> None:
        """Apply and log the ops; call last in the transaction (it takes the counter row)."""
        if not self.ops:
            return
        apply_ops(ApplyContext(self.conn, with_search_index=False), self.ops)
        changelog.append(self.conn, self.ops, pushed_by=None)


@dataclass(frozen=True)
class Refusal:
    termination_id: str
    ticket_id: str | None


def refusal_of(conn: Connection, customer_id: str) -> Refusal | None:
    """The confirmed termination that refuses this customer service, if any.

    Derived like the workstations' projection (`services.abuse_refusal`): each termination's
    reviews replayed in (hlc, node, id) order; on the server every stored review is accepted.
    """
    terms = conn.execute(
        select(AbuseTermination.id, AbuseTermination.ticket_id)
        .where(AbuseTermination.customer_id == customer_id)
        .order_by(AbuseTermination.hlc, AbuseTermination.node_id, AbuseTermination.id)
    ).all()
    if not terms:
        return None
    reviews: dict[str, list[str]] = {}
    for termination_id, decision in conn.execute(
        select(AbuseReview.termination_id, AbuseReview.decision)
        .where(AbuseReview.termination_id.in_([t.id for t in terms]))
        .order_by(AbuseReview.hlc, AbuseReview.node_id, AbuseReview.id)
    ):
        reviews.setdefault(termination_id, []).append(decision)
    refused: Refusal | None = None
    for t in terms:
        status = TerminationStatus.PENDING_REVIEW
        for decision in reviews.get(t.id, ()):
            status = next_status(status, ReviewDecision(decision)) or status
        if status is TerminationStatus.CONFIRMED:
            refused = Refusal(t.id, t.ticket_id)
    return refused
