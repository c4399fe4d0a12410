"""Queue columns, and how stored values are shown (text + symbol, never colour alone)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from websight_desk.domain.queue_views import QueueRow, SortKey
from websight_desk.i18n import N_, _
from websight_desk.storage.queries import queue_registry
from websight_desk.ui import format as fmt
from websight_desk.ui import icons
from websight_desk.ui.value_labels import PRIORITY, SERVICE_KIND, STATUS, tr_


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # N_-marked msgid
    sort: SortKey | None
    width: int  # default width in pixels
    shown: bool = True  # in the default set (the column chooser shows the others)


COLUMNS: tuple[Column, ...] = (
    # The default set fits the queue pane of a 1280 px window (issue 18): what an agent scans
    # first comes first; the verdict is an icon there (its word when the column is widened).
    Column("number", N_("No."), SortKey.NUMBER, 52),
    Column("flags", N_("Flags"), None, 38),
    Column("subject", N_("Subject"), SortKey.SUBJECT, 116),
    Column("customer", N_("Customer"), SortKey.CUSTOMER, 86),
    Column("verdict", N_("Verdict"), SortKey.VERDICT, 28),
    Column("status", N_("Status"), SortKey.STATUS, 64),
    Column("assignee", N_("Assignee"), SortKey.ASSIGNEE, 66),
    Column("updated", N_("Updated"), SortKey.UPDATED, 72),
    Column("age", N_("Age"), SortKey.AGE, 92, shown=False),
    Column("service", N_("Service"), SortKey.SERVICE, 96, shown=False),
    Column("priority", N_("Priority"), SortKey.PRIORITY, 60, shown=False),
)
INDEX = {c.key: i for i, c in enumerate(COLUMNS)}

# Policy verdicts (policy.model.Verdict values): a symbol and a word, readable without colour.
VERDICT = {
    "in_scope": ("✓", N_("In scope")),
    "out_of_scope": ("⊘", N_("Out of scope")),
    "redirect": ("↗", N_("Redirect")),
}


def verdict_label(verdict: str | None) -> str:
    """The verdict in words, without its symbol (the queue draws an icon beside it)."""
    if verdict is None:
        return "…"
    return _(VERDICT[verdict][1]) if verdict in VERDICT else verdict


def verdict_text(verdict: str | None) -> str:
    if verdict is None:
        return "…"
    symbol, label = VERDICT.get(verdict, ("?", verdict))
    return f"{symbol} {_(label)}"


def flags_text(flags: frozenset[str]) -> str:
    return " ".join(d.info.symbol for d in queue_registry.flags() if d.info.key in flags)


def flags_tooltip(flags: frozenset[str]) -> str:
    """The flags with their icons and words, one a line (rich text: the icon is the SVG
    drawn by Qt, its symbol only the image's alternative text, never a font's glyph)."""
    lines = []
    for d in queue_registry.flags():
        if d.info.key not in flags:
            continue
        svg = icons.ICON_DIR / f"{icons.FLAG_ICONS.get(d.info.key, '')}.svg"
        img = (
            f'<img src="{svg.as_uri()}" width="16" height="16" alt="{d.info.symbol}"> '
            if svg.is_file()
            else ""
        )
        lines.append(f"{img}{html.escape(_(d.info.label))}")
    return "<br>".join(lines)


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
    if key == "updated":
        return fmt.age(row.updated_at, now)
    if key == "assignee":
        return row.assignee or "—"
    if key == "verdict":
        return verdict_text(row.verdict)
    if key == "flags":
        return flags_text(row.flags)
    raise KeyError(key)
