"""Apply remembered erasures again to a database that lost them (restored from a backup).

The op is the one the admin's workstation pushed: applied with the same appliers, and put in
the change log again under its own op id (a workstation that pushes it once more gets
`duplicate`; every replica pulls it and applies it idempotently). Each one in its own
savepoint: an erasure the database cannot take yet (say, its admin's account is missing too)
is logged and stays in the ledger for the next start.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from sqlalchemy import Connection

from websight_desk.server import changelog
from websight_desk.storage.appliers import ApplyContext, apply_ops
from websight_desk.storage.ops import Op

log = logging.getLogger(__name__)


def replay(conn: Connection, ops: Sequence[Op]) -> list[Op]:
    """Apply these erasures and log them again; returns those that were applied."""
    done: list[Op] = []
    for op in ops:
        try:
            with conn.begin_nested():
                apply_ops(ApplyContext(conn, with_search_index=False), [op])
        except Exception as exc:  # the database's message may quote values: only its kind
            log.error("a remembered erasure could not be applied again (%s)", type(exc).__name__)
            continue
        done.append(op)
    logged = changelog.find(conn, [op.op_id for op in done])
    changelog.append(conn, [op for op in done if op.op_id not in logged], pushed_by=None)
    if done:
        log.info("%d erasures remembered in the ledger were applied again", len(done))
    return done
