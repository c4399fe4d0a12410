"""this workstation's copy of the company settings the sync server publishes

Revision ID: 0006_company_settings
Revises: 0005_purge_abuse
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import websight_desk.storage.types

revision = "0006_company_settings"
down_revision = "0005_purge_abuse"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = websight_desk.storage.types.UTCDateTime
    op.create_table(
        "company_settings_copy",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", utc(), nullable=True),
        sa.Column("received_at", utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_company_settings_copy")),
    )


def downgrade() -> None:
    op.drop_table("company_settings_copy")
