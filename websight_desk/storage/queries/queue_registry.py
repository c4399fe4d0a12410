"""The queue's views and flags as extensible registries.

Built-in views: My open, Unassigned, All open, Out of scope, Abuse suspected, Closed. Another
feature adds its own with `register_view` (e.g. the shift lead's review queue) and its flags
with `register_flag` (e.g. callback logged ☎, service refused ⛔) — at import time of its
module, which must be imported before the UI lists views (import it from your package's
`__init__`, or list it in `EXTENSION_MODULES` here: `views()`, `view()` and `flags()` import
those first, so every consumer — the UI, the CLI, the benchmarks — sees the same registry).

Expressions may use `Ticket` and `TicketTriage` (always outer-joined in the queue query) and
correlated subqueries on `Ticket.id` / `Ticket.customer_id`.
"""

from __future__ import annotations

import importlib
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

Where = Callable[[QueueQuery], ColumnElement[bool]]
FlagExpr = Callable[[], ColumnElement[bool]]

OUT_OF_SCOPE = "out_of_scope"  # policy Verdict value stored in ticket_triage.verdict
_OPEN = sorted(s.value for s in OPEN_STATUSES)
_DONE = sorted(s.value for s in TicketStatus if s not in OPEN_STATUSES)


@dataclass(frozen=True)
class ViewDef:
    info: ViewInfo
    where: Where
    order: int


@dataclass(frozen=True)
class FlagDef:
    info: FlagInfo
    expr: FlagExpr
    order: int


_views: dict[str, ViewDef] = {}
_flags: dict[str, FlagDef] = {}

# Modules that register views or flags at import time (they import this module, so they
# are loaded lazily, on first use of the registry, not from here at import time).
EXTENSION_MODULES: tuple[str, ...] = ("websight_desk.storage.queries.review_queue",)
_imported: set[str] = set()


def load_extensions() -> None:
    """Import every module of `EXTENSION_MODULES` once (idempotent, cheap after the first)."""
    for module in EXTENSION_MODULES:
        if module not in _imported:
            _imported.add(module)
            importlib.import_module(module)


def register_view(
    key: str, label: str, where: Where, *, roles: frozenset[str] | None = None, order: int = 100
) -> None:
    """Add (or replace) a queue view; `label` is an `N_()`-marked English msgid."""
    _views[key] = ViewDef(ViewInfo(key, label, roles), where, order)


def register_flag(key: str, symbol: str, label: str, expr: FlagExpr, *, order: int = 100) -> None:
    """Add (or replace) a flag: `expr()` is true for tickets that carry it."""
    _flags[key] = FlagDef(FlagInfo(key, symbol, label), expr, order)


def view(key: str) -> ViewDef:
    """The view registered under `key`, or "All open" if there is none (e.g. a removed one)."""
    load_extensions()
    return _views.get(key) or _views["all_open"]


def views(role: str | None = None) -> list[ViewInfo]:
    """Views visible to an agent with this role, in menu order."""
    load_extensions()
    defs = sorted(_views.values(), key=lambda d: (d.order, d.info.key))
    return [d.info for d in defs if d.info.roles is None or (role in d.info.roles)]


def flags() -> list[FlagDef]:
    """Every flag, in column order."""
    load_extensions()
    return sorted(_flags.values(), key=lambda d: (d.order, d.info.key))


def _is_open() -> ColumnElement[bool]:
    return Ticket.status.in_(_OPEN)


def _mine(q: QueueQuery) -> ColumnElement[bool]:
    if q.agent_id is None:
        return false()
    return and_(_is_open(), Ticket.assignee_id == q.agent_id)


register_view("my_open", N_("My open tickets"), _mine, order=10)
register_view(
    "unassigned",
    N_("Unassigned"),
    lambda q: and_(_is_open(), Ticket.assignee_id.is_(None)),
    order=20,
)
register_view("all_open", N_("All open"), lambda q: _is_open(), order=30)
register_view(
    "out_of_scope",
    N_("Out of scope"),
    lambda q: and_(_is_open(), TicketTriage.verdict == OUT_OF_SCOPE),
    order=40,
)
register_view(
    "abuse",
    N_("Abuse suspected"),
    lambda q: and_(_is_open(), TicketTriage.abuse.is_(True)),
    order=50,
)
register_view("closed", N_("Closed"), lambda q: Ticket.status.in_(_DONE), order=60)
register_view("all", N_("All tickets"), lambda q: true(), order=70)

register_flag("abuse", "⚠", N_("Abuse suspected"), lambda: TicketTriage.abuse.is_(True), order=10)


def has_callback() -> ColumnElement[bool]:
    """A phone callback was logged on the ticket (index ix_callbacks_ticket_started)."""
    return exists().where(Callback.ticket_id == Ticket.id)


def open_kvkk_request() -> ColumnElement[bool]:
    """The ticket is a KVKK data-subject request not closed yet (its deadline is running)."""
    closed = exists().where(KvkkRequestClosure.request_id == KvkkRequest.id)
    return exists().where(KvkkRequest.ticket_id == Ticket.id, not_(closed))


register_flag("callback", "☎", N_("Phone callback logged"), has_callback, order=20)
register_flag(
    "kvkk_request", "⧗", N_("Open KVKK request (30-day deadline)"), open_kvkk_request, order=15
)
