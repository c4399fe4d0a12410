"""Read a raw mail into what the channel needs: ids for threading, sender, subject, clean text,
attachments, and the signs of automatic mail (auto-replies, bulk, bounces).

Charsets are decoded as declared (windows-1254, iso-8859-9, RFC 2047 words in headers); a part
whose charset is unknown or wrong is read as windows-1254, then UTF-8, with replacement
characters rather than a failure. HTML-only mail is turned into text; nothing remote is loaded.
"""

from __future__ import annotations

import email
import email.policy
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from email.message import EmailMessage, Message
from email.utils import getaddresses

from websight_desk.server.mail.html_text import html_to_text

MAX_BODY = 100_000
_MSGID = re.compile(r"<[^<>\s]{1,990}>")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
_BLANKS = re.compile(r"\n{3,}")
_AUTO_HEADERS = ("x-autoreply", "x-autorespond", "x-auto-reply", "x-vacation")


@dataclass(frozen=True)
class Attachment:
    filename: str
    content_type: str
    data: bytes
    inline: bool


@dataclass(frozen=True)
class Bounce:
    original_id: str | None  # the Message-ID of the mail that could not be delivered
    status: str  # e.g. "5.1.1 user unknown"


@dataclass(frozen=True)
class ParsedMail:
    message_id: str
    in_reply_to: str | None
    references: tuple[str, ...]
    from_address: str
    from_name: str
    reply_to: str | None
    subject: str
    text: str
    attachments: tuple[Attachment, ...] = ()
    automatic: str | None = None  # why it is automatic mail, or None for a person's mail
    bounce: Bounce | None = None

    @property
    def answer_to(self) -> str:
        """Where a reply goes: Reply-To if given, else From."""
        return self.reply_to or self.from_address

    def thread_ids(self) -> list[str]:
        """Message-IDs this mail answers, the most direct first."""
        ids = [self.in_reply_to] if self.in_reply_to else []
        ids.extend(reversed(self.references))
        return list(dict.fromkeys(ids))


def clean_text(text: str, limit: int = MAX_BODY) -> str:
    """Text fit for a message body: one newline style, no control characters, NFC, bounded."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = _CONTROL.sub("", text)
    text = _BLANKS.sub("\n\n", "\n".join(line.rstrip() for line in text.split("\n"))).strip()
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # a header the parser cannot decode is treated as absent
        return ""
    return "" if value is None else " ".join(str(value).split())


def _msgids(value: str) -> list[str]:
    return _MSGID.findall(value)


def _first_address(msg: Message, name: str) -> tuple[str, str]:
    raw = _header(msg, name)
    for display, addr in getaddresses([raw]):
        if "@" in addr:
            return clean_text(display, 200), addr.strip().lower()[:320]
    return "", ""


def _decode(part: Message) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return ""
    charset = part.get_content_charset() or "us-ascii"
    for candidate in (charset, "windows-1254"):
        try:
            return payload.decode(candidate)
        except (LookupError, UnicodeDecodeError):
            continue
    return payload.decode("utf-8", errors="replace")


def _body(msg: EmailMessage) -> tuple[str, Message | None]:
    part = msg.get_body(preferencelist=("plain", "html"))
    if part is None:
        return "", None
    text = _decode(part)
    if part.get_content_subtype() == "html":
        text = html_to_text(text)
    return text, part


def _filename(part: Message, index: int) -> str:
    try:
        name = part.get_filename()
    except Exception:
        name = None
    name = clean_text(name or "", 255).replace("/", "_").replace("\\", "_")
    if not name:
        ext = {"image/png": ".png", "image/jpeg": ".jpg", "application/pdf": ".pdf"}
        name = f"attachment-{index}{ext.get(part.get_content_type(), '.bin')}"
    return name


def _attachments(msg: EmailMessage, body: Message | None) -> tuple[Attachment, ...]:
    found: list[Attachment] = []
    for part in msg.walk():
        if part.is_multipart() or part is body or part.get_content_maintype() == "message":
            continue
        disposition = part.get_content_disposition()
        is_text = part.get_content_maintype() == "text"
        if is_text and disposition != "attachment" and not part.get_filename():
            continue  # an alternative body (the HTML of a text mail), not a file
        data = part.get_payload(decode=True)
        if not isinstance(data, bytes):
            continue
        inline = disposition == "inline" or (disposition is None and bool(part.get("Content-ID")))
        found.append(
            Attachment(_filename(part, len(found) + 1), part.get_content_type()[:128], data, inline)
        )
    return tuple(found)


def _automatic(msg: Message, from_address: str) -> str | None:
    auto = _header(msg, "Auto-Submitted").lower()
    if auto and auto != "no":
        return "auto-submitted"
    if _header(msg, "Precedence").lower() in ("bulk", "junk", "list"):
        return "bulk"
    if any(_header(msg, h) for h in _AUTO_HEADERS):
        return "auto-reply"
    if _header(msg, "X-Auto-Response-Suppress") and _header(msg, "X-MS-Exchange-Inbox-Rules-Loop"):
        return "auto-reply"
    local = from_address.partition("@")[0]
    if _header(msg, "Return-Path") == "<>" or local in ("mailer-daemon", "postmaster"):
        return "bounce"
    return None


def _bounce(msg: EmailMessage) -> Bounce | None:
    if msg.get_content_type() != "multipart/report":
        return None
    original: str | None = None
    status = ""
    for part in msg.walk():
        ctype = part.get_content_type()
        if ctype == "message/delivery-status":
            for block in part.get_payload() or []:
                if isinstance(block, Message):
                    code = _header(block, "Status")
                    diag = _header(block, "Diagnostic-Code")
                    if code:
                        status = f"{code} {diag}".strip()
        elif ctype in ("message/rfc822", "message/rfc822-headers", "text/rfc822-headers"):
            inner = part.get_payload()
            if isinstance(inner, list) and inner and isinstance(inner[0], Message):
                ids = _msgids(_header(inner[0], "Message-ID"))
            else:
                headers = email.message_from_string(_decode(part), policy=email.policy.compat32)
                ids = _msgids(_header(headers, "Message-ID"))
            original = original or (ids[0] if ids else None)
    return Bounce(original, clean_text(status, 250) or "undeliverable")


def parse_mail(raw: bytes) -> ParsedMail:
    """Everything the channel uses from one mail (never raises on a malformed mail)."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert isinstance(msg, EmailMessage)
    ids = _msgids(_header(msg, "Message-ID"))
    message_id = ids[0] if ids else f"<{hashlib.sha256(raw).hexdigest()}@no-message-id.invalid>"
    reply_ids = _msgids(_header(msg, "In-Reply-To"))
    name, address = _first_address(msg, "From")
    _name, reply_to = _first_address(msg, "Reply-To")
    try:
        text, body = _body(msg)
        files = _attachments(msg, body)
    except Exception:  # a broken MIME structure: keep what a person can read
        text, files = raw.decode("utf-8", errors="replace"), ()
    bounce = _bounce(msg)
    automatic = "bounce" if bounce is not None else _automatic(msg, address)
    return ParsedMail(
        message_id=message_id,
        in_reply_to=reply_ids[0] if reply_ids else None,
        references=tuple(_msgids(_header(msg, "References"))[-20:]),
        from_address=address,
        from_name=name,
        reply_to=reply_to or None,
        subject=clean_text(_header(msg, "Subject"), 500),
        text=clean_text(text),
        attachments=files,
        automatic=automatic,
        bounce=bounce,
    )
