"""Push, pull, duplicates after a lost ack, refusals, revocation — against a real server."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk.sync.errors import AccessRevoked
from websight_desk.sync.push import pending_ops
from websight_desk.sync.review import list_rejected
from websight_desk.sync.status import read_status


def test_two_workstations_converge(server: ServerProc, make_ws: Callable[..., Workstation]) -> None:
    a, b = make_ws("ayse"), make_ws("burak")
    make_tickets(a.desk, 5, prefix="A")
    report = a.engine.run_once()
    assert report.applied == 20
    assert report.rejected == 0
    b.engine.run_once()
    assert a.counts() == b.counts() == server.counts()
    assert a.counts()["tickets"] == 5
    assert a.counts()["messages"] == 10
    status = read_status(a.desk)
    assert status.pending == 0
    assert status.online
    assert status.last_sync_at is not None


def test_lost_ack_is_pushed_again_as_duplicate(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a = make_ws("ayse")
    make_tickets(a.desk, 3)
    ops = pending_ops(a.desk)
    results = a.client.push(ops)  # the server commits; we "crash" before recording it
    assert {r["status"] for r in results} == {"applied"}
    report = a.engine.run_once()
    assert (report.applied, report.duplicate) == (0, len(ops))
    assert server.counts() == a.counts()


def test_agent_pushing_a_lead_only_op_is_rejected_stored_and_shown(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    from websight_desk.domain.enums import Role
    from websight_desk.services import people

    agent = make_ws("cem", role="agent")
    make_tickets(agent.desk, 1)
    with agent.desk.writer() as w:  # agent.upsert needs the admin role on the server
        people.add_agent(w, people.NewAgent("sahte", "Sahte Lider", Role.SHIFT_LEAD))
    report = agent.engine.run_once()
    assert report.rejected == 1
    assert report.applied == 4
    [rejected] = list_rejected(agent.desk)
    assert rejected.kind == "agent.upsert"
    assert "needs the role admin" in rejected.reason
    assert read_status(agent.desk).rejected == 1
    assert "sahte" not in str(server.counts())  # nothing of it on the server
    assert server.counts()["agents"] == 1
    stored = agent.client._http.get("/v1/rejections").json()["rejections"]
    assert [r["op_id"] for r in stored] == [rejected.op_id]


def test_clock_ten_minutes_ahead_is_refused_clearly(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    a = make_ws("ayse")
    real = a.desk.clock.wall
    a.desk.clock.wall = lambda: real() + 10 * 60 * 1000
    make_tickets(a.desk, 1)
    report = a.engine.run_once()
    assert report.rejected == 4
    reasons = {r.reason for r in list_rejected(a.desk)}
    assert any("10 minutes ahead of the server clock" in r for r in reasons), reasons


def test_revoked_token_is_401_and_said_clearly(
    server: ServerProc, make_ws: Callable[..., Workstation]
) -> None:
    from websight_desk.server.accounts import revoke

    a = make_ws("ayse")
    store = server.store()
    with store.write() as conn:
        revoke(conn, "ayse")
    store.close()
    make_tickets(a.desk, 1)
    with pytest.raises(AccessRevoked, match="revoked"):
        a.engine.run_once()
    status = read_status(a.desk)
    assert not status.online
    assert status.pending == 4
    assert "revoked" in (status.last_error or "")
