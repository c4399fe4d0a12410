"""What the server accepts: op kinds, their tables, the roles they need, their shape.

Other features extend these registries next to their appliers, e.g.
`REQUIRED_ROLE["review.create"] = "shift_lead"` and `register_kind("review.create", Review)`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, Boolean, Connection, Integer, String, Table, Text, select

from websight_desk.domain.enums import Priority, TicketField, TicketStatus
from websight_desk.server.purge_check import purge_check
from websight_desk.storage.appliers import APPLIERS
from websight_desk.storage.models import (
    Agent,
    AuditEvent,
    Contact,
    Customer,
    Message,
    Service,
    Ticket,
    TicketFieldChange,
)
from websight_desk.storage.ops import Op, from_iso
from websight_desk.storage.types import UTCDateTime

# The role an account must have to push a kind (exact match; the server checks the
# authenticated account, never a role written in the payload).
REQUIRED_ROLE: dict[str, str] = {
    "agent.upsert": "admin",  # accounts are published by the server itself
    "review.create": "shift_lead",
    "kvkk.erase": "admin",
    "legal_hold.set": "admin",
    "legal_hold.release": "admin",
    "kvkk_text.create": "admin",
}

# Kinds whose op must be authored by the account that pushes it (a modified client cannot
# push a review or an erasure in someone else's name), and the payload field, if any, that
# names the actor and must match the author too.
AUTHORED: dict[str, str | None] = {
    "review.create": "reviewer_id",
    "override.create": "agent_id",
    "kvkk.erase": "erased_by",
    "termination.create": None,  # reported_by may name the colleague who saw the abuse
    "legal_hold.set": "set_by",
    "legal_hold.release": "released_by",
    "kvkk_text.create": None,
}

MAX_TEXT = 100_000  # characters in one Text field
MAX_HLC_AHEAD_MS = 5 * 60 * 1000
_META_COLUMNS = frozenset({"hlc", "node_id", "updated_at"})  # filled in by the appliers

# Per-kind extra checks: return a rejection reason or None.
ExtraCheck = Callable[[Connection, Op], "str | None"]
# Checks that need the server clock and the records made earlier in the same push (record id →
# the accepted op that creates it), for kinds whose payload is not one table row.
BatchCheck = Callable[[Connection, Op, Mapping[str, Op], datetime], "str | None"]
BATCH_CHECKS: dict[str, BatchCheck] = {}


@dataclass(frozen=True)
class KindSpec:
    table: Table
    append_only: bool
    extra: ExtraCheck | None = None


KINDS: dict[str, KindSpec] = {}


def register_kind(
    kind: str, model: Any, *, append_only: bool = True, extra: ExtraCheck | None = None
) -> None:
    """Declare the table an op kind writes, so the server can check shape and references."""
    table = model if isinstance(model, Table) else model.__table__
    KINDS[kind] = KindSpec(table=table, append_only=append_only, extra=extra)


class InvalidOp(ValueError):
    """An op that is malformed (not a business refusal): the request gets a 4xx."""

    def __init__(self, op_id: str, message: str) -> None:
        super().__init__(message)
        self.op_id = op_id


def known_kinds() -> frozenset[str]:
    return frozenset(APPLIERS)


def validate_shape(op: Op) -> None:
    """Types and sizes of the payload fields the kind's table stores; raises InvalidOp."""
    if op.kind not in APPLIERS:
        raise InvalidOp(op.op_id, f"unknown op kind {op.kind!r}")
    spec = KINDS.get(op.kind)
    if spec is None:
        return
    for column in spec.table.columns:
        name = column.name
        if name in _META_COLUMNS:
            continue
        value = op.payload.get(name)
        if value is None:
            required = not column.nullable and column.default is None
            if required and name not in ("erased_at", "redacted_at"):
                raise InvalidOp(op.op_id, f"{op.kind}: field {name!r} is required")
            continue
        problem = _type_problem(column.type, value)
        if problem:
            raise InvalidOp(op.op_id, f"{op.kind}: field {name!r} {problem}")


