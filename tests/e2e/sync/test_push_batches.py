"""Push batches: pipelined in device order, halved for a server with a smaller limit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from sqlalchemy import select

from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.server.models import change_log
from websight_desk.storage.models import SyncOutbox
from websight_desk.storage.ops import Op
from websight_desk.sync.errors import ServerRefused, ServerUnreachable
from websight_desk.sync.push import push_pending
from websight_desk.sync.status import read_status


def _limited(ws: Workstation, limit: int, sizes: list[int]) -> None:
    """The client behaves as a server refusing pushes of more than `limit` ops would make it."""
    real = ws.client.push

    def push(ops: Sequence[Op]) -> list[dict[str, Any]]:
        sizes.append(len(ops))
        if len(ops) > limit:
            raise ServerRefused(
                "too many", status=413, code="batch_too_large", body={"error": "batch_too_large"}
            )
        return real(ops)

    ws.client.push = push  # type: ignore[method-assign]


def test_a_smaller_server_limit_halves_the_batch_and_keeps_device_order(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a = make_ws("ayse")
    make_tickets(a.desk, 300)  # 1200 ops
    sizes: list[int] = []
    _limited(a, 500, sizes)
    counts = push_pending(a.client, a.desk, batch=1200)
    assert counts.applied == 1200
    assert sizes == [1200, 600, 300, 300, 300, 300]
    assert read_status(a.desk).pending == 0
    with a.desk.db.read() as conn:
        ours = list(conn.execute(select(SyncOutbox.op_id).order_by(SyncOutbox.seq)).scalars())
    store = server.store()
    try:
        with store.read() as conn:
            logged = conn.execute(select(change_log.c.op_id).order_by(change_log.c.seq))
            theirs = [i for i in logged.scalars() if i in set(ours)]
    finally:
        store.close()
    assert theirs == ours  # accepted in the order they were made


def test_a_failed_batch_leaves_it_and_the_rest_pending_and_a_retry_completes(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a = make_ws("ayse")
    make_tickets(a.desk, 250)  # 1000 ops: four batches of 250
    real = a.client.push
    calls: list[int] = []

    def flaky(ops: Sequence[Op]) -> list[dict[str, Any]]:
        calls.append(len(ops))
        if len(calls) == 3:
            raise ServerUnreachable("the network went away")
        return real(ops)

    a.client.push = flaky  # type: ignore[method-assign]
    with pytest.raises(ServerUnreachable):
        push_pending(a.client, a.desk, batch=250)
    assert calls == [250, 250, 250]  # nothing sent after the failed batch
    assert read_status(a.desk).pending == 500
    a.client.push = real  # type: ignore[method-assign]
    counts = push_pending(a.client, a.desk, batch=250)
    assert (counts.applied, counts.duplicate) == (500, 0)
    assert server.counts() == a.counts()
