"""Numbers behind the shift lead's abuse report: per week, per agent, overturns, review time."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from statistics import median

from sqlalchemy import Connection, select

from websight_desk.domain.abuse import ReviewDecision
from websight_desk.storage.models import AbuseReview, AbuseTermination, Agent
from websight_desk.storage.queries.refusal_sql import live_termination, unaccepted_reviews

FIRST_DECISIONS = (ReviewDecision.CONFIRMED.value, ReviewDecision.OVERTURNED.value)


@dataclass(frozen=True)
class AbuseReport:
    weeks: tuple[tuple[datetime, int], ...]  # (Monday 00:00 UTC, terminations), oldest first
    per_agent: tuple[tuple[str, int], ...]  # (agent name, terminations in the weeks), most first
    reviewed: int
    overturned: int
    pending: int
    median_review_hours: float | None

    @property
    def overturn_rate(self) -> float | None:
        return None if not self.reviewed else self.overturned / self.reviewed


def _monday(moment: datetime) -> datetime:
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def abuse_report(conn: Connection, now: datetime, weeks: int = 8) -> AbuseReport:
    """The last `weeks` weeks of terminations and every server-accepted first review."""
    t = AbuseTermination
    terms = conn.execute(
        select(t.id, t.created_at, Agent.display_name)
        .join(Agent, Agent.id == t.reported_by)
        .where(live_termination())
    ).all()
    first: dict[str, tuple[str, datetime]] = {}
    for r in conn.execute(
        select(AbuseReview.termination_id, AbuseReview.decision, AbuseReview.created_at)
        .where(
            AbuseReview.decision.in_(FIRST_DECISIONS),
            AbuseReview.id.not_in(unaccepted_reviews()),
        )
        .order_by(AbuseReview.hlc, AbuseReview.node_id, AbuseReview.id)
    ):
        first.setdefault(r.termination_id, (r.decision, r.created_at))
    start = _monday(now) - timedelta(weeks=weeks - 1)
    per_week = Counter(_monday(x.created_at) for x in terms if x.created_at >= start)
    week_rows = tuple(
        (start + timedelta(weeks=i), per_week.get(start + timedelta(weeks=i), 0))
        for i in range(weeks)
    )
    agents = Counter(x.display_name for x in terms if x.created_at >= start)
    hours = [(first[x.id][1] - x.created_at).total_seconds() / 3600 for x in terms if x.id in first]
    decided = [first[x.id][0] for x in terms if x.id in first]
    return AbuseReport(
        weeks=week_rows,
        per_agent=tuple(sorted(agents.items(), key=lambda kv: (-kv[1], kv[0]))),
        reviewed=len(decided),
        overturned=decided.count(ReviewDecision.OVERTURNED.value),
        pending=len(terms) - len(decided),
        median_review_hours=median(hours) if hours else None,
    )
