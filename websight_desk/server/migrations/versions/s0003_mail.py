"""server: the mail channel (mailboxes, SMTP, mails in and out, attachments, cursors)

Revision ID: s0003_mail
Revises: s0002_company_settings
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import websight_desk.storage.types

revision = "s0003_mail"
down_revision = "s0002_company_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = websight_desk.storage.types.UTCDateTime
    op.create_table(
        "mail_mailboxes",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("folder", sa.String(length=255), nullable=False),
        sa.Column("department", sa.String(length=16), nullable=False),
        sa.Column("tls", sa.String(length=16), nullable=False),
        sa.Column("address", sa.String(length=320), nullable=False),
        sa.Column("password_env", sa.String(length=128), nullable=True),
        sa.Column("password_file", sa.String(length=1024), nullable=True),
        sa.Column("created_at", utc(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_mail_mailboxes")),
    )
    op.create_table(
        "mail_smtp",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("host", sa.String(length=255), nullable=False),
        sa.Column("port", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=True),
        sa.Column("tls", sa.String(length=16), nullable=False),
        sa.Column("from_address", sa.String(length=320), nullable=False),
        sa.Column("from_name", sa.String(length=200), nullable=False),
        sa.Column("password_env", sa.String(length=128), nullable=True),
        sa.Column("password_file", sa.String(length=1024), nullable=True),
        sa.Column("retry_base_s", sa.Integer(), nullable=False),
        sa.Column("created_at", utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_smtp")),
    )
    op.create_table(
        "mail_messages",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("message_id", sa.String(length=998), nullable=False),
        sa.Column("direction", sa.String(length=8), nullable=False),
        sa.Column("mailbox", sa.String(length=64), nullable=True),
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("desk_message_id", sa.String(length=36), nullable=True),
        sa.Column("in_reply_to", sa.String(length=998), nullable=True),
        sa.Column("references", sa.Text(), nullable=True),
        sa.Column("from_address", sa.String(length=320), nullable=True),
        sa.Column("reply_to", sa.String(length=320), nullable=True),
        sa.Column("to_address", sa.String(length=320), nullable=True),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=True),
        sa.Column("state_seq", sa.BigInteger(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", utc(), nullable=True),
        sa.Column("raw", sa.LargeBinary(), nullable=True),
        sa.Column("raw_until", utc(), nullable=True),
        sa.Column("created_at", utc(), nullable=False),
        sa.Column("updated_at", utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_messages")),
        sa.UniqueConstraint("message_id", name=op.f("uq_mail_messages_message_id")),
    )
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.create_index("ix_mail_messages_desk_message_id", ["desk_message_id"], unique=False)
        batch_op.create_index("ix_mail_messages_ticket_id", ["ticket_id"], unique=False)
        batch_op.create_index("ix_mail_messages_state_seq", ["state_seq"], unique=False)
        batch_op.create_index(
            "ix_mail_messages_sender", ["from_address", "created_at"], unique=False
        )
        batch_op.create_index("ix_mail_messages_queue", ["state", "next_attempt_at"], unique=False)
    op.create_table(
        "mail_attachments",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("mail_id", sa.String(length=36), nullable=False),
        sa.Column("filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=128), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("inline", sa.Boolean(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_attachments")),
    )
    with op.batch_alter_table("mail_attachments", schema=None) as batch_op:
        batch_op.create_index("ix_mail_attachments_mail_id", ["mail_id"], unique=False)
    op.create_table(
        "mail_cursors",
        sa.Column("name", sa.String(length=32), nullable=False),
        sa.Column("value", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_mail_cursors")),
    )
    op.execute("INSERT INTO mail_cursors (name, value) VALUES ('state_seq', 0)")


def downgrade() -> None:
    op.drop_table("mail_cursors")
    with op.batch_alter_table("mail_attachments", schema=None) as batch_op:
        batch_op.drop_index("ix_mail_attachments_mail_id")
    op.drop_table("mail_attachments")
    with op.batch_alter_table("mail_messages", schema=None) as batch_op:
        batch_op.drop_index("ix_mail_messages_queue")
        batch_op.drop_index("ix_mail_messages_sender")
        batch_op.drop_index("ix_mail_messages_state_seq")
        batch_op.drop_index("ix_mail_messages_ticket_id")
        batch_op.drop_index("ix_mail_messages_desk_message_id")
    op.drop_table("mail_messages")
    op.drop_table("mail_smtp")
    op.drop_table("mail_mailboxes")
