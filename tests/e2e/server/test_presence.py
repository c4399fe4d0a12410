"""Presence through a real server: a colleague's open ticket and reply, live, and never stored."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.e2e.sync.serverproc import ServerProc, free_port
from websight_desk.sync.client import SyncClient
from websight_desk.sync.presence import REPLYING, Colleague, PresenceLoop

TICKET = "0193aaaa-bbbb-7ccc-8ddd-presence0001"  # a string to grep the server's files for


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    data: Path = tmp_path_factory.mktemp("server")
    proc = ServerProc(data_dir=data)
    proc.start()
    clients = {}
    for name, role in (("ayse", "agent"), ("mehmet", "agent"), ("form", "intake")):
        account_id, token = proc.add_account(name, role)
        clients[name] = (account_id, SyncClient(proc.url, token, retries=0))
    yield {"proc": proc, **clients}
    for _id, client in clients.values():
        client.close()
    proc.kill()


def test_a_colleague_at_a_ticket_is_seen_live_and_leaves_no_trace(srv: dict[str, Any]) -> None:
    ayse_id, ayse = srv["ayse"]
    mehmet_id, mehmet = srv["mehmet"]
    start = mehmet.presence(-1)["version"]

    ayse.set_presence(TICKET, "viewing")
    board = mehmet.presence(start)
    [entry] = [e for e in board["entries"] if e["agent_id"] == ayse_id]
    assert (entry["name"], entry["ticket_id"], entry["state"]) == ("ayse", TICKET, "viewing")

    # a long-poll waiting on the board wakes when she starts writing a reply
    woke: list[dict[str, Any]] = []
    after = board["version"]
    waiter = threading.Thread(target=lambda: woke.append(mehmet.presence(after, wait=20)))
    waiter.start()
    ayse.set_presence(TICKET, "replying")
    waiter.join(15)
    assert woke, "the long-poll did not wake"
    [entry] = [e for e in woke[0]["entries"] if e["agent_id"] == ayse_id]
    assert entry["state"] == "replying"

    # a heartbeat that changes nothing does not wake anybody
    version = woke[0]["version"]
    ayse.set_presence(TICKET, "replying")
    assert mehmet.presence(version)["version"] == version

    ayse.set_presence(None)
    assert all(e["agent_id"] != ayse_id for e in mehmet.presence(version)["entries"])
    assert mehmet_id != ayse_id

    proc: ServerProc = srv["proc"]
    for path in proc.data_dir.rglob("*"):
        if path.is_file():
            assert TICKET.encode() not in path.read_bytes(), f"presence reached {path.name}"


@pytest.mark.parametrize(
    "body",
    [
        {"ticket_id": TICKET, "state": "sleeping"},
        {"ticket_id": "../../etc", "state": "viewing"},
        {"ticket_id": 42, "state": "viewing"},
        {"ticket_id": TICKET, "state": "viewing", "agent_id": "someone-else"},
        [TICKET],
    ],
)
def test_bad_presence_is_a_400_and_changes_nothing(srv: dict[str, Any], body: Any) -> None:
    proc: ServerProc = srv["proc"]
    _id, ayse = srv["ayse"]
    before = ayse.presence(-1)
    token = ayse._http.headers["Authorization"]
    answer = httpx.put(f"{proc.url}/v1/presence", json=body, headers={"Authorization": token})
    assert answer.status_code == 400, answer.text
    assert ayse.presence(-1) == before


def test_presence_needs_a_desk_account(srv: dict[str, Any]) -> None:
    proc: ServerProc = srv["proc"]
    _id, form = srv["form"]
    token = form._http.headers["Authorization"]
    for method in ("GET", "PUT"):
        answer = httpx.request(
            method,
            f"{proc.url}/v1/presence",
            json={"ticket_id": TICKET, "state": "viewing"},
            headers={"Authorization": token},
        )
        assert answer.status_code == 403, (method, answer.text)
    assert httpx.get(f"{proc.url}/v1/presence").status_code == 401


def test_two_workstations_see_each_other_and_offline_is_unknown(srv: dict[str, Any]) -> None:
    proc: ServerProc = srv["proc"]
    tokens = {}
    for name in ("ayse", "mehmet"):
        _id, client = srv[name]
        tokens[name] = client._http.headers["Authorization"].removeprefix("Bearer ")
    boards: list[list[Colleague] | None] = []
    seen = threading.Condition()

    def record(board: list[Colleague] | None) -> None:
        with seen:
            boards.append(board)
            seen.notify_all()

    def wait_for(check: Callable[[list[Colleague] | None], bool]) -> None:
        with seen:
            assert seen.wait_for(lambda: bool(boards) and check(boards[-1]), timeout=15), boards

    ayse = PresenceLoop(
        lambda: SyncClient(proc.url, tokens["ayse"], retries=0), srv["ayse"][0], record
    )
    mehmet = PresenceLoop(
        lambda: SyncClient(proc.url, tokens["mehmet"], retries=0), srv["mehmet"][0], lambda _b: None
    )
    ayse.start()
    mehmet.start()
    try:
        mehmet.set(TICKET, REPLYING)
        wait_for(
            lambda b: b is not None and [(c.name, c.state) for c in b] == [("mehmet", REPLYING)]
        )
        mehmet.stop()  # closing the app leaves the board at once
        wait_for(lambda b: b == [])
    finally:
        ayse.stop()
        mehmet.stop()
    offline = PresenceLoop(
        lambda: SyncClient(f"http://127.0.0.1:{free_port()}", "x", retries=0), None, record
    )
    offline.start()
    try:
        wait_for(lambda b: b is None)
    finally:
        offline.stop()
