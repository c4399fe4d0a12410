"""sync client tables

Revision ID: 0002_sync
Revises: 0001_foundation
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import websight_desk.storage.types

revision = "0002_sync"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("last_attempt_at", websight_desk.storage.types.UTCDateTime(), nullable=True)
        )
        batch_op.add_column(sa.Column("last_error", sa.Text(), nullable=True))
    op.create_table(
        "sync_conflicts",
        sa.Column("loser_change_id", sa.String(length=36), nullable=False),
        sa.Column("winner_change_id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("detected_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("dismissed_at", websight_desk.storage.types.UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("loser_change_id", name=op.f("pk_sync_conflicts")),
    )
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_sync_conflicts_ticket_id"), ["ticket_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("sync_conflicts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sync_conflicts_ticket_id"))
    op.drop_table("sync_conflicts")
    with op.batch_alter_table("sync_state", schema=None) as batch_op:
        batch_op.drop_column("last_error")
        batch_op.drop_column("last_attempt_at")
