"""server: the company settings it holds and publishes, one row per change

Revision ID: s0002_company_settings
Revises: s0001_server
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import websight_desk.storage.types

revision = "s0002_company_settings"
down_revision = "s0001_server"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "server_company_settings",
        sa.Column("version", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("settings", sa.Text(), nullable=False),
        sa.Column("updated_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("updated_by", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("version", name=op.f("pk_server_company_settings")),
    )


def downgrade() -> None:
    op.drop_table("server_company_settings")
