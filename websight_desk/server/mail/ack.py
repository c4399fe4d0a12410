"""The acknowledgement of a new mail ticket: "we received your request, its number is #N".

Only when the mailbox asks for it (`mailbox add --ack`; off by default) and SMTP is set up;
only for a new ticket opened by a customer's own mail — never for a message on an existing
ticket, never for noise (auto-replies, bounces, bulk and our own mail are set aside before
filing), never to a customer refused service — and at most `ACK_LIMIT` an hour to one address
(the filing's per-sender limit applies first). An ack is the only outgoing mail row without a
desk message. The mail says it is automatic
(`Auto-Submitted: auto-replied`, RFC 3834), so well-behaved responders do not answer it.
Turkish first, English second, each an administrator's template or the built-in text
(`domain.ack_texts`). It is queued like a reply and sent by the same SMTP worker.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import formataddr, formatdate

from sqlalchemy import Connection, func, select

from websight_desk.domain import ack_texts
from websight_desk.domain.ids import new_id
from websight_desk.server.company import load_company_settings
from websight_desk.server.mail import records
from websight_desk.server.mail.compose import our_message_id, subject_of
from websight_desk.server.mail.config import SmtpConfig, load_smtp
from websight_desk.server.mail.models import mail_messages
from websight_desk.server.mail.parse import ParsedMail
from websight_desk.server.mail.records import MailRow

ACK_LIMIT = 3  # acknowledgements per address per ACK_WINDOW
ACK_WINDOW = timedelta(hours=1)


def _recent_acks(conn: Connection, address: str, since: datetime) -> int:
    return int(
        conn.execute(
            select(func.count()).where(
                mail_messages.c.direction == "out",
                mail_messages.c.desk_message_id.is_(None),  # an ack: no desk message of its own
                func.lower(mail_messages.c.to_address) == address.lower(),
                mail_messages.c.created_at > since,
            )
        ).scalar_one()
    )


def compose_ack(
    cfg: SmtpConfig,
    mail: ParsedMail,
    *,
    to: str,
    reply_to: str,
    number: int,
    subject: str,
    templates: Mapping[str, str] | None = None,
) -> tuple[str, bytes]:
    """(Message-ID, bytes) of the acknowledgement, threaded under the customer's mail."""
    msg = EmailMessage(policy=SMTP)
    message_id = our_message_id(new_id(), cfg.from_address)
    msg["From"] = formataddr((cfg.from_name, cfg.from_address))
    msg["Reply-To"] = reply_to
    msg["To"] = to
    msg["Subject"] = subject_of(subject, number)
    msg["Date"] = formatdate(usegmt=True)
    msg["Message-ID"] = message_id
    msg["In-Reply-To"] = mail.message_id
    msg["References"] = mail.message_id
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Auto-Response-Suppress"] = "All"
    msg["X-Websight-Desk-Ticket"] = str(number)
    body = ack_texts.render(templates or {}, number, cfg.from_name)
    msg.set_content(body, charset="utf-8")
    return message_id, msg.as_bytes()


def acknowledge(
    conn: Connection,
    mail: ParsedMail,
    *,
    ticket_id: str,
    number: int,
    subject: str,
    support_address: str | None,
    now: datetime,
) -> str | None:
    """Queue the acknowledgement of a new ticket (the caller checked the mailbox's option and
    that the customer is not refused); returns why not, or None when it was queued."""
    cfg = load_smtp(conn)
    if cfg is None:
        return "SMTP is not set up"
    to = mail.reply_to or mail.from_address
    if not to:
        return "no address"
    if _recent_acks(conn, to, now - ACK_WINDOW) >= ACK_LIMIT:
        return f"rate limit: {ACK_LIMIT} acknowledgements an hour to one address"
    reply_to = support_address or cfg.from_address
    templates = load_company_settings(conn).ack_templates  # the administrator's texts
    message_id, raw = compose_ack(
        cfg, mail, to=to, reply_to=reply_to, number=number, subject=subject, templates=templates
    )
    row = MailRow(
        message_id=message_id,
        direction="out",
        state="queued",
        ticket_id=ticket_id,
        in_reply_to=mail.message_id,
        references=mail.message_id,
        from_address=cfg.from_address,
        reply_to=reply_to,
        to_address=to,
        next_attempt_at=now,
    )
    records.record(conn, row, raw, now)
    return None
