"""server tables: accounts, change log, rejections, counter

Revision ID: s0001_server
Revises:
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import websight_desk.storage.types

revision = "s0001_server"
down_revision = None
branch_labels = ("server",)
depends_on = "0001_foundation"


def upgrade() -> None:
    utc = websight_desk.storage.types.UTCDateTime
    op.create_table(
        "server_accounts",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", utc(), nullable=False),
        sa.Column("revoked_at", utc(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_accounts")),
        sa.UniqueConstraint("name", name=op.f("uq_server_accounts_name")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_server_accounts_token_hash")),
    )
    op.create_table(
        "server_change_log",
        sa.Column("seq", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("accepted_at", utc(), nullable=False),
        sa.Column("pushed_by", sa.String(length=36), nullable=True),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_server_change_log")),
        sa.UniqueConstraint("op_id", name=op.f("uq_server_change_log_op_id")),
    )
    op.create_table(
        "server_rejections",
        sa.Column("op_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=48), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("hlc", sa.BigInteger(), nullable=False),
        sa.Column("node_id", sa.String(length=64), nullable=False),
        sa.Column("author_id", sa.String(length=36), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("account_id", sa.String(length=36), nullable=True),
        sa.Column("rejected_at", utc(), nullable=False),
        sa.PrimaryKeyConstraint("op_id", name=op.f("pk_server_rejections")),
    )
    with op.batch_alter_table("server_rejections", schema=None) as batch_op:
        batch_op.create_index(
            "ix_server_rejections_account", ["account_id", "rejected_at"], unique=False
        )
    op.create_table(
        "server_counter",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_server_counter")),
    )
    op.execute("INSERT INTO server_counter (id, seq) VALUES (1, 0)")


def downgrade() -> None:
    op.drop_table("server_counter")
    with op.batch_alter_table("server_rejections", schema=None) as batch_op:
        batch_op.drop_index("ix_server_rejections_account")
    op.drop_table("server_rejections")
    op.drop_table("server_change_log")
    op.drop_table("server_accounts")
