"""Queue columns, and how stored values are shown (text + symbol, never colour alone)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from websight_desk.domain.queue_views import QueueRow, SortKey
from websight_desk.i18n import N_, _
from websight_desk.storage.queries import queue_registry
from websight_desk.ui import format as fmt
from websight_desk.ui.value_labels import PRIORITY, SERVICE_KIND, STATUS, tr_


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # N_-marked msgid
    sort: SortKey | None


COLUMNS: tuple[Column, ...] = (
    # What an agent scans first comes first; the rest is reachable by scrolling or resizing.
    Column("number", N_("No."), SortKey.NUMBER),
    Column("flags", N_("Flags"), None),
    Column("subject", N_("Subject"), SortKey.SUBJECT),
    Column("customer", N_("Customer"), SortKey.CUSTOMER),
    Column("verdict", N_("Verdict"), SortKey.VERDICT),
    Column("age", N_("Age"), SortKey.AGE),
    Column("service", N_("Service"), SortKey.SERVICE),
    Column("status", N_("Status"), SortKey.STATUS),
    Column("priority", N_("Priority"), SortKey.PRIORITY),
    Column("assignee", N_("Assignee"), SortKey.ASSIGNEE),
)
INDEX = {c.key: i for i, c in enumerate(COLUMNS)}

# Policy verdicts (policy.model.Verdict values): a symbol and a word, readable without colour.
VERDICT = {
    "in_scope": ("✓", N_("In scope")),
    "out_of_scope": ("⊘", N_("Out of scope")),
    "redirect": ("↗", N_("Redirect")),
}


def verdict_text(verdict: str | None) -> str:
    if verdict is None:
        return "…"
    symbol, label = VERDICT.get(verdict, ("?", verdict))
    return f"{symbol} {_(label)}"


def flags_text(flags: frozenset[str]) -> str:
    return " ".join(d.info.symbol for d in queue_registry.flags() if d.info.key in flags)


def flags_tooltip(flags: frozenset[str]) -> str:
    return "\n".join(
        f"{d.info.symbol} {_(d.info.label)}" for d in queue_registry.flags() if d.info.key in flags
    )


def cell_text(row: QueueRow, key: str, now: datetime) -> str:
    """The text shown in one cell."""
    if key == "number":
        return str(row.number)
    if key == "subject":
        return row.subject
    if key == "customer":
        return row.customer
    if key == "service":
        return tr_(SERVICE_KIND, row.service_kind)
    if key == "status":
        return tr_(STATUS, row.status)
    if key == "priority":
        return tr_(PRIORITY, row.priority)
    if key == "age":
        return fmt.age(row.created_at, now)
    if key == "assignee":
        return row.assignee or "—"
    if key == "verdict":
        return verdict_text(row.verdict)
    if key == "flags":
        return flags_text(row.flags)
    raise KeyError(key)
