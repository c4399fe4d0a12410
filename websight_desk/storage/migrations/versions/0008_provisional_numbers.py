"""the numbers tickets had on this workstation before the server gave the team's number

Revision ID: 0008_provisional_numbers
Revises: 0007_fast_queue
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import websight_desk.storage.types

revision = "0008_provisional_numbers"
down_revision = "0007_fast_queue"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "provisional_numbers",
        sa.Column("ticket_id", sa.String(length=36), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("renumbered_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["tickets.id"],
            name=op.f("fk_provisional_numbers_ticket_id_tickets"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_provisional_numbers")),
    )
    op.create_index("ix_provisional_numbers_number", "provisional_numbers", ["number"])


def downgrade() -> None:
    op.drop_index("ix_provisional_numbers_number", table_name="provisional_numbers")
    op.drop_table("provisional_numbers")
