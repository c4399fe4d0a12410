"""Accounts: bearer tokens (only their hash is stored), roles, revocation.

Every account is also published to clients as an `agent.upsert` op in the change log (the
account id is the agent id), so workstations learn names and roles like any other data.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection, insert, select, update

from websight_desk.domain.enums import Role
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.hlc import HybridClock
from websight_desk.domain.ids import SERVER_NODE, new_id
from websight_desk.server import changelog
from websight_desk.server.models import accounts
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.models import Agent
from websight_desk.storage.ops import Op, to_iso


@dataclass(frozen=True)
class Account:
    id: str
    name: str
    role: str
    created_at: datetime
    revoked_at: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _account(row: object) -> Account:
    return Account(
        id=row.id,  # type: ignore[attr-defined]
        name=row.name,  # type: ignore[attr-defined]
        role=row.role,  # type: ignore[attr-defined]
        created_at=row.created_at,  # type: ignore[attr-defined]
        revoked_at=row.revoked_at,  # type: ignore[attr-defined]
    )


def add_account(conn: Connection, name: str, role: str) -> tuple[Account, str]:
    """Create an account; returns it with its token (shown once, never stored)."""
    name = name.strip()
    if not name or len(name) > 64:
        raise ValidationError("An account name must have 1 to 64 characters.")
    role = Role(role).value
    if conn.execute(select(accounts.c.id).where(accounts.c.name == name)).first() is not None:
        raise ValidationError(f"An account named {name!r} already exists.")
    taken = conn.execute(select(Agent.id).where(Agent.username == name)).first()
    if taken is not None:
        raise ValidationError(f"An agent with the user name {name!r} already exists.")
    token = secrets.token_urlsafe(32)
    now = datetime.now(UTC)
    account_id = new_id()
    conn.execute(
        insert(accounts).values(
            id=account_id, name=name, role=role, token_hash=hash_token(token), created_at=now
        )
    )
    publish_agent(conn, account_id, name, role, now)
    return Account(account_id, name, role, now, None), token


def publish_agent(conn: Connection, account_id: str, name: str, role: str, now: datetime) -> None:
    """Apply and log the `agent.upsert` that tells clients about this account."""
    clock = HybridClock(changelog.max_hlc(conn))
    op = Op(
        op_id=new_id(),
        kind="agent.upsert",
        payload={
            "id": account_id,
            "username": name,
            "display_name": name,
            "role": role,
            "created_at": to_iso(now),
        },
        hlc=clock.now(),
        node_id=SERVER_NODE,
        author_id=None,
    )
    apply_ops(ApplyContext(conn, with_search_index=False), [op])
    changelog.append(conn, [op], pushed_by=None)


def list_accounts(conn: Connection) -> list[Account]:
    return [_account(r) for r in conn.execute(select(accounts).order_by(accounts.c.name))]


def revoke(conn: Connection, name: str) -> Account:
    row = conn.execute(select(accounts).where(accounts.c.name == name)).first()
    if row is None:
        raise NotFound(f"There is no account named {name!r}.")
    if row.revoked_at is None:
        conn.execute(
            update(accounts).where(accounts.c.id == row.id).values(revoked_at=datetime.now(UTC))
        )
    return _account(conn.execute(select(accounts).where(accounts.c.id == row.id)).one())


def authenticate(conn: Connection, token: str) -> Account | None:
    """The account of a token (revoked ones included, so the caller can say so)."""
    row = conn.execute(select(accounts).where(accounts.c.token_hash == hash_token(token))).first()
    return None if row is None else _account(row)
