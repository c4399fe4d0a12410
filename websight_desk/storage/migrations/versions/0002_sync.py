"""sync client tables

Revision ID: 0002_sync
Revises: 0001_foundation
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0002_sync"
down_revision = "0001_foundation"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
