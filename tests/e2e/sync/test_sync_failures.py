"""Failure matrix: offline edits of one ticket, server SIGKILL mid-push, network down."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from tests.e2e.sync.data import make_tickets, set_status
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.server.models import change_log
from websight_desk.storage.models import Ticket
from websight_desk.sync.background import BackgroundSync
from websight_desk.sync.errors import ServerUnreachable
from websight_desk.sync.push import push_pending
from websight_desk.sync.review import list_conflicts
from websight_desk.sync.status import read_status


def _status_of(ws: Workstation, ticket_id: str) -> str:
    with ws.desk.db.read() as conn:
        return str(conn.execute(select(Ticket.status).where(Ticket.id == ticket_id)).scalar_one())


def test_offline_edits_of_one_ticket_last_writer_wins_loser_is_a_conflict(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a, b = make_ws("ayse"), make_ws("burak")
    [ticket] = make_tickets(a.desk, 1)
    a.engine.run_once()
    b.engine.run_once()
    lost = set_status(a.desk, ticket, "pending")  # both offline
    time.sleep(0.01)
    won = set_status(b.desk, ticket, "resolved")  # later HLC: wins everywhere
    a.engine.run_once()
    b.engine.run_once()
    a.engine.run_once()
    assert _status_of(a, ticket) == _status_of(b, ticket) == "resolved"
    for ws in (a, b):
        [conflict] = list_conflicts(ws.desk)
        assert (conflict.lost_change_id, conflict.won_change_id) == (lost, won)
        assert (conflict.lost_value, conflict.won_value) == ("pending", "resolved")
        assert read_status(ws.desk).conflicts == 1
    # a later, informed edit is not a conflict
    set_status(a.desk, ticket, "closed")
    a.engine.run_once()
    b.engine.run_once()
    assert _status_of(b, ticket) == "closed"
    assert len(list_conflicts(b.desk)) == 1


def test_server_killed_mid_push_everything_arrives_exactly_once(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a = make_ws("ayse")
    make_tickets(a.desk, 400)  # 1600 ops = 4 batches of 400
    errors: list[BaseException] = []

    def push() -> None:
        try:
            push_pending(a.client, a.desk, batch=400)
        except BaseException as exc:
            errors.append(exc)

    pusher = threading.Thread(target=push)
    pusher.start()
    deadline = time.monotonic() + 20
    while read_status(a.desk).pending == 1600 and time.monotonic() < deadline:
        time.sleep(0.005)
    server.kill()
    pusher.join(30)
    assert errors
    assert isinstance(errors[0], ServerUnreachable)
    assert 0 < read_status(a.desk).pending < 1600
    server.start()
    a.engine.run_once()
    assert read_status(a.desk).pending == 0
    assert server.counts() == a.counts()
    store = server.store()
    with store.read() as conn:
        logged = conn.execute(select(func.count(), func.count(func.distinct(change_log.c.op_id))))
        total, distinct = logged.one()
    store.close()
    # + the account's agent and the server's own destruction run at start (one op each)
    assert total == distinct == 1600 + 2


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)
def test_network_down_work_continues_and_sync_resumes(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a = make_ws("ayse")
    server.kill()
    make_tickets(a.desk, 2)  # works offline
    with pytest.raises(ServerUnreachable):
        a.engine.run_once()
    status = read_status(a.desk)
    assert not status.online
    assert status.pending == 8
    token = a.client._http.headers["authorization"].split()[1]

    def factory() -> object:
        from websight_desk.sync.client import SyncClient

        return SyncClient(server.url, token, retries=0)

    bg = BackgroundSync(a.desk, client_factory=factory, long_poll_s=1, push_interval_s=0.2)  # type: ignore[arg-type]
    bg.start()
    try:
        time.sleep(0.5)
        server.start()
        deadline = time.monotonic() + 20
        while read_status(a.desk).pending and time.monotonic() < deadline:
            time.sleep(0.1)
        assert read_status(a.desk).pending == 0
        assert server.counts() == a.counts()
    finally:
        bg.stop()
    assert not bg.running
