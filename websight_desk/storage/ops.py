"""Ops: the unit of change that is applied locally, written to the outbox and synced.

Every write in the program is an op (kind + JSON payload + HLC + node). The same appliers
run for local writes, for ops pulled from the server and on the server itself, so all
replicas converge by construction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import orjson

JsonDict = Mapping[str, Any]


def canonical_json(payload: JsonDict) -> str:
    """Stable text of a payload: equal content gives equal text (the idempotency check)."""
    return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS).decode()


def to_iso(value: datetime | None) -> str | None:
    """UTC ISO-8601 text for a payload; naive datetimes are a bug."""
    if value is None:
        return None
    if value.tzinfo is None:
        raise ValueError("naive datetime in an op payload")
    return value.astimezone(UTC).isoformat(timespec="microseconds")


def from_iso(value: str | None) -> datetime | None:
    if value is None:
        return None
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        raise ValueError(f"timestamp without offset: {value!r}")
    return parsed.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Op:
    op_id: str
    kind: str
    payload: JsonDict
    hlc: int
    node_id: str
    author_id: str | None = None

    def payload_json(self) -> str:
        return canonical_json(self.payload)

    def to_wire(self) -> dict[str, Any]:
        return {
            "op_id": self.op_id,
            "kind": self.kind,
            "payload": dict(self.payload),
            "hlc": self.hlc,
            "node_id": self.node_id,
            "author_id": self.author_id,
        }

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Op:
        return cls(
            op_id=str(data["op_id"]),
            kind=str(data["kind"]),
            payload=dict(data["payload"]),
            hlc=int(data["hlc"]),
            node_id=str(data["node_id"]),
            author_id=None if data.get("author_id") is None else str(data["author_id"]),
        )
