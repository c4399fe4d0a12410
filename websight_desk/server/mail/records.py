"""The mail rows: one per mail seen or sent, its state, its attachments, the state sequence.

Every state change takes the next number of the `state_seq` counter row, so clients can read
"what changed after N" (`GET /v1/mail/states`); the row lock on PostgreSQL (the single writer
on SQLite) keeps those numbers in commit order, like the change log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from websight_desk.domain.ids import new_id
from websight_desk.server.mail.models import attachments, cursors, mail_messages
from websight_desk.server.mail.parse import Attachment

RAW_KEEP = timedelta(days=30)  # the raw source is kept this long, then only the ticket is
MAX_RAW = 30 * 1024 * 1024
MAX_ATTACHMENT = 10 * 1024 * 1024
MAX_ATTACHMENTS_TOTAL = 25 * 1024 * 1024
STATE_SEQ = "state_seq"


def next_state_seq(conn: Connection) -> int:
    conn.execute(
        update(cursors).where(cursors.c.name == STATE_SEQ).values(value=cursors.c.value + 1)
    )
    return int(
        conn.execute(select(cursors.c.value).where(cursors.c.name == STATE_SEQ)).scalar_one()
    )


def cursor(conn: Connection, name: str) -> int | None:
    value = conn.execute(select(cursors.c.value).where(cursors.c.name == name)).scalar()
    return None if value is None else int(value)


def set_cursor(conn: Connection, name: str, value: int) -> None:
    if conn.execute(update(cursors).where(cursors.c.name == name).values(value=value)).rowcount:
        return
    conn.execute(insert(cursors).values(name=name, value=value))


def known(conn: Connection, message_id: str) -> Any:
    return conn.execute(
        select(mail_messages).where(mail_messages.c.message_id == message_id)
    ).first()


@dataclass(frozen=True)
class MailRow:
    message_id: str
    direction: str
    state: str
    mailbox: str | None = None
    ticket_id: str | None = None
    desk_message_id: str | None = None
    in_reply_to: str | None = None
    references: str | None = None
    from_address: str | None = None
    reply_to: str | None = None
    to_address: str | None = None
    reason: str | None = None
    next_attempt_at: datetime | None = None


def record(conn: Connection, row: MailRow, raw: bytes | None, now: datetime) -> str:
    """Store a mail row (with its raw source for `RAW_KEEP`); returns the row id."""
    mail_id = new_id()
    keep = raw is not None and len(raw) <= MAX_RAW
    conn.execute(
        insert(mail_messages).values(
            id=mail_id,
            **asdict(row),
            state_seq=next_state_seq(conn),
            attempts=0,
            raw=raw if keep else None,
            raw_until=now + RAW_KEEP if keep else None,
            created_at=now,
            updated_at=now,
        )
    )
    return mail_id


def set_state(
    conn: Connection, mail_id: str, state: str, reason: str | None, **values: Any
) -> None:
    conn.execute(
        update(mail_messages)
        .where(mail_messages.c.id == mail_id)
        .values(
            state=state,
            reason=None if reason is None else reason[:300],
            state_seq=next_state_seq(conn),
            updated_at=datetime.now(UTC),
            **values,
        )
    )


def ticket_of_thread(conn: Connection, message_ids: Sequence[str]) -> str | None:
    """The ticket of the nearest mail this one answers (ids in order, most direct first)."""
    if not message_ids:
        return None
    rows = conn.execute(
        select(mail_messages.c.message_id, mail_messages.c.ticket_id).where(
            mail_messages.c.message_id.in_(list(message_ids)),
            mail_messages.c.ticket_id.is_not(None),
        )
    ).all()
    found = {r.message_id: r.ticket_id for r in rows}
    return next((found[m] for m in message_ids if m in found), None)


def recent_from(conn: Connection, address: str, since: datetime) -> int:
    """How many requests this sender made since `since` (filed mail and web-form tickets)."""
    return int(
        conn.execute(
            select(func.count()).where(
                mail_messages.c.from_address == address,
                mail_messages.c.created_at > since,
                mail_messages.c.direction.in_(("in", "web")),
                mail_messages.c.state == "filed",
            )
        ).scalar_one()
    )


def sent_on_ticket(conn: Connection, ticket_id: str, address: str) -> bool:
    """Has this address written on the ticket before (a subject token is then believed)?"""
    return (
        conn.execute(
            select(mail_messages.c.id).where(
                mail_messages.c.ticket_id == ticket_id, mail_messages.c.from_address == address
            )
        ).first()
        is not None
    )


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB" if n >= 1024 * 1024 else f"{max(1, round(n / 1024))} KB"


def store_attachments(
    conn: Connection, mail_id: str, files: Sequence[Attachment], now: datetime
) -> list[str]:
    """Keep the files within the limits; returns one line per file for the message body."""
    lines: list[str] = []
    total = 0
    for f in files:
        kept = len(f.data) <= MAX_ATTACHMENT and total + len(f.data) <= MAX_ATTACHMENTS_TOTAL
        total += len(f.data) if kept else 0
        conn.execute(
            insert(attachments).values(
                id=new_id(),
                mail_id=mail_id,
                filename=f.filename,
                content_type=f.content_type,
                size=len(f.data),
                inline=f.inline,
                data=f.data if kept else None,
                created_at=now,
            )
        )
        note = "" if kept else " — not kept: over the size limit"
        lines.append(f"📎 {f.filename} ({_size(len(f.data))}){note}")
    return lines
