"""callbacks and kvkk

Revision ID: 0003_callbacks
Revises: 0002_sync
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0003_callbacks"
down_revision = "0002_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
