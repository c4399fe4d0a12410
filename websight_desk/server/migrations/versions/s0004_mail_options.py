"""server: mailbox options — acknowledge new mail tickets, move filed mail to a folder

Revision ID: s0004_mail_options
Revises: s0003_mail
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "s0004_mail_options"
down_revision = "s0003_mail"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("mail_mailboxes") as batch:
        batch.add_column(sa.Column("ack", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch.add_column(sa.Column("filed_folder", sa.String(length=255), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("mail_mailboxes") as batch:
        batch.drop_column("filed_folder")
        batch.drop_column("ack")
