"""abuse terminations, reviews and the audit chain

Revision ID: 0004_abuse
Revises: 0003_callbacks
Create Date: 2026-11-26
"""

from __future__ import annotations

revision = "0004_abuse"
down_revision = "0003_callbacks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
