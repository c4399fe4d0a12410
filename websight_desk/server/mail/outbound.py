"""Replies to mail: found in the change log after our own cursor, queued for SMTP.

Push is not touched: a reply (`message.create` of kind outbound) that a workstation pushed is
in the change log once its push committed, and this scanner picks it up from there. Internal
notes are never mailed; a body with unfilled `{placeholders}` is recorded as failed, not sent.
The same scan applies KVKK erasures to the mail rows (raw sources, addresses, attachments).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, select, update

from websight_desk.domain.enums import ContactRole, MessageKind
from websight_desk.server.mail import records
from websight_desk.server.mail.compose import Reply, compose, unfilled
from websight_desk.server.mail.config import SmtpConfig
from websight_desk.server.mail.models import attachments, mail_messages
from websight_desk.server.mail.records import MailRow
from websight_desk.server.models import change_log
from websight_desk.storage.models import Contact, Ticket

OUTBOUND_CURSOR = "outbound"
SCAN_PAGE = 500


def _last_inbound(conn: Connection, ticket_id: str) -> Any:
    return conn.execute(
        select(mail_messages)
        .where(
            mail_messages.c.ticket_id == ticket_id,
            mail_messages.c.direction.in_(("in", "web")),
            mail_messages.c.state == "filed",
        )
        .order_by(mail_messages.c.created_at.desc())
        .limit(1)
    ).first()


def _contact_address(conn: Connection, customer_id: str) -> str | None:
    rows = sorted(
        conn.execute(
            select(Contact.email, Contact.role).where(
                Contact.customer_id == customer_id,
                Contact.email.is_not(None),
                Contact.erased_at.is_(None),
            )
        ),
        key=lambda r: r.role != ContactRole.ACCOUNT_HOLDER.value,
    )
    return str(rows[0].email) if rows and rows[0].email else None


def queue_reply(conn: Connection, payload: dict[str, Any], cfg: SmtpConfig) -> str | None:
    """Queue the mail of one outbound message; returns its state (None if already known)."""
    desk_id = str(payload["id"])
    found = conn.execute(
        select(mail_messages.c.id).where(mail_messages.c.desk_message_id == desk_id)
    ).first()
    if found is not None:
        return None
    ticket = conn.execute(
        select(Ticket.id, Ticket.number, Ticket.subject, Ticket.customer_id).where(
            Ticket.id == payload["ticket_id"]
        )
    ).first()
    if ticket is None:
        return None
    now = datetime.now(UTC)
    last = _last_inbound(conn, ticket.id)
    to = (last.reply_to or last.from_address) if last is not None else None
    to = to or _contact_address(conn, ticket.customer_id)
    refs = tuple(last.references.split()) if last is not None and last.references else ()
    reply = Reply(
        desk_message_id=desk_id,
        ticket_number=int(ticket.number),
        ticket_subject=str(ticket.subject),
        body=str(payload["body"]),
        to_address=to or "",
        from_address=cfg.from_address,
        from_name=cfg.from_name,
        reply_to=(last.to_address if last is not None and last.to_address else None)
        or cfg.from_address,
        in_reply_to=last.message_id if last is not None else None,
        references=refs,
    )
    message_id, raw = compose(reply)
    state, reason = "queued", None
    missing = unfilled(reply.body)
    if missing:
        state, reason = "failed", f"unfilled placeholder: {', '.join(missing)[:200]}"
    elif not to:
        state, reason = "failed", "no e-mail address for this customer"
    row = MailRow(
        message_id=message_id,
        direction="out",
        state=state,
        ticket_id=ticket.id,
        desk_message_id=desk_id,
        in_reply_to=reply.in_reply_to,
        references=" ".join(refs) or None,
        from_address=cfg.from_address,
        reply_to=reply.reply_to,
        to_address=to,
        reason=reason,
        next_attempt_at=now if state == "queued" else None,
    )
    records.record(conn, row, raw if state == "queued" else None, now)
    return state


def erase_customer(conn: Connection, customer_id: str) -> None:
    """KVKK erasure reaches the mail rows: sources, addresses and files of the customer go."""
    tickets = select(Ticket.id).where(Ticket.customer_id == customer_id).scalar_subquery()
    rows = conn.execute(
        select(mail_messages.c.id, mail_messages.c.state).where(
            mail_messages.c.ticket_id.in_(tickets)
        )
    ).all()
    for r in rows:
        state = "failed" if r.state == "queued" else r.state
        reason = "erased (KVKK)" if r.state == "queued" else None
        records.set_state(
            conn,
            r.id,
            state,
            reason,
            raw=None,
            raw_until=None,
            from_address=None,
            reply_to=None,
            to_address=None,
            next_attempt_at=None,
        )
    ids = [r.id for r in rows]
    for i in range(0, len(ids), 500):
        conn.execute(
            update(attachments)
            .where(attachments.c.mail_id.in_(ids[i : i + 500]))
            .values(data=None, filename="(erased)")
        )


def scan(conn: Connection, head: int, cfg: SmtpConfig | None) -> int:
    """Queue replies and apply erasures logged after our cursor; returns how many ops read.

    On the first run the cursor starts at the head: replies written before the channel was
    configured are not mailed now.
    """
    after = records.cursor(conn, OUTBOUND_CURSOR)
    if after is None:
        records.set_cursor(conn, OUTBOUND_CURSOR, head)
        return 0
    rows = conn.execute(
        select(change_log.c.seq, change_log.c.kind, change_log.c.payload)
        .where(
            change_log.c.seq > after,
            change_log.c.seq <= head,
            change_log.c.kind.in_(("message.create", "kvkk.erase")),
        )
        .order_by(change_log.c.seq)
        .limit(SCAN_PAGE)
    ).all()
    for r in rows:
        payload = json.loads(r.payload)
        if r.kind == "kvkk.erase":
            erase_customer(conn, str(payload["customer_id"]))
        elif payload.get("kind") == MessageKind.OUTBOUND.value and cfg is not None:
            queue_reply(conn, payload, cfg)
    last = int(rows[-1].seq) if len(rows) == SCAN_PAGE else head
    if last != after:
        records.set_cursor(conn, OUTBOUND_CURSOR, last)
    return len(rows)


def purge_raw(conn: Connection, now: datetime) -> None:
    """Drop raw sources past their keeping time (the ticket keeps the text)."""
    conn.execute(
        update(mail_messages)
        .where(mail_messages.c.raw_until.is_not(None), mail_messages.c.raw_until < now)
        .where(mail_messages.c.state != "queued")
        .values(raw=None, raw_until=None)
    )
