"""The server's own tamper-evidence chain: the same appliers seal it, the same check verifies it.

Pushed terminations, reviews, overrides and audit events are applied on the server by the
shared appliers (`storage.abuse_appliers`), which link them in (hlc, node_id, id) order — so
after a full sync the server's chain head equals every client's.
"""

from __future__ import annotations

from typing import Any

from websight_desk.server.store import Store
from websight_desk.storage.chain import ChainResult, verify


def verify_store(store: Store) -> ChainResult:
    """Check every chained record of the central copy; `.broken` names the first bad one."""
    with store.read() as conn:
        return verify(conn)


def result_json(result: ChainResult) -> dict[str, Any]:
    """The result as `audit-verify --json` prints it (the client's `audit verify` shape)."""
    broken = result.broken
    return {
        "ok": result.ok,
        "verified": result.count,
        "head": result.head,
        "broken": None
        if broken is None
        else {"table": broken.table, "id": broken.id, "problem": broken.problem},
    }
