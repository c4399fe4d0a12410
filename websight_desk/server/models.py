"""Server-only tables: accounts, the change log in commit order, rejections, the counter,
the company settings.

They live on their own MetaData so the client schema never carries them; the domain tables
come from `websight_desk.storage.models` and are filled by the same appliers as on clients.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from websight_desk.storage.models.base import ID, NAMING
from websight_desk.storage.types import UTCDateTime

server_metadata = MetaData(naming_convention=NAMING)

accounts = Table(
    "server_accounts",
    server_metadata,
    Column("id", ID, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("revoked_at", UTCDateTime(), nullable=True),
)

# `seq` comes from `counter` at the end of each writing transaction: commit order.
change_log = Table(
    "server_change_log",
    server_metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("op_id", ID, nullable=False, unique=True),
    Column("kind", String(48), nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON
    Column("hlc", BigInteger, nullable=False),
    Column("node_id", String(64), nullable=False),
    Column("author_id", String(36), nullable=True),
    Column("accepted_at", UTCDateTime(), nullable=False),
    Column("pushed_by", ID, nullable=True),  # account id; None for ops the server made
)

rejections = Table(
    "server_rejections",
    server_metadata,
    Column("op_id", ID, primary_key=True),
    Column("kind", String(48), nullable=False),
    Column("payload", Text, nullable=False),
    Column("hlc", BigInteger, nullable=False),
    Column("node_id", String(64), nullable=False),
    Column("author_id", String(36), nullable=True),
    Column("reason", Text, nullable=False),
    Column("account_id", ID, nullable=True),
    Column("rejected_at", UTCDateTime(), nullable=False),
    Index("ix_server_rejections_account", "account_id", "rejected_at"),
)

counter = Table(
    "server_counter",
    server_metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
)

# The company's settings (`domain.company`), one row per change: the highest version is in
# force, the rows before it are the record of who changed what, and when.
company_settings = Table(
    "server_company_settings",
    server_metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("settings", Text, nullable=False),  # CompanySettings.to_json(), canonical JSON
    Column("updated_at", UTCDateTime(), nullable=False),
    Column("updated_by", String(64), nullable=False),  # account or operator that changed it
)
