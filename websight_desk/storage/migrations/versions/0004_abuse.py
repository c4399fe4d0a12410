"""abuse terminations, reviews, overrides and the audit hash chain

Revision ID: 0004_abuse
Revises: 0003_callbacks
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import websight_desk.storage.types

revision = "0004_abuse"
down_revision = "0003_callbacks"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "abuse_terminations",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("channel", sa.String(length=8), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("call_id", sa.String(length=36), nullable=True),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("reported_by", sa.String(length=36), nullable=False),
        sa.Column("detector_suggested", sa.Boolean(), nullable=False),
        sa.Column("evidence_message_id", sa.String(length=36), nullable=True),
        sa.Column("evidence_excerpt", sa.Text(), nullable=False),
        sa.Column("evidence_words", sa.Text(), nullable=False),
        sa.Column("evidence_digest", sa.String(length=64), nullable=False),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("legal_basis", sa.String(length=16), nullable=False),
        sa.Column("retention_class", sa.String(length=32), nullable=False),
        sa.Column("destroy_after", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("anonymised_at", websight_desk.storage.types.UTCDateTime(), nullable=True),
        sa.Column("chain_prev", sa.String(length=64), nullable=True),
        sa.Column("chain_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_abuse_terminations_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["reported_by"], ["agents.id"], name=op.f("fk_abuse_terminations_reported_by_agents")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_abuse_terminations_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abuse_terminations")),
    )
    with op.batch_alter_table("abuse_terminations", schema=None) as batch_op:
        batch_op.create_index("ix_abuse_terminations_chain", ["hlc", "node_id", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_abuse_terminations_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_abuse_terminations_ticket_id"), ["ticket_id"], unique=False
        )
    op.create_table(
        "refusal_overrides",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("customer_id", sa.String(length=36), nullable=False),
        sa.Column("ticket_id", sa.String(length=36), nullable=True),
        sa.Column("agent_id", sa.String(length=36), nullable=False),
        sa.Column("refusal_state", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("message_id", sa.String(length=36), nullable=True),
        sa.Column("chain_prev", sa.String(length=64), nullable=True),
        sa.Column("chain_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["agents.id"], name=op.f("fk_refusal_overrides_agent_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customers.id"],
            name=op.f("fk_refusal_overrides_customer_id_customers"),
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["tickets.id"], name=op.f("fk_refusal_overrides_ticket_id_tickets")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refusal_overrides")),
    )
    with op.batch_alter_table("refusal_overrides", schema=None) as batch_op:
        batch_op.create_index("ix_refusal_overrides_chain", ["hlc", "node_id", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_refusal_overrides_customer_id"), ["customer_id"], unique=False
        )
    op.create_table(
        "abuse_reviews",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("termination_id", sa.String(length=36), nullable=False),
        sa.Column("decision", sa.String(length=16), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("reviewer_id", sa.String(length=36), nullable=False),
        sa.Column("chain_prev", sa.String(length=64), nullable=True),
        sa.Column("chain_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", websight_desk.storage.types.UTCDateTime(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["reviewer_id"], ["agents.id"], name=op.f("fk_abuse_reviews_reviewer_id_agents")
        ),
        sa.ForeignKeyConstraint(
            ["termination_id"],
            ["abuse_terminations.id"],
            name=op.f("fk_abuse_reviews_termination_id_abuse_terminations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_abuse_reviews")),
    )
    with op.batch_alter_table("abuse_reviews", schema=None) as batch_op:
        batch_op.create_index("ix_abuse_reviews_chain", ["hlc", "node_id", "id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_abuse_reviews_termination_id"), ["termination_id"], unique=False
        )
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("chain_prev", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("chain_hash", sa.String(length=64), nullable=True))
        batch_op.create_index("ix_audit_events_chain", ["hlc", "node_id", "id"], unique=False)
    # Audit events written before this revision join the chain now.
    from websight_desk.storage.chain import seal_unsealed

    seal_unsealed(op.get_bind())


def downgrade() -> None:
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_index("ix_audit_events_chain")
        batch_op.drop_column("chain_hash")
        batch_op.drop_column("chain_prev")
    with op.batch_alter_table("abuse_reviews", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_abuse_reviews_termination_id"))
        batch_op.drop_index("ix_abuse_reviews_chain")
    op.drop_table("abuse_reviews")
    with op.batch_alter_table("refusal_overrides", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refusal_overrides_customer_id"))
        batch_op.drop_index("ix_refusal_overrides_chain")
    op.drop_table("refusal_overrides")
    with op.batch_alter_table("abuse_terminations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_abuse_terminations_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_abuse_terminations_customer_id"))
        batch_op.drop_index("ix_abuse_terminations_chain")
    op.drop_table("abuse_terminations")
