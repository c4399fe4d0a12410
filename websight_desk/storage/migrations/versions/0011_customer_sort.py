"""the queue sorted by customer walks the account holders' names: index on contacts (role, name)

Revision ID: 0011_customer_sort
Revises: 0009_note_digests
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

revision = "0011_customer_sort"
down_revision = "0009_note_digests"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_contacts_role_name", "contacts", ["role", "name"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_contacts_role_name", table_name="contacts")
