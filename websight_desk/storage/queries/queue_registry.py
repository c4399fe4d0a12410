"""The queue's views and flags: one table of each, declared here.

Views: My open, Unassigned, All open, Out of scope, Abuse suspected, the shift lead's Review
queue, Closed, All. Flags: service refused ⛔, abuse suspected ⚠, open KVKK request ⧗,
callback logged ☎. A new feature adds its row to `VIEWS` or `FLAGS`.

Expressions may use `Ticket` and `TicketTriage` (always outer-joined in the queue query) and
correlated subqueries on `Ticket.id` / `Ticket.customer_id`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import ColumnElement, and_, exists, false, not_, true

from websight_desk.domain.enums import OPEN_STATUSES, TicketStatus
from websight_desk.domain.queue_views import FlagInfo, QueueQuery, ViewInfo
from websight_desk.i18n import N_
from websight_desk.storage.models import (
    Callback,
    KvkkRequest,
    KvkkRequestClosure,
    Ticket,
    TicketTriage,
)
from websight_desk.storage.queries.refusal_sql import (
    customer_refused_or_pending,
    ticket_awaits_review,
)

Where = Callable[[QueueQuery], ColumnElement[bool]]
FlagExpr = Callable[[], ColumnElement[bool]]

OUT_OF_SCOPE = "out_of_scope"  # policy Verdict value stored in ticket_triage.verdict
_OPEN = sorted(s.value for s in OPEN_STATUSES)
_DONE = sorted(s.value for s in TicketStatus if s not in OPEN_STATUSES)


@dataclass(frozen=True)
class ViewDef:
    info: ViewInfo
    where: Where


@dataclass(frozen=True)
class FlagDef:
    info: FlagInfo
    expr: FlagExpr


REVIEW_VIEW = "abuse_review"
REFUSED_FLAG = "refused"
_LEADS = frozenset({"shift_lead"})


def _is_open() -> ColumnElement[bool]:
    return Ticket.status.in_(_OPEN)


def _mine(q: QueueQuery) -> ColumnElement[bool]:
    if q.agent_id is None:
        return false()
    return and_(_is_open(), Ticket.assignee_id == q.agent_id)


def has_callback() -> ColumnElement[bool]:
    """A phone callback was logged on the ticket (index ix_callbacks_ticket_started)."""
    return exists().where(Callback.ticket_id == Ticket.id)


def open_kvkk_request() -> ColumnElement[bool]:
    """The ticket is a KVKK data-subject request not closed yet (its deadline is running)."""
    closed = exists().where(KvkkRequestClosure.request_id == KvkkRequest.id)
    return exists().where(KvkkRequest.ticket_id == Ticket.id, not_(closed))


def _view(key: str, label: str, where: Where, roles: frozenset[str] | None = None) -> ViewDef:
    return ViewDef(ViewInfo(key, label, roles), where)


def _flag(key: str, symbol: str, label: str, expr: FlagExpr) -> FlagDef:
    return FlagDef(FlagInfo(key, symbol, label), expr)


# In menu order; labels are `N_()`-marked English msgids.
VIEWS: tuple[ViewDef, ...] = (
    _view("my_open", N_("My open tickets"), _mine),
    _view("unassigned", N_("Unassigned"), lambda q: and_(_is_open(), Ticket.assignee_id.is_(None))),
    _view("all_open", N_("All open"), lambda q: _is_open()),
    _view(
        "out_of_scope",
        N_("Out of scope"),
        lambda q: and_(_is_open(), TicketTriage.verdict == OUT_OF_SCOPE),
    ),
    _view("abuse", N_("Abuse suspected"), lambda q: and_(_is_open(), TicketTriage.abuse.is_(True))),
    _view(REVIEW_VIEW, N_("Review queue"), lambda q: ticket_awaits_review(), roles=_LEADS),
    _view("closed", N_("Closed"), lambda q: Ticket.status.in_(_DONE)),
    _view("all", N_("All tickets"), lambda q: true()),
)

# In column order: `expr()` is true for tickets that carry the flag.
FLAGS: tuple[FlagDef, ...] = (
    _flag(REFUSED_FLAG, "⛔", N_("Service refused or pending review"), customer_refused_or_pending),
    _flag("abuse", "⚠", N_("Abuse suspected"), lambda: TicketTriage.abuse.is_(True)),
    _flag("kvkk_request", "⧗", N_("Open KVKK request (30-day deadline)"), open_kvkk_request),
    _flag("callback", "☎", N_("Phone callback logged"), has_callback),
)
_BY_KEY = {d.info.key: d for d in VIEWS}


def view(key: str) -> ViewDef:
    """The view with this key, or "All open" if there is none (e.g. a removed one)."""
    return _BY_KEY.get(key) or _BY_KEY["all_open"]


def views(role: str | None = None) -> list[ViewInfo]:
    """Views visible to an agent with this role, in menu order."""
    return [d.info for d in VIEWS if d.info.roles is None or (role in d.info.roles)]


def flags() -> list[FlagDef]:
    """Every flag, in column order."""
    return list(FLAGS)


def load_extensions() -> None:
    """Nothing to load any more (the tables above are complete); kept while `ui/main_window.py`
    still calls it."""
