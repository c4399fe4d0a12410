"""The ticket thread as rich text for a QTextBrowser: one block per message.

Kinds differ by symbol and label (not colour alone); phone callbacks are interleaved by time
(`ui/callbacks/thread_entry.py`), and so are decisions (`timeline_html.py`); a reply shows its
mail state and an inbound mail its files (`mail_html.py`); quoted mail history is collapsed
behind a `quote:<id>` link; the policy evidence is highlighted and anchored as `#hl`. Every
text is escaped: nothing a customer wrote becomes markup, so nothing remote is ever loaded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from html import escape

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.enums import MessageKind
from websight_desk.domain.ticket_views import MessageView
from websight_desk.i18n import _, ngettext
from websight_desk.policy.quoting import quoted_ranges
from websight_desk.storage.queries.ticket_timeline import TimelineEvent
from websight_desk.ui.callbacks.thread_entry import render_callback
from websight_desk.ui.format import date_time
from websight_desk.ui.ticket.labels import MESSAGE_KIND
from websight_desk.ui.ticket.mail_html import (
    MailInfo,
    attachments_html,
    reply_state_html,
    strip_listing,
)
from websight_desk.ui.ticket.timeline_html import render_event

HIGHLIGHT_ANCHOR = "hl"
QUOTE_LINK = "quote:"
# Calm tints; the stripe and the label carry the meaning, the colour only helps.
_STYLE = {
    MessageKind.INBOUND: ("#8a96a3", "#ffffff"),
    MessageKind.OUTBOUND: ("#3d6fb6", "#eef4fb"),
    MessageKind.NOTE: ("#c89a12", "#fff7e0"),
}
_MARK = "background-color:#ffd966; color:#000000; text-decoration:underline; font-weight:600;"


@dataclass(frozen=True, slots=True)
class Highlight:
    """A range of one field ("subject" or "message:<uuid>") to show highlighted."""

    field: str
    start: int
    end: int


def highlighted(text: str, mark: Highlight | None, field: str) -> str:
    """`text` as HTML with the mark (if it is in this field) wrapped and anchored."""
    if mark is None or mark.field != field or not 0 <= mark.start < mark.end <= len(text):
        return _plain(text)
    return (
        _plain(text[: mark.start])
        + f'<a name="{HIGHLIGHT_ANCHOR}"></a><span style="{_MARK}">'
        + _plain(text[mark.start : mark.end])
        + "</span>"
        + _plain(text[mark.end :])
    )


def _plain(text: str) -> str:
    return escape(text).replace("\n", "<br>")


def quote_spans(body: str) -> list[tuple[int, int]]:
    """Quoted-history ranges of a body, merged when only whitespace separates them."""
    merged: list[tuple[int, int]] = []
    for start, end in quoted_ranges(body):
        if merged and not body[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def needs_expanding(body: str, mark: Highlight) -> bool:
    """True when the mark falls inside quoted history (which must be shown to be seen)."""
    return any(s < mark.end and mark.start < e for s, e in quote_spans(body))


def _body_html(m: MessageView, expanded: bool, mark: Highlight | None) -> str:
    if m.redacted:
        return "<i>" + escape(_("(removed for data protection)")) + "</i>"
    spans = quote_spans(m.body)
    if not spans:
        return highlighted(m.body, mark, m.field)
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out.append(_segment(m, pos, start, mark))
        lines = m.body[start:end].strip("\n").count("\n") + 1
        if expanded:
            label = "▾ " + _("Hide quoted text")
            out.append(f'<a href="{QUOTE_LINK}{m.id}">{escape(label)}</a><br>')
            inner = _segment(m, start, end, mark)
            out.append(f'<span style="color:#5f6b78;">{inner}</span>')
        else:
            label = "▸ " + ngettext(
                "Quoted text ({n} line) hidden — show",
                "Quoted text ({n} lines) hidden — show",
                lines,
            ).format(n=lines)
            out.append(f'<a href="{QUOTE_LINK}{m.id}">{escape(label)}</a>')
        pos = end
    out.append(_segment(m, pos, len(m.body), mark))
    return "".join(out)


def _segment(m: MessageView, start: int, end: int, mark: Highlight | None) -> str:
    """Part of a body; the mark is shifted into the segment's coordinates."""
    text = m.body[start:end]
    if mark is None or mark.field != m.field or mark.end <= start or mark.start >= end:
        return _plain(text)
    local = Highlight(m.field, max(mark.start, start) - start, min(mark.end, end) - start)
    return highlighted(text, local, m.field)


