"""The mail line of a thread message: where a reply is on its way to the customer, and the
files an inbound mail brought (open / save links).

The steps of a reply: queued on this workstation (not pushed yet) → waiting for the server →
queued for mailing → retrying after a temporary failure → sent | failed (reason) | bounced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from html import escape

from websight_desk.i18n import _
from websight_desk.sync.mail_states import AttachmentInfo, MailState
from websight_desk.ui.format import date_time, number

OPEN_LINK = "att-open:"
SAVE_LINK = "att-save:"
# How long after writing a pushed reply with no server state yet reads "waiting for the server";
# older ones predate the mail channel (never mailed) and show nothing.
WAITING_WINDOW = timedelta(days=1)
# Opening these runs no code (a viewer shows them; the Office formats listed cannot hold
# macros); anything else — programs, scripts, HTML, macro formats — can only be saved.
SAFE_TO_OPEN = frozenset({
    "pdf", "png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff", "txt", "log", "csv",
    "docx", "xlsx", "pptx", "odt", "ods", "odp",
})  # fmt: skip
_OK, _WAIT, _BAD = "#1e6b34", "#5f6b78", "#b3261e"


@dataclass(frozen=True, slots=True)
class MailInfo:
    """What the thread knows about one message's mail."""

    state: MailState | None = None  # from the server
    local: str | None = None  # outbox state on this workstation: pending | rejected
    answered: bool = False  # the server's states were read at least once


def extension(filename: str) -> str:
    return filename.rpartition(".")[2].lower() if "." in filename else ""


def can_open(att: AttachmentInfo) -> bool:
    return att.kept and extension(att.filename) in SAFE_TO_OPEN


def size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return _("{n} MB").format(n=number(round(size / 1024 / 1024, 1)))
    return _("{n} KB").format(n=number(max(1, round(size / 1024))))


def reason_text(reason: str | None) -> str:
    """Reasons the server gives in words we know are said in the user's language."""
    if not reason:
        return _("no reason given")
    known = {
        "no e-mail address for this customer": _("no e-mail address for this customer"),
        "erased (KVKK)": _("erased (KVKK)"),
        "nothing to send": _("nothing to send"),
    }
    if reason in known:
        return known[reason]
    # The server's reasons (server/mail/smtp_send.py, outbound.py): a known start in words,
    # the mail server's own detail as it said it.
    prefixes = (
        ("unfilled placeholder: ", "", _("unfilled placeholder: {detail}")),
        ("SMTP server not reachable: ", "", _("the mail server cannot be reached: {detail}")),
        ("SMTP login refused (", ")", _("the mail server refused our login ({detail})")),
        ("recipient refused (", ")", _("the recipient address was refused ({detail})")),
        ("SMTP failure: ", "", _("mail server failure: {detail}")),
    )
    for start, end, text in prefixes:
        if reason.startswith(start) and reason.endswith(end):
            return text.format(detail=reason[len(start) : len(reason) - len(end)])
    return reason


def _line(colour: str, text: str) -> str:
    return f'<br><span style="color:{colour};">{escape(text)}</span>'


def reply_state_html(info: MailInfo, created_at: datetime, now: datetime) -> str:
    """The state line of an outbound reply ("" when there is nothing to say)."""
    s = info.state
    if s is None:
        if info.local == "pending":
            return _line(_WAIT, "◔ " + _("Queued on this computer — mailed after the next sync"))
        if info.local == "rejected":
            return _line(_BAD, "✖ " + _("Refused by the sync server — not mailed"))
        if info.answered and now - created_at < WAITING_WINDOW:
            return _line(_WAIT, "◔ " + _("Waiting for the server to mail it"))
        return ""
    if s.state == "sent":
        when = date_time(s.updated_at)
        return _line(_OK, "✔ " + _("Mailed to the customer {when}").format(when=when))
    if s.state == "failed":
        return _line(_BAD, "✖ " + _("Not mailed: {reason}").format(reason=reason_text(s.reason)))
    if s.state == "bounced":
        return _line(_BAD, "↩ " + _("Bounced: {reason}").format(reason=reason_text(s.reason)))
    if s.retrying:
        reason = reason_text((s.reason or "").removeprefix("retrying: "))
        text = _("Retrying (try {n} failed: {reason})").format(n=s.attempts, reason=reason)
        if s.next_attempt_at is not None:
            text += " · " + _("next try {when}").format(when=date_time(s.next_attempt_at))
        return _line(_WAIT, "↻ " + text)
    return _line(_WAIT, "◔ " + _("Queued for mailing on the server"))


def attachments_html(files: tuple[AttachmentInfo, ...]) -> str:
    """The files of an inbound mail, each with "Open" (safe types) and "Save…" links."""
    if not files:
        return ""
    rows = []
    for f in files:
        name = f"▤ <b>{escape(f.filename)}</b> ({escape(size_text(f.size))})"
        if f.inline:
            name += " · " + escape(_("inline image"))
        if not f.kept:
            links = "<i>" + escape(_("not kept: over the size limit")) + "</i>"
        else:
            parts = []
            open_label, save_label = escape(_("Open file")), escape(_("Save file…"))
            if can_open(f):
                parts.append(f'<a href="{OPEN_LINK}{escape(f.id)}">{open_label}</a>')
            parts.append(f'<a href="{SAVE_LINK}{escape(f.id)}">{save_label}</a>')
            links = " · ".join(parts)
        rows.append(f"{name} &nbsp; {links}")
    return '<br><span style="color:#3a4450;">' + "<br>".join(rows) + "</span>"


def strip_listing(body: str, files: tuple[AttachmentInfo, ...]) -> str:
    """The body without the server's trailing `📎 name (size)` lines when the files are listed
    with their links below it instead."""
    if not files:
        return body
    lines = body.rstrip("\n").split("\n")
    while lines and lines[-1].startswith("📎 "):
        lines.pop()
    return "\n".join(lines).rstrip("\n")


__all__ = [
    "OPEN_LINK",
    "SAVE_LINK",
    "MailInfo",
    "attachments_html",
    "can_open",
    "reason_text",
    "reply_state_html",
    "size_text",
    "strip_listing",
]
