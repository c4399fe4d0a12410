"""the notes of terminations and reviews sealed by a digest, so that an erasure can blank them

Records sealed before keep their seal over the note's text (`note_digest` stays NULL); an
erasure converts such a record only if its own seal is intact (`storage.abuse_destruction`).

Revision ID: 0009_note_digests
Revises: 0008_provisional_numbers
Create Date: 2026-12-03
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_note_digests"
down_revision = "0008_provisional_numbers"
branch_labels = None
depends_on = None

TABLES = ("abuse_terminations", "abuse_reviews")


def upgrade() -> None:
    for table in TABLES:
        op.add_column(table, sa.Column("note_digest", sa.String(length=64), nullable=True))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column("note_digest")
