"""Server-only tables of the mail channel: mailboxes, SMTP, every mail in or out, attachments.

They sit on the server's MetaData (`server.models` imports this module), so the "models ==
migrations" check and Alembic see them; migration `s0003_mail` creates them. Passwords are
never stored: a mailbox names an environment variable or a 0600 file that holds it.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    false,
)

from websight_desk.server.models import server_metadata
from websight_desk.storage.models.base import ID
from websight_desk.storage.types import UTCDateTime

mailboxes = Table(
    "mail_mailboxes",
    server_metadata,
    Column("name", String(64), primary_key=True),
    Column("host", String(255), nullable=False),
    Column("port", Integer, nullable=False),
    Column("username", String(255), nullable=False),
    Column("folder", String(255), nullable=False),
    Column("department", String(16), nullable=False),
    Column("tls", String(16), nullable=False),  # tls | starttls | plain (loopback only)
    Column("address", String(320), nullable=False),  # the support address mail is sent to
    Column("password_env", String(128), nullable=True),
    Column("password_file", String(1024), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    # Mail a short acknowledgement to the sender of a new mail ticket (off by default).
    Column("ack", Boolean, nullable=False, server_default=false()),
    # Move mail out of `folder` to this one once filed (None: it stays, flagged \Seen).
    Column("filed_folder", String(255), nullable=True),
)

# One row (id 1): how replies leave. Same password rule as the mailboxes.
smtp = Table(
    "mail_smtp",
    server_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("host", String(255), nullable=False),
    Column("port", Integer, nullable=False),
    Column("username", String(255), nullable=True),
    Column("tls", String(16), nullable=False),
    Column("from_address", String(320), nullable=False),
    Column("from_name", String(200), nullable=False),
    Column("password_env", String(128), nullable=True),
    Column("password_file", String(1024), nullable=True),
    Column("retry_base_s", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
)

# Every mail the channel has seen or made. `state` is what clients are shown (GET
# /v1/mail/states): inbound filed | ignored | bounce; outbound queued | sent | failed |
# bounced. `state_seq` moves on every state change, so clients read "after N".
mail_messages = Table(
    "mail_messages",
    server_metadata,
    Column("id", ID, primary_key=True),
    Column("message_id", String(998), nullable=False, unique=True),  # RFC 5322 Message-ID
    Column("direction", String(8), nullable=False),  # in | out | web
    Column("mailbox", String(64), nullable=True),
    Column("ticket_id", ID, nullable=True, index=True),
    Column("desk_message_id", ID, nullable=True, index=True),  # messages.id it became / is
    Column("in_reply_to", String(998), nullable=True),
    Column("references", Text, nullable=True),
    Column("from_address", String(320), nullable=True),
    Column("reply_to", String(320), nullable=True),
    Column("to_address", String(320), nullable=True),
    Column("state", String(16), nullable=False),
    Column("reason", String(300), nullable=True),
    Column("state_seq", BigInteger, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", UTCDateTime(), nullable=True),
    Column("raw", LargeBinary, nullable=True),  # the source, kept only until `raw_until`
    Column("raw_until", UTCDateTime(), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    Index("ix_mail_messages_state_seq", "state_seq"),
    Index("ix_mail_messages_sender", "from_address", "created_at"),
    Index("ix_mail_messages_queue", "state", "next_attempt_at"),
)

attachments = Table(
    "mail_attachments",
    server_metadata,
    Column("id", ID, primary_key=True),
    Column("mail_id", ID, nullable=False, index=True),
    Column("filename", String(255), nullable=False),
    Column("content_type", String(128), nullable=False),
    Column("size", Integer, nullable=False),
    Column("inline", Boolean, nullable=False),
    Column("data", LargeBinary, nullable=True),  # None: over the size limit, not kept
    Column("created_at", UTCDateTime(), nullable=False),
)

# Small named counters: the outbound scanner's change-log cursor, the state sequence.
cursors = Table(
    "mail_cursors",
    server_metadata,
    Column("name", String(32), primary_key=True),
    Column("value", BigInteger, nullable=False),
)
