"""The mail of an agent's reply: our Message-ID, threading headers, the ticket token, the body.

The Message-ID is made from the desk message's id, so a reply sent twice (a crash after the
SMTP server took it) carries the same id and a receiving system can drop the repeat.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate

# A `{name}` a canned reply left unfilled (policy/canned.py keeps missing ones visible).
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_TOKEN = re.compile(r"\[#[0-9]{1,9}\]")
_REPLY_PREFIX = re.compile(r"^\s*(re|ynt|cevap|aw|sv)\s*:", re.IGNORECASE)
MAX_REFERENCES = 20


@dataclass(frozen=True)
class Reply:
    desk_message_id: str
    ticket_number: int
    ticket_subject: str
    body: str
    to_address: str
    from_address: str
    from_name: str
    reply_to: str
    in_reply_to: str | None
    references: tuple[str, ...]


def our_message_id(desk_message_id: str, from_address: str) -> str:
    domain = from_address.rpartition("@")[2] or "websight-desk.invalid"
    return f"<{desk_message_id}@{domain}>"


def subject_of(ticket_subject: str, number: int) -> str:
    """`Re: <subject> [#number]`: the token lets a customer's new mail find the ticket."""
    subject = ticket_subject.strip()
    if not _REPLY_PREFIX.match(subject):
        subject = f"Re: {subject}"
    if not _TOKEN.search(subject):
        subject = f"{subject} [#{number}]"
    return subject


def unfilled(body: str) -> list[str]:
    return list(dict.fromkeys(PLACEHOLDER.findall(body)))


def compose(reply: Reply) -> tuple[str, bytes]:
    """(Message-ID, the mail's bytes) of a reply."""
    msg = EmailMessage(policy=SMTP)
    message_id = our_message_id(reply.desk_message_id, reply.from_address)
    msg["From"] = formataddr((reply.from_name, reply.from_address))
    msg["Reply-To"] = reply.reply_to
    msg["To"] = reply.to_address
    msg["Subject"] = subject_of(reply.ticket_subject, reply.ticket_number)
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = message_id
    if reply.in_reply_to:
        msg["In-Reply-To"] = reply.in_reply_to
    refs = [*reply.references, *([reply.in_reply_to] if reply.in_reply_to else [])]
    refs = list(dict.fromkeys(refs))[-MAX_REFERENCES:]
    if refs:
        msg["References"] = " ".join(refs)
    msg["X-Websight-Desk-Ticket"] = str(reply.ticket_number)
    msg.set_content(reply.body, charset="utf-8")
    return message_id, msg.as_bytes()
