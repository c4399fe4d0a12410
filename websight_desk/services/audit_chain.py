"""Tamper evidence for the desk: verify the hash chain (terminations, reviews, overrides, audit).

The chain itself (order, link hash, sealing on apply) is `storage.chain`. The sync server
keeps its own chain through the same appliers and checks it with the pure
`verify_records(records)` over `record_from_row(table, row)` of its rows — or `verify(conn)`.
"""

from __future__ import annotations

from websight_desk.services.desk import Desk
from websight_desk.storage.chain import (
    ChainBreak,
    ChainRecord,
    ChainResult,
    chain_head,
    record_from_row,
    seal_unsealed,
    verify,
    verify_records,
)


def verify_desk(desk: Desk) -> ChainResult:
    """Check every chained record of the workspace; `.broken` names the first bad one."""
    with desk.db.read() as conn:
        return verify(conn)


__all__ = [
    "ChainBreak",
    "ChainRecord",
    "ChainResult",
    "chain_head",
    "record_from_row",
    "seal_unsealed",
    "verify",
    "verify_desk",
    "verify_records",
]
