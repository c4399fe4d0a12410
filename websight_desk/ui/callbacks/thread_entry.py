"""A phone callback as its own kind of entry in the ticket thread (rich text for QTextBrowser).

It differs from messages by symbol, label and shape (a framed table of facts, not a text
body), never by colour alone. The number is the masked one from `CallbackView`.
"""

from __future__ import annotations

from html import escape

from websight_desk.domain.callbacks import CallbackView, ConsentState
from websight_desk.i18n import _
from websight_desk.ui.callbacks.labels import label
from websight_desk.ui.format import clock, date_time, to_istanbul
from websight_desk.ui.icon_html import img

ICON = "flag_callback"  # drawn from the shipped SVG: a font's ☎ may be missing
_FRAME = "#5b7f3a"  # a green-grey frame; the icon and the label carry the meaning
_FILL = "#f3f8ee"
_KEY = "color:#4a5562;"
# Consent states get a symbol too, so "refused" is not just a red word.
_CONSENT_SYMBOL = {
    ConsentState.NOT_ASKED: "○",
    ConsentState.GRANTED: "●",
    ConsentState.REFUSED: "⊘",
}


def title() -> str:
    """The entry's kind, in the UI language ("Geri arama" / "Phone callback")."""
    return _("Phone callback")


def time_span(cb: CallbackView) -> str:
    """Start–end on Istanbul's clock; the end date is repeated only if the day changed."""
    start, end = to_istanbul(cb.started_at), to_istanbul(cb.ended_at)
    end_text = clock(cb.ended_at) if start.date() == end.date() else date_time(cb.ended_at)
    minutes = max(0, round((cb.ended_at - cb.started_at).total_seconds() / 60))
    return _("{start}–{end} ({minutes} min)").format(
        start=date_time(cb.started_at), end=end_text, minutes=minutes
    )


def notice_text(cb: CallbackView) -> str:
    if cb.notice_version is None:
        return _("not given")
    return _("given (version {v})").format(v=cb.notice_version)


def contact_text(cb: CallbackView) -> str:
    role = label(cb.contact_role)
    return f"{cb.contact_label} · {role}" if cb.contact_label else role


def _row(key: str, value_html: str) -> str:
    return f'<tr><td width="150" style="{_KEY}">{escape(key)}</td><td>{value_html}</td></tr>'


def render_callback(cb: CallbackView) -> str:
    """One callback as an HTML block for the thread."""
    head = [f"{img(ICON)} <b>{escape(title())}</b>"]
    if cb.agent_name:
        head.append(escape(cb.agent_name))
    head.append(escape(time_span(cb)))
    flags = []
    if cb.on_hold:
        flags.append("⚖ " + _("legal hold"))
    if cb.corrects_id:
        flags.append("✎ " + _("corrects an earlier entry"))
    if flags:
        head.append("<i>" + escape(", ".join(flags)) + "</i>")
    rows = [_row(_("Outcome"), "<b>" + escape(label(cb.outcome)) + "</b>")]
    if cb.anonymised_at is not None:
        gone = _("Anonymised on {date} (KVKK retention): number, person and notes removed.")
        rows.append(_row(_("Contact"), escape(label(cb.contact_role))))
        rows.append(
            _row(_("Data"), "<i>" + escape(gone.format(date=date_time(cb.anonymised_at))) + "</i>")
        )
    else:
        rows.append(_row(_("Called"), escape(contact_text(cb))))
        rows.append(_row(_("Number"), escape(cb.masked_phone) or "—"))
    rows.append(_row(_("Reason"), escape(label(cb.reason))))
    rows.append(_row(_("KVKK notice"), escape(notice_text(cb))))
    consent = f"{_CONSENT_SYMBOL.get(cb.recording, '')} {label(cb.recording)}".strip()
    rows.append(_row(_("Recording"), escape(consent)))
    if cb.notes and cb.anonymised_at is None:
        rows.append(_row(_("Notes"), escape(cb.notes).replace("\n", "<br>")))
    # A framed box (a table inside a one-cell table): messages are open stripes instead.
    return (
        f'<table width="100%" border="1" cellspacing="0" cellpadding="6" '
        f'style="margin-bottom:6px; border-color:{_FRAME}; border-style:solid;">'
        f'<tr><td bgcolor="{_FILL}"><span style="color:#2f4a1c;">'
        + " · ".join(head)
        + '</span><table cellspacing="0" cellpadding="1" style="margin-top:3px;">'
        + "".join(rows)
        + "</table></td></tr></table>"
    )
