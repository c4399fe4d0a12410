"""Parse and bound what clients send; anything malformed becomes a clear 4xx `ApiError`."""

from __future__ import annotations

import re
from typing import Any

from websight_desk.domain.op_kinds import InvalidPayload, validate_payload
from websight_desk.server import json_body
from websight_desk.storage.ops import Op

MAX_BODY_BYTES = 5 * 1024 * 1024
MAX_BATCH = 2000  # ops per push (clients before issue 16 send 500; newer ones halve on 413)
MAX_PAYLOAD_CHARS = 256 * 1024
MAX_PAGE = 2000


class ApiError(Exception):
    """An answer other than 2xx, with a machine code and a message for people."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def to_json(self) -> dict[str, Any]:
        return {"error": self.code, "message": self.message, **self.extra}


def _text(data: dict[str, Any], key: str, limit: int) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"{key!r} must be a non-empty string")
    if len(value) > limit:
        raise ValueError(f"{key!r} is longer than {limit} characters")
    return value


_UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
_OP_FIELDS = frozenset({"op_id", "kind", "payload", "hlc", "node_id", "author_id"})


def _uuid(data: dict[str, Any], key: str, *, optional: bool = False) -> str | None:
    value = data.get(key)
    if value is None and optional:
        return None
    if not isinstance(value, str) or not _UUID.match(value):
        raise ValueError(f"{key!r} must be a lowercase UUID")
    return value


def parse_op(data: Any) -> Op:
    """One op of a push, checked against its kind's schema (`domain.op_kinds`)."""
    if not isinstance(data, dict):
        raise ValueError("each op must be a JSON object")
    extra = sorted(set(data) - _OP_FIELDS)
    if extra:
        raise ValueError(f"unknown op field(s): {', '.join(repr(k)[:40] for k in extra[:5])}")
    op_id = str(_uuid(data, "op_id"))
    kind = _text(data, "kind", 48)
    node_id = str(_uuid(data, "node_id"))  # a workstation's node; the server's own is not one
    author_id = _uuid(data, "author_id", optional=True)
    hlc = data.get("hlc")
    if not isinstance(hlc, int) or isinstance(hlc, bool) or not 0 <= hlc < 2**63:
        raise ValueError("'hlc' must be a non-negative 64-bit integer")
    payload = data.get("payload")
    if not isinstance(payload, dict):
        raise ValueError("'payload' must be a JSON object")
    op = Op(op_id=op_id, kind=kind, payload=payload, hlc=hlc, node_id=node_id, author_id=author_id)
    if len(op.payload_json()) > MAX_PAYLOAD_CHARS:
        raise ValueError(f"the payload is larger than {MAX_PAYLOAD_CHARS} characters")
    validate_payload(kind, payload)
    return op


def parse_push(body: bytes) -> list[Op]:
    """The ops of a push request body; raises ApiError (400/413) naming every bad op."""
    if len(body) > MAX_BODY_BYTES:
        raise ApiError(413, "body_too_large", f"The request is larger than {MAX_BODY_BYTES} bytes.")
    try:  # depth, 64-bit numbers, NUL, lone surrogates, duplicate keys: see json_body
        data = json_body.loads(body)
    except json_body.BadBody as exc:
        raise ApiError(400, exc.code, exc.message) from None
    if not isinstance(data, dict) or not isinstance(data.get("ops"), list):
        raise ApiError(400, "invalid_request", 'The body must be {"ops": [...]}.')
    raw = data["ops"]
    if len(raw) > MAX_BATCH:
        raise ApiError(
            413,
            "batch_too_large",
            f"A push may carry at most {MAX_BATCH} ops; send smaller batches.",
        )
    ops: list[Op] = []
    bad: list[dict[str, Any]] = []
    for index, item in enumerate(raw):
        op_id = item.get("op_id") if isinstance(item, dict) else None
        op_id = op_id if isinstance(op_id, str) and len(op_id) <= 36 else None
        try:
            ops.append(parse_op(item))
        except InvalidPayload as exc:
            bad.append({"index": index, "op_id": op_id, "message": str(exc)})
        except ValueError as exc:
            bad.append({"index": index, "op_id": op_id, "message": str(exc)})
    if bad:
        raise ApiError(
            400,
            "invalid_ops",
            f"{len(bad)} op(s) are malformed; nothing was stored. First: {bad[0]['message']}",
            ops=bad,
        )
    return ops