def _header_html(m: MessageView, is_new: bool) -> str:
    symbol, label = MESSAGE_KIND[m.kind]
    who = m.author_name if m.kind is not MessageKind.INBOUND else None
    parts = [f"<b>{escape(symbol)} {escape(_(label))}</b>"]
    if who:
        parts.append(escape(who))
    parts.append(escape(date_time(m.created_at)))
    if m.kind is MessageKind.NOTE:
        parts.append("<i>" + escape(_("not sent to the customer")) + "</i>")
    header = " · ".join(parts)
    if is_new:
        badge = escape(_("NEW"))
        header += (
            f' <span style="background-color:#1f5fa8; color:#ffffff;">&nbsp;{badge}&nbsp;</span>'
        )
    return header


def _message_block(
    m: MessageView,
    expanded: bool,
    mark: Highlight | None,
    is_new: bool,
    *,
    mail: MailInfo | None = None,
    now: datetime | None = None,
) -> str:
    stripe, background = _STYLE[m.kind]
    state = ""
    files = ""
    if mail is not None and m.kind is MessageKind.OUTBOUND:
        state = reply_state_html(mail, m.created_at, now or m.created_at)
    if mail is not None and mail.state is not None and not m.redacted:
        found = mail.state.attachments
        files = attachments_html(found)
        m = replace(m, body=strip_listing(m.body, found))
    body = _body_html(m, expanded, mark)
    return (
        '<table width="100%" cellspacing="0" cellpadding="5" style="margin-bottom:6px;">'
        f'<tr><td width="4" bgcolor="{stripe}"></td>'
        f'<td bgcolor="{background}"><span style="color:#3a4450;">'
        f"{_header_html(m, is_new)}</span>{state}<br>{body}{files}</td></tr></table>"
    )


def render_thread(
    messages: Iterable[MessageView],
    *,
    expanded: frozenset[str] = frozenset(),
    mark: Highlight | None = None,
    new_ids: frozenset[str] = frozenset(),
    callbacks: Iterable[CallbackView] = (),
    mail: Mapping[str, MailInfo] | None = None,
    events: Iterable[TimelineEvent] = (),
    now: datetime | None = None,
) -> str:
    """The whole thread, oldest first, as one HTML document; phone callbacks and decisions are
    interleaved by their time as entries of their own kind. `mail` (by message id) adds each
    reply's mail state and each inbound mail's files; `now` dates "waiting for the server"."""
    # (time, order, html): a message and a callback at the same instant keep message first.
    entries: list[tuple[datetime, int, str]] = [
        (
            m.created_at,
            0,
            _message_block(
                m,
                m.id in expanded,
                mark,
                m.id in new_ids,
                mail=None if mail is None else mail.get(m.id),
                now=now,
            ),
        )
        for m in messages
    ]
    entries += [(cb.started_at, 1, render_callback(cb)) for cb in callbacks]
    entries += [(e.at, 2, render_event(e)) for e in events]
    entries.sort(key=lambda e: (e[0], e[1]))  # stable: equal times keep their given order
    blocks = [html for _at, _order, html in entries]
    if not blocks:
        blocks.append("<p><i>" + escape(_("No messages yet.")) + "</i></p>")
    return "<html><body>" + "".join(blocks) + "</body></html>"
