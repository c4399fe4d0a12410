"""Personal data leaves the logs too: erasure and purge rewrite the stored op payloads.

Ops are kept after they are applied — the server's change log and rejections, a workstation's
outbox and quarantine — and each holds the payload as it was sent. When a person is erased, or
a record's retention ends, the same fields the appliers blank in the tables are blanked in
every stored payload that carries them, so a later pull (a new workstation's full resync too)
or a re-push never brings them back. A scrubbed payload keeps its ids and structure (it is
still applied idempotently) and says `"redacted": "erasure" | "retention"`.

The log is not compacted into snapshots: rows stay, with the personal fields gone.
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, Table, bindparam, case, cast, func, or_, select, update
from sqlalchemy.dialects.postgresql import JSONB

from websight_desk.storage.abuse_destruction import EVIDENCE_BLANK
from websight_desk.storage.erasure import ERASED_SUBJECT
from websight_desk.storage.models import Ticket
from websight_desk.storage.ops import canonical_json

# kind -> {field: blank value} for an erased person's records
_ERASURE: dict[str, dict[str, Any]] = {
    "contact.upsert": {"name": None, "email": None, "phone": None},
    "ticket.create": {"subject": ERASED_SUBJECT},
    "message.create": {"body": ""},
    "callback.create": {"contact_name": None, "phone": None, "notes": None, "recording_ref": None},
    "termination.create": {**EVIDENCE_BLANK, "note": ""},
    "review.create": {"note": ""},  # a review of an erased person's termination
    "kvkk_request.create": {"note": ""},
}
# kind -> {field: blank value} for records whose retention ended (the note stays: it says
# why the customer is refused, which outlives the evidence)
_RETENTION: dict[str, dict[str, Any]] = {
    "callback.create": _ERASURE["callback.create"],
    "termination.create": EVIDENCE_BLANK,
}


@dataclass(frozen=True)
class Forget:
    """What to blank: an erased customer's records (minus held ones), or expired records."""

    why: str  # "erasure" | "retention"
    customer_ids: frozenset[str] = frozenset()
    ticket_ids: frozenset[str] = frozenset()  # the erased customers' tickets
    record_ids: frozenset[str] = frozenset()  # retention: callbacks and terminations
    termination_ids: frozenset[str] = frozenset()  # erasure: their reviews' notes go too
    keep: frozenset[str] = field(default_factory=frozenset)  # ids under a legal hold

    def blanks(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        record_id = payload.get("id")
        if record_id in self.keep:
            return None
        if self.why == "retention":
            return _RETENTION.get(kind) if record_id in self.record_ids else None
        fields = _ERASURE.get(kind)
        if fields is None:
            return None
        if kind == "message.create":
            return fields if payload.get("ticket_id") in self.ticket_ids else None
        if kind == "review.create":
            return fields if payload.get("termination_id") in self.termination_ids else None
        return fields if payload.get("customer_id") in self.customer_ids else None


def scrub_payload(kind: str, payload: dict[str, Any], forget: Forget) -> dict[str, Any] | None:
    """The payload with the forgotten fields blanked, or None if nothing in it is forgotten."""
    fields = forget.blanks(kind, payload)
    if not fields:
        return None
    if all(payload.get(k) == v for k, v in fields.items()):
        return None
    return {**payload, **fields, "redacted": forget.why}


def _json_field(conn: Connection, column: Any, name: str) -> Any:
    if conn.dialect.name == "postgresql":
        return cast(column, JSONB)[name].astext
    # Packed outbox payloads (`outbox_codec`) are BLOBs SQL cannot read: they are all
    # selected (`_packed`) and checked in Python by `scrub_payload`.
    return case((func.typeof(column) == "text", func.json_extract(column, f"$.{name}")))


def _packed(conn: Connection, column: Any) -> list[Any]:
    return [func.typeof(column) == "blob"] if conn.dialect.name == "sqlite" else []


def scrub_table(conn: Connection, table: Table, key: str, forget: Forget) -> int:
    """Rewrite the stored payloads of `table` (a log of ops: kind, payload); returns how many.

    `key` is the table's primary key column. The rows are found by the customer or ticket the
    payload names (a full scan: erasures and purges are rare, and run in the background).
    """
    payload_col, kind_col = table.c.payload, table.c.kind
    kinds = list(_RETENTION if forget.why == "retention" else _ERASURE)
    conditions = []
    if forget.why == "retention":
        conditions.append(_json_field(conn, payload_col, "id").in_(sorted(forget.record_ids)))
    else:
        conditions.append(
            _json_field(conn, payload_col, "customer_id").in_(sorted(forget.customer_ids))
        )
        if forget.ticket_ids:
            conditions.append(
                _json_field(conn, payload_col, "ticket_id").in_(sorted(forget.ticket_ids))
            )
        if forget.termination_ids:
            conditions.append(
                _json_field(conn, payload_col, "termination_id").in_(sorted(forget.termination_ids))
            )
    conditions += _packed(conn, payload_col)
    rows = conn.execute(
        select(table.c[key], kind_col, payload_col).where(kind_col.in_(kinds), or_(*conditions))
    )
    changed = []
    needles = forget.customer_ids | forget.ticket_ids | forget.termination_ids | forget.record_ids
    for row in rows:  # streamed: at a million tickets the packed rows are millions
        if not any(needle in row.payload for needle in needles):
            continue  # names none of the forgotten ids (the packed rows' quick test)
        new = scrub_payload(row.kind, json.loads(row.payload), forget)
        if new is not None:
            changed.append({"k": row[0], "p": canonical_json(new)})
    if changed:
        conn.execute(
            update(table).where(table.c[key] == bindparam("k")).values(payload=bindparam("p")),
            changed,
        )
    return len(changed)


def ticket_ids_of(conn: Connection, customer_ids: Collection[str]) -> frozenset[str]:
    ids = sorted(customer_ids)
    if not ids:
        return frozenset()
    return frozenset(conn.execute(select(Ticket.id).where(Ticket.customer_id.in_(ids))).scalars())
