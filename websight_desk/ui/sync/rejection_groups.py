"""Refused changes grouped for people (by cause or by ticket) and cut into pages.

Plain Python over `RejectionRow`s: the window keeps every row (they are light) and shows one
page of one group at a time, so thousands of refusals stay quick and nothing is capped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from websight_desk.i18n import _
from websight_desk.services.rejection_causes import Cause, Diagnosis, cause_of, retryable
from websight_desk.storage.queries.rejections import RejectionRow
from websight_desk.ui.format import date_time
from websight_desk.ui.sync import reason_text

BY_CAUSE = "cause"
BY_TICKET = "ticket"
PAGE_SIZE = 100


@dataclass(frozen=True)
class Item:
    row: RejectionRow
    diagnosis: Diagnosis
    retryable: bool


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    items: tuple[Item, ...]
    ticket_id: str | None = None  # grouped by ticket: the ticket to open

    def unseen(self, seen: frozenset[str]) -> int:
        return sum(1 for i in self.items if i.row.op_id not in seen)

    def pages(self, size: int = PAGE_SIZE) -> int:
        return max(1, -(-len(self.items) // size))

    def page(self, number: int, size: int = PAGE_SIZE) -> tuple[Item, ...]:
        """Items of page `number` (0-based, clamped to the last page)."""
        number = min(max(number, 0), self.pages(size) - 1)
        return self.items[number * size : (number + 1) * size]


def items_of(rows: Sequence[RejectionRow]) -> list[Item]:
    return [Item(r, cause_of(r.reason), retryable(r.reason, r.source, r.kind)) for r in rows]


def _cause_key(item: Item) -> str:
    d = item.diagnosis
    if d.cause is Cause.RULE:  # each rule is its own cause for people
        return f"rule:{d.values.get('rule') or d.values.get('detail', '')}"
    return d.cause.value


def group(items: Sequence[Item], by: str) -> list[Group]:
    """Groups, the largest first; within a group the newest change first."""
    buckets: dict[str, list[Item]] = {}
    for item in items:
        key = (item.row.ticket_id or "") if by == BY_TICKET else _cause_key(item)
        buckets.setdefault(key, []).append(item)
    groups = []
    for key, members in buckets.items():
        first = members[0]
        if by == BY_TICKET:
            number = first.row.ticket_number
            if not key:
                title = _("Not tied to a ticket")
            elif number is None:
                title = _("A ticket not on this computer")
            else:
                title = _("Ticket #{number}").format(number=number)
            groups.append(Group(f"ticket:{key}", title, tuple(members), key or None))
        else:
            title = reason_text.title(first.diagnosis)
            if first.diagnosis.cause is Cause.RULE and "detail" in first.diagnosis.values:
                title = reason_text.sentence(first.diagnosis)  # a rule the server words itself
            groups.append(Group(key, title, tuple(members)))
    groups.sort(key=lambda g: (-len(g.items), g.title))
    return groups


def details(item: Item) -> str:
    """Everything about one refusal in words, for reading and for pasting to a colleague (no
    personal data: the change itself stays in the app)."""
    row = item.row
    ticket = f"#{row.ticket_number}" if row.ticket_number is not None else "—"
    lines = [
        _("Change: {what}").format(what=reason_text.change_label(row.kind, row.field)),
        _("Ticket: {ticket}").format(ticket=ticket),
        _("Refused: {when}").format(when=date_time(row.created_at)),
        _("Why: {why}").format(why=reason_text.sentence(item.diagnosis)),
        _("The server's words: {reason}").format(reason=row.reason),
        _("Change id: {id}").format(id=row.op_id),
    ]
    return "\n".join(lines)
