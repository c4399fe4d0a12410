"""The applier registry: `@applier("kind")`, the context appliers get, and `apply_ops`.

Import appliers through `storage/appliers.py`, which loads every registered kind; the core
applier modules import this module directly so that none of them can be half-loaded while the
feature modules wrap their appliers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection

from websight_desk.storage.ops import Op


@dataclass
class ApplyContext:
    """What the caller needs to know after applying, and how to apply."""

    conn: Connection
    with_search_index: bool = True
    touched_tickets: set[str] = field(default_factory=set)
    # Set only by `OpWriter`: its create ops carry ids it has just made (UUIDv7), so the
    # "is this id stored already" lookups cannot find anything. Pulled and server ops keep them.
    fresh_ids: bool = False

    def __post_init__(self) -> None:
        # SQLite rows go straight to the driver: times are converted to stored text once.
        self.stored_times = self.conn.dialect.name == "sqlite"


ApplyFn = Callable[[ApplyContext, Sequence[Op]], None]
APPLIERS: dict[str, ApplyFn] = {}


class UnknownOpKind(ValueError):
    pass


def applier(kind: str) -> Callable[[ApplyFn], ApplyFn]:
    def register(fn: ApplyFn) -> ApplyFn:
        if kind in APPLIERS:
            raise RuntimeError(f"two appliers for {kind}")
        APPLIERS[kind] = fn
        return fn

    return register


def apply_ops(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    """Apply ops in order, batching runs of the same kind."""
    start = 0
    while start < len(ops):
        kind = ops[start].kind
        end = start
        while end < len(ops) and ops[end].kind == kind:
            end += 1
        fn = APPLIERS.get(kind)
        if fn is None:
            raise UnknownOpKind(kind)
        fn(ctx, ops[start:end])
        start = end