def _type_problem(type_: Any, value: Any) -> str | None:
    if isinstance(type_, UTCDateTime):
        if not isinstance(value, str):
            return "must be an ISO-8601 timestamp"
        try:
            from_iso(value)
        except ValueError:
            return "must be an ISO-8601 timestamp with an offset"
        return None
    if isinstance(type_, Boolean):
        return None if isinstance(value, bool) else "must be true or false"
    if isinstance(type_, Integer | BigInteger):
        ok = isinstance(value, int) and not isinstance(value, bool)
        return None if ok else "must be an integer"
    if isinstance(type_, String | Text):
        if not isinstance(value, str):
            return "must be a string"
        limit = getattr(type_, "length", None) or MAX_TEXT
        if len(value) > limit:
            return f"is longer than {limit} characters"
    return None


def role_problem(kind: str, role: str, account_name: str) -> str | None:
    needed = REQUIRED_ROLE.get(kind)
    if needed is None or role == needed:
        return None
    return f"{kind} needs the role {needed}; the account {account_name!r} has the role {role}"


def author_problem(op: Op, account_id: str) -> str | None:
    """A privileged or authored op must name the pushing account as its author."""
    if op.kind not in AUTHORED:
        return None
    if op.author_id != account_id:
        return (
            f"{op.kind} must be authored by the account that sends it "
            f"(author {op.author_id!r}, account {account_id!r})"
        )
    actor = AUTHORED[op.kind]
    if actor is not None and op.payload.get(actor) not in (None, account_id):
        return f"{op.kind}: {actor} must be the author of the op"
    return None


def references(op: Op) -> list[tuple[str, Table, str]]:
    """(field, referenced table, id) for every foreign key the payload fills."""
    spec = KINDS.get(op.kind)
    if spec is None:
        return []
    found: list[tuple[str, Table, str]] = []
    for column in spec.table.columns:
        value = op.payload.get(column.name)
        if value is None:
            continue
        for fk in column.foreign_keys:
            found.append((column.name, fk.column.table, str(value)))
    extra = _EXTRA_REFERENCES.get(op.kind)
    if extra is not None:
        found.extend(extra(op))
    return found


def _assignee_reference(op: Op) -> list[tuple[str, Table, str]]:
    if op.payload.get("field") == TicketField.ASSIGNEE.value and op.payload.get("value"):
        return [("value", Agent.__table__, str(op.payload["value"]))]  # type: ignore[list-item]
    return []


_EXTRA_REFERENCES: dict[str, Callable[[Op], list[tuple[str, Table, str]]]] = {
    "ticket.set_field": _assignee_reference,
}

_FIELD_VALUES = {
    TicketField.STATUS.value: frozenset(s.value for s in TicketStatus),
    TicketField.PRIORITY.value: frozenset(p.value for p in Priority),
}


def _field_change_check(conn: Connection, op: Op) -> str | None:
    field = op.payload.get("field")
    if field not in {f.value for f in TicketField}:
        return f"{field!r} is not a ticket field that can be changed"
    allowed = _FIELD_VALUES.get(str(field))
    if allowed is not None and op.payload.get("value") not in allowed:
        return f"{op.payload.get('value')!r} is not a valid {field}"
    return None


def record_exists(conn: Connection, table: Table, record_id: str) -> bool:
    pk = next(iter(table.primary_key.columns))
    return conn.execute(select(pk).where(pk == record_id)).first() is not None


register_kind("agent.upsert", Agent, append_only=False)
register_kind("customer.create", Customer)
register_kind("contact.upsert", Contact, append_only=False)
register_kind("service.upsert", Service, append_only=False)
register_kind("ticket.create", Ticket)
register_kind("message.create", Message)
register_kind("ticket.set_field", TicketFieldChange, extra=_field_change_check)
register_kind("audit.create", AuditEvent)
# A modified client must not destroy records whose retention has not ended.
BATCH_CHECKS["kvkk.purge"] = purge_check


# Feature modules that declare their own kinds/roles with `install_server_rules()`.
FEATURE_MODULES = (
    "websight_desk.storage.abuse_appliers",
    "websight_desk.storage.callback_appliers",
    "websight_desk.storage.kvkk_appliers",
)
_installed: list[str] = []


def install_features() -> None:
    """Let every feature register its kinds and roles (idempotent; call at server start)."""
    import importlib

    for name in FEATURE_MODULES:
        if name in _installed:
            continue
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue
        install = getattr(module, "install_server_rules", None)
        if callable(install):
            install()
        _installed.append(name)
