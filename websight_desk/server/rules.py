"""What the server accepts, per op kind: the table it writes, its references, its checks.

The kinds, their schemas, roles, actor fields and server-computed fields are declared once in
`domain.op_kinds`; this module adds what only the server knows (tables, business checks) with
plain imports. `tests/e2e/sync/test_kind_registry.py` fails if a kind is missing.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from sqlalchemy import Table

from websight_desk.domain.enums import TicketField
from websight_desk.domain.op_kinds import KINDS, KindSpec
from websight_desk.server import checks
from websight_desk.server.accounts import Account
from websight_desk.server.checks import Check
from websight_desk.storage.kind_tables import TABLES
from websight_desk.storage.models import Agent, Callback, Customer, Message, Ticket
from websight_desk.storage.ops import Op

MAX_HLC_AHEAD_MS = 5 * 60 * 1000


def _t(model: Any) -> Table:
    table: Table = model.__table__
    return table


# Business checks beyond schema, role, authorship, references and append-only.
CHECKS: dict[str, Check] = {
    "ticket.set_field": checks.field_change,
    "message.create": checks.message,
    "audit.create": checks.audit,
    "callback.create": checks.callback,
    "termination.create": checks.termination,
    "review.create": checks.review,
    "override.create": checks.override,
    "legal_hold.set": checks.hold,
    "legal_hold.release": checks.hold_release,
    "kvkk_text.create": checks.kvkk_text,
    "kvkk_request.close": checks.request_close,
    "kvkk.purge": checks.purge,
    "kvkk.erase": checks.erase,
}

# References a table's foreign keys do not show (a field change names an agent in `value`;
# a hold names its subject by type).
ExtraRefs = Callable[[Op], list[tuple[str, Table, str]]]


def _assignee(op: Op) -> list[tuple[str, Table, str]]:
    if op.payload.get("field") == TicketField.ASSIGNEE.value and op.payload.get("value"):
        return [("value", _t(Agent), str(op.payload["value"]))]
    return []


_HOLD_SUBJECTS = {"customer": _t(Customer), "ticket": _t(Ticket), "callback": _t(Callback)}


def _hold_subject(op: Op) -> list[tuple[str, Table, str]]:
    table = _HOLD_SUBJECTS.get(str(op.payload.get("subject_type")))
    return [] if table is None else [("subject_id", table, str(op.payload.get("subject_id")))]


def _termination_refs(op: Op) -> list[tuple[str, Table, str]]:
    found = []
    if op.payload.get("evidence_message_id"):
        found.append(("evidence_message_id", _t(Message), str(op.payload["evidence_message_id"])))
    if op.payload.get("call_id"):
        found.append(("call_id", _t(Callback), str(op.payload["call_id"])))
    return found


def _override_refs(op: Op) -> list[tuple[str, Table, str]]:
    message_id = op.payload.get("message_id")
    return [("message_id", _t(Message), str(message_id))] if message_id else []


EXTRA_REFERENCES: dict[str, ExtraRefs] = {
    "ticket.set_field": _assignee,
    "legal_hold.set": _hold_subject,
    "termination.create": _termination_refs,
    "override.create": _override_refs,
}


def spec(kind: str) -> KindSpec:
    return KINDS[kind]


def role_problem(op: Op, account: Account) -> str | None:
    roles = KINDS[op.kind].roles
    if roles is None or account.role in roles:
        return None
    needed = " or ".join(sorted(r.value for r in roles))
    return (
        f"{op.kind} needs the role {needed}; the account {account.name!r} has the role "
        f"{account.role}"
    )


def author_problem(op: Op, account: Account) -> str | None:
    """Authorship comes from the token: the op and every actor field must name the pusher."""
    if op.author_id != account.id:
        return (
            f"{op.kind} must be authored by the account that sends it "
            f"(author {op.author_id!r}, account {account.id!r})"
        )
    for name in KINDS[op.kind].actors:
        if op.payload.get(name) != account.id:
            return f"{op.kind}: {name} must be the account that sends it ({account.name!r})"
    return None


@cache
def _foreign_keys(kind: str) -> tuple[tuple[str, Table], ...]:
    """(column, referenced table) of the kind's table: read from the metadata once."""
    return tuple(
        (column.name, fk.column.table)
        for column in TABLES[kind].columns
        if column.name != "id"
        for fk in column.foreign_keys
    )


def references(op: Op) -> list[tuple[str, Table, str]]:
    """(field, referenced table, id) for every record the payload points at."""
    found: list[tuple[str, Table, str]] = []
    for name, ref_table in _foreign_keys(op.kind):
        value = op.payload.get(name)
        if value is not None:
            found.append((name, ref_table, str(value)))
    extra = EXTRA_REFERENCES.get(op.kind)
    if extra is not None:
        found.extend(extra(op))
    return found
