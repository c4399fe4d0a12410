"""Appliers: turn ops into rows, idempotently, on SQLite and PostgreSQL alike.

An applier takes a batch of ops of one kind. Inserts of append-only records ignore a row that
already exists (applying an op twice is harmless); mutable records (agents, contacts,
services) keep the version with the greatest (hlc, node_id). New kinds register with
`@applier("kind")`. Importing this module loads every applier: the core ones
(`record_appliers`, `ticket_appliers`, `field_appliers`) and the feature ones.
"""

from __future__ import annotations

# Importing the core applier modules registers their kinds; the feature modules below wrap
# some of them (message.create, contact.upsert, audit.create), so they come first.
import websight_desk.storage.field_appliers
import websight_desk.storage.record_appliers
import websight_desk.storage.ticket_appliers
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

# Feature appliers (callbacks and KVKK; abuse terminations, reviews, overrides and the audit
# chain seal) register on import: keep them loaded wherever appliers run.
import websight_desk.storage.abuse_appliers
import websight_desk.storage.callback_appliers  # noqa: F401
