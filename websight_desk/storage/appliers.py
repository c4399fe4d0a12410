"""Appliers: turn ops into rows, idempotently, on SQLite and PostgreSQL alike.

An applier takes a batch of ops of one kind. Inserts of append-only records ignore a row that
already exists (applying an op twice is harmless); mutable records (agents, contacts,
services) keep the version with the greatest (hlc, node_id). New kinds register with
`@applier("kind")` in a module imported here. Importing this module loads every applier:
the core ones (`record_appliers`, `ticket_appliers`, `field_appliers`) and the feature ones
(callbacks and KVKK; abuse terminations, reviews and overrides).
"""

from __future__ import annotations

# Every applier module, imported for the kinds it registers (tests/e2e/sync/test_kind_registry.py
# checks that every op kind has one).
import websight_desk.storage.abuse_appliers
import websight_desk.storage.callback_appliers
import websight_desk.storage.field_appliers
import websight_desk.storage.record_appliers
import websight_desk.storage.ticket_appliers  # noqa: F401
from websight_desk.storage.applier_registry import (
    APPLIERS,
    ApplyContext,
    ApplyFn,
    UnknownOpKind,
    applier,
    apply_ops,
)
from websight_desk.storage.apply_rows import insert_ignore

__all__ = [
    "APPLIERS",
    "ApplyContext",
    "ApplyFn",
    "UnknownOpKind",
    "applier",
    "apply_ops",
    "insert_ignore",
]
