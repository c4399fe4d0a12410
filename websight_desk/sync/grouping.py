"""Regroup a batch of ops by kind so each applier runs once per kind, not once per op.

A push or a pulled page interleaves kinds (customer, ticket, message, message, customer, …),
and `apply_ops` calls an applier per run of one kind: thousands of tiny calls. Ops of the
kinds below converge in any order (append-only rows, upserts kept in their own order, field
changes merged by (hlc, node)), so within a stretch of them we order by dependency level
(an op after every op whose record id it names), then by kind. Any other kind is a barrier
that stays in place. Callers fall back to the original order if the grouped apply fails.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from websight_desk.storage.ops import Op

REGROUPABLE = frozenset(
    {
        "agent.upsert",
        "customer.create",
        "contact.upsert",
        "service.upsert",
        "ticket.create",
        "message.create",
        "ticket.set_field",
        "audit.create",
    }
)


def _refs(payload: Mapping[str, Any]) -> Iterator[str]:
    for key, value in payload.items():
        if key == "id":
            continue
        if isinstance(value, str):
            yield value
        elif isinstance(value, list):
            yield from (v for v in value if isinstance(v, str))


def _regroup_stretch(ops: Sequence[Op]) -> list[Op]:
    level_of: dict[str, int] = {}
    kind_rank: dict[str, int] = {}
    keyed: list[tuple[tuple[int, int, int], Op]] = []
    for index, op in enumerate(ops):
        level = 0
        for ref in _refs(op.payload):
            known = level_of.get(ref)
            if known is not None and known + 1 > level:
                level = known + 1
        record_id = op.payload.get("id")
        if isinstance(record_id, str):
            level = max(level, level_of.get(record_id, 0))  # a later upsert stays later
            level_of[record_id] = level
        rank = kind_rank.setdefault(op.kind, len(kind_rank))
        keyed.append(((level, rank, index), op))
    keyed.sort(key=lambda item: item[0])
    return [op for _, op in keyed]


def regroup(ops: Sequence[Op]) -> list[Op]:
    """The same ops, kinds grouped where that cannot change the result."""
    out: list[Op] = []
    stretch: list[Op] = []
    for op in ops:
        if op.kind in REGROUPABLE:
            stretch.append(op)
            continue
        out.extend(_regroup_stretch(stretch))
        stretch = []
        out.append(op)
    out.extend(_regroup_stretch(stretch))
    return out
