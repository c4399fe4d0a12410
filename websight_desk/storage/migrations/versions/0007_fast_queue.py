"""fast queue at a million tickets: one search document per ticket keyed by its number,
indexes that walk each sort order, people found by e-mail, phone and domain

Revision ID: 0007_fast_queue
Revises: 0006_company_settings
Create Date: 2026-12-03
"""

from __future__ import annotations

from alembic import op

from websight_desk.storage import fts

revision = "0007_fast_queue"
down_revision = "0006_company_settings"
branch_labels = None
depends_on = None

# The layout of 0001 (one document per subject and per message, text ids), for downgrades.
_OLD_FTS = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
    "ticket_id UNINDEXED, doc_id UNINDEXED, body, "
    "tokenize = \"unicode61 remove_diacritics 2 tokenchars '_'\")"
)
_ORDER_INDEXES = {
    "ix_tickets_number_id": ["number", "id"],
    "ix_tickets_created_order": ["created_at", "number", "id"],
    "ix_tickets_updated_order": ["updated_at", "number", "id"],
    "ix_tickets_subject_order": ["subject", "number", "id"],
    "ix_tickets_priority_order": ["priority", "number", "id"],
    "ix_tickets_status_order": ["status", "number", "id"],
    "ix_tickets_assignee_order": ["assignee_id", "number", "id"],
    "ix_tickets_service_order": ["service_id", "number", "id"],
}


def upgrade() -> None:
    op.drop_index("ix_tickets_number", table_name="tickets")
    op.drop_index("ix_tickets_updated_at", table_name="tickets")
    for name, columns in _ORDER_INDEXES.items():
        op.create_index(name, "tickets", columns, unique=False)
    op.create_index("ix_contacts_email", "contacts", ["email"], unique=False)
    op.create_index("ix_contacts_phone", "contacts", ["phone"], unique=False)
    op.create_index("ix_services_label", "services", ["label"], unique=False)
    op.create_index("ix_services_kind", "services", ["kind"], unique=False)
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    # A server's SQLite file has the table but never fills it: only rebuild a used index.
    used = conn.exec_driver_sql("SELECT 1 FROM search_index LIMIT 1").first() is not None
    op.execute(fts.DROP_SQL)
    op.execute(fts.CREATE_SQL)
    if used:
        fts.rebuild(conn)


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        # The old layout comes back empty: documents per message are not rebuilt.
        op.execute(fts.DROP_SQL)
        op.execute(_OLD_FTS)
    op.drop_index("ix_services_kind", table_name="services")
    op.drop_index("ix_services_label", table_name="services")
    op.drop_index("ix_contacts_phone", table_name="contacts")
    op.drop_index("ix_contacts_email", table_name="contacts")
    for name in reversed(list(_ORDER_INDEXES)):
        op.drop_index(name, table_name="tickets")
    op.create_index("ix_tickets_updated_at", "tickets", ["updated_at"], unique=False)
    op.create_index("ix_tickets_number", "tickets", ["number"], unique=False)
