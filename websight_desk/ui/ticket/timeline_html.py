"""Decisions in the thread (issue #14): status, priority and assignee changes, abuse
terminations and the shift lead's reviews — each a one-line event with who, when and the note;
and the server's acknowledgement mail of a new mail ticket (kind `ack`, its state as value).
"""

from __future__ import annotations

from html import escape

from websight_desk.domain.abuse import AbuseCategory, ReviewDecision
from websight_desk.domain.enums import Priority, TicketStatus
from websight_desk.i18n import N_, _
from websight_desk.storage.queries.ticket_timeline import TimelineEvent
from websight_desk.ui.format import date_time
from websight_desk.ui.icon_html import img
from websight_desk.ui.ticket.labels import PRIORITY, STATUS, tr_
from websight_desk.ui.ticket.mail_html import reason_text

_CATEGORY = {
    AbuseCategory.INSULT: N_("insult"),
    AbuseCategory.PROFANITY: N_("profanity"),
    AbuseCategory.THREAT: N_("threat"),
    AbuseCategory.HARASSMENT: N_("harassment"),
}
_REVIEW = {
    ReviewDecision.CONFIRMED: ("⊘", N_("Shift lead confirmed the termination")),
    ReviewDecision.OVERTURNED: ("↺", N_("Shift lead overturned the termination")),
    ReviewDecision.REINSTATED: ("↺", N_("Shift lead reinstated the customer")),
}
_RED, _GREY = "#8c1d18", "#4a5562"
# Events about ending a conversation show the header's "end for abuse" icon (an SVG drawn by
# Qt) rather than a symbol from a font.
_END_ICON = "action_end"


def _icon_of(e: TimelineEvent) -> str | None:
    if e.kind == "termination" or (e.kind == "review" and e.value == ReviewDecision.CONFIRMED):
        return _END_ICON
    return None


def _status(value: str | None) -> str:
    try:
        return tr_(STATUS, TicketStatus(value or ""))
    except ValueError:
        return value or "—"


def _priority(value: str | None) -> str:
    try:
        return tr_(PRIORITY, Priority(value or ""))
    except ValueError:
        return value or "—"


def _what(e: TimelineEvent) -> tuple[str, str, str]:
    """(symbol, sentence, colour) of an event."""
    if e.kind == "status":
        return "◆", _("Status changed to {status}").format(status=_status(e.value)), _GREY
    if e.kind == "priority":
        return "◆", _("Priority changed to {p}").format(p=_priority(e.value)), _GREY
    if e.kind == "assignee":
        if e.value is None:
            return "⇄", _("Unassigned"), _GREY
        return "⇄", _("Assigned to {name}").format(name=e.value), _GREY
    if e.kind == "ack":
        if e.value == "sent":
            return "✉", _("Acknowledgement mailed to the customer"), "#1e6b34"
        if e.value in ("failed", "bounced"):
            text = _("Acknowledgement not mailed: {reason}").format(reason=reason_text(e.note))
            return "✖", text, _RED
        return "◔", _("Acknowledgement queued for mailing"), _GREY
    if e.kind == "termination":
        try:
            category = _(_CATEGORY[AbuseCategory(e.value or "")])
        except (KeyError, ValueError):
            category = e.value or "—"
        text = _("Conversation ended for abuse ({category})").format(category=category)
        return "⊘", text, _RED
    try:
        symbol, label = _REVIEW[ReviewDecision(e.value or "")]
    except (KeyError, ValueError):
        return "◆", e.value or "—", _GREY
    return symbol, _(label), _RED if e.value == ReviewDecision.CONFIRMED else "#1e6b34"


def render_event(e: TimelineEvent) -> str:
    """One event as a thin line of the thread."""
    symbol, text, colour = _what(e)
    name = _icon_of(e)
    mark = img(name) + " " if name else escape(symbol) + " "
    parts = [f"{mark}<b>{escape(text)}</b>" if name else f"<b>{mark}{escape(text)}</b>"]
    parts.append(escape(e.actor) if e.actor else escape(_("by the server")))
    parts.append(escape(date_time(e.at)))
    line = " · ".join(parts)
    if e.removed:
        line += "<br><i>" + escape(_("Note removed (KVKK retention).")) + "</i>"
    elif e.note and e.kind != "ack":  # an ack's note is its reason, already in the sentence
        note = escape(_("Note: {note}").format(note=e.note)).replace("\n", "<br>")
        line += f"<br>{note}"
    return (
        '<table width="100%" cellspacing="0" cellpadding="3" style="margin-bottom:6px;">'
        f'<tr><td align="center"><span style="color:{colour};">{line}</span></td></tr></table>'
    )


__all__ = ["render_event"]
