"""Send queued replies over SMTP (TLS, STARTTLS, or plain on 127.0.0.1), retrying with back-off.

A temporary failure (server down, 4xx) keeps the mail queued and tries again after
`retry_base_s`, doubling up to an hour, for `MAX_ATTEMPTS` tries; a permanent refusal (5xx)
fails it at once. Each reply's state is what the workstations show (`GET /v1/mail/states`).
"""

from __future__ import annotations

import logging
import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from websight_desk.server.mail import records
from websight_desk.server.mail.config import MailConfigProblem, SmtpConfig
from websight_desk.server.mail.models import mail_messages
from websight_desk.server.store import Store

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 12
MAX_DELAY = timedelta(hours=1)
BATCH = 20


@dataclass(frozen=True)
class Outcome:
    sent: bool
    permanent: bool = False
    reason: str = ""


def _connect(cfg: SmtpConfig) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if cfg.tls == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=30, context=context)
    else:
        client = smtplib.SMTP(cfg.host, cfg.port, timeout=30)
        if cfg.tls == "starttls":
            client.starttls(context=context)
    if cfg.username:
        client.login(cfg.username, cfg.password())
    return client


def deliver(cfg: SmtpConfig, to: str, raw: bytes) -> Outcome:
    """Hand one mail to the SMTP server; never raises for the server's or network's failures."""
    try:
        client = _connect(cfg)
    except smtplib.SMTPAuthenticationError as exc:
        return Outcome(False, False, f"SMTP login refused ({exc.smtp_code})")
    except (OSError, smtplib.SMTPException, MailConfigProblem) as exc:
        return Outcome(False, False, f"SMTP server not reachable: {_short(exc)}")
    try:
        client.sendmail(cfg.from_address, [to], raw)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _msg in exc.recipients.values()]
        permanent = all(code >= 500 for code in codes)
        return Outcome(False, permanent, f"recipient refused ({', '.join(map(str, codes))})")
    except smtplib.SMTPResponseException as exc:
        return Outcome(False, exc.smtp_code >= 500, f"SMTP {exc.smtp_code}: {_short(exc)}")
    except (OSError, smtplib.SMTPException) as exc:
        return Outcome(False, False, f"SMTP failure: {_short(exc)}")
    finally:
        try:
            client.quit()
        except (OSError, smtplib.SMTPException):
            client.close()
    return Outcome(True)


def _short(exc: BaseException) -> str:
    if isinstance(exc, smtplib.SMTPResponseException):
        text = (
            exc.smtp_error.decode("utf-8", "replace") if isinstance(exc.smtp_error, bytes) else ""
        )
        return " ".join(text.split())[:200]
    if isinstance(exc, socket.timeout | TimeoutError):
        return "timed out"
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc))[:200]


def send_due(store: Store, cfg: SmtpConfig, now: datetime | None = None) -> int:
    """Try every queued mail whose time has come; returns how many were sent."""
    now = now or datetime.now(UTC)
    with store.read() as conn:
        due = conn.execute(
            select(
                mail_messages.c.id,
                mail_messages.c.to_address,
                mail_messages.c.raw,
                mail_messages.c.attempts,
            )
            .where(mail_messages.c.state == "queued", mail_messages.c.next_attempt_at <= now)
            .order_by(mail_messages.c.next_attempt_at)
            .limit(BATCH)
        ).all()
    sent = 0
    for row in due:
        if row.raw is None or not row.to_address:
            outcome = Outcome(False, True, "nothing to send")
        else:
            outcome = deliver(cfg, row.to_address, bytes(row.raw))
        attempts = int(row.attempts) + 1
        with store.write() as conn:
            if outcome.sent:
                sent += 1
                records.set_state(
                    conn, row.id, "sent", None, attempts=attempts, next_attempt_at=None
                )
            elif outcome.permanent or attempts >= MAX_ATTEMPTS:
                records.set_state(
                    conn, row.id, "failed", outcome.reason, attempts=attempts, next_attempt_at=None
                )
            else:
                delay = min(timedelta(seconds=cfg.retry_base_s * 2 ** (attempts - 1)), MAX_DELAY)
                records.set_state(
                    conn,
                    row.id,
                    "queued",
                    f"retrying: {outcome.reason}",
                    attempts=attempts,
                    next_attempt_at=datetime.now(UTC) + delay,
                )
        if not outcome.sent:
            log.warning("mail %s not sent (try %d): %s", row.id, attempts, outcome.reason)
    return sent
