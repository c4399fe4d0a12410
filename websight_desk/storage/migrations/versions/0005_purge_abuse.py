"""the destruction job's log counts abuse terminations whose evidence it blanked

Revision ID: 0005_purge_abuse
Revises: 0004_abuse
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_purge_abuse"
down_revision = "0004_abuse"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("kvkk_purge_runs", schema=None) as batch_op:
        for name in ("terminations_examined", "terminations_anonymised", "terminations_held"):
            batch_op.add_column(sa.Column(name, sa.Integer(), server_default="0", nullable=False))
        batch_op.add_column(
            sa.Column("termination_ids", sa.Text(), server_default="[]", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("kvkk_purge_runs", schema=None) as batch_op:
        batch_op.drop_column("termination_ids")
        batch_op.drop_column("terminations_held")
        batch_op.drop_column("terminations_anonymised")
        batch_op.drop_column("terminations_examined")
