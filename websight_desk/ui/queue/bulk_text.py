"""What the status bar says after a bulk change ("12 tickets assigned to Ayşe")."""

from __future__ import annotations

from websight_desk.domain.enums import TicketStatus
from websight_desk.i18n import _, ngettext
from websight_desk.services.bulk import BulkResult, Refusal
from websight_desk.ui import format as fmt
from websight_desk.ui.value_labels import STATUS, tr_

SHOWN_NUMBERS = 5  # refused tickets named by number; more are counted


def _n(n: int) -> str:
    return fmt.number(n)


def assigned_text(result: BulkResult, name: str | None) -> str:
    """ "12 tickets assigned to Ayşe" (None: unassigned), then what was not changed."""
    n = len(result.changed)
    if name is None:
        done = ngettext("{n} ticket unassigned", "{n} tickets unassigned", n)
    else:
        done = ngettext("{n} ticket assigned to {name}", "{n} tickets assigned to {name}", n)
    return _join(done.format(n=_n(n), name=name), result)


def status_text(result: BulkResult, status: TicketStatus) -> str:
    """ "12 tickets set to “Resolved”", then what was not changed."""
    n = len(result.changed)
    done = ngettext("{n} ticket set to “{status}”", "{n} tickets set to “{status}”", n)
    return _join(done.format(n=_n(n), status=tr_(STATUS, status)), result)


def _join(done: str, result: BulkResult) -> str:
    parts = [done]
    if result.unchanged:
        k = len(result.unchanged)
        parts.append(ngettext("{n} already so", "{n} already so", k).format(n=_n(k)))
    ended = [r.number for r in result.refused if r.reason is Refusal.ENDED and r.number]
    if ended:
        numbers = ", ".join(f"#{x}" for x in ended[:SHOWN_NUMBERS])
        if len(ended) > SHOWN_NUMBERS:
            numbers += " " + _("and {n} more").format(n=_n(len(ended) - SHOWN_NUMBERS))
        parts.append(
            ngettext(
                "{numbers} not changed: ended for abuse (the shift lead's review decides)",
                "{numbers} not changed: ended for abuse (the shift lead's review decides)",
                len(ended),
            ).format(numbers=numbers)
        )
    gone = sum(1 for r in result.refused if r.reason is Refusal.GONE)
    if gone:
        parts.append(
            ngettext("{n} no longer exists", "{n} no longer exist", gone).format(n=_n(gone))
        )
    return "; ".join(parts)


__all__ = ["assigned_text", "status_text"]
