"""The HTTP API's refusals: malformed input gets a clear 4xx and changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.e2e.sync.serverproc import ServerProc
from websight_desk.server.wire import MAX_BATCH


@pytest.fixture(scope="module")
def srv(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProc, httpx.Client]]:
    data: Path = tmp_path_factory.mktemp("server")
    proc = ServerProc(data_dir=data)
    proc.start()
    account, token = proc.add_account("ayse", "agent")
    AUTHOR["id"] = account
    with httpx.Client(base_url=proc.url, headers={"Authorization": f"Bearer {token}"}) as http:
        yield proc, http
    proc.kill()


AUTHOR: dict[str, str] = {}  # the pushing account: every op must be authored by it


def _op(**over: object) -> dict[str, object]:
    op: dict[str, object] = {
        "op_id": "01900000-0000-7000-8000-000000000001",
        "kind": "customer.create",
        "payload": {
            "id": "01900000-0000-7000-8000-00000000c001",
            "code": "K1",
            "kind": "individual",
            "created_at": "2026-01-01T00:00:00+00:00",
        },
        "hlc": 1 << 16,
        "node_id": "01900000-0000-7000-8000-0000000000e1",
        "author_id": AUTHOR["id"],
    }
    op.update(over)
    return op


def test_whoami_and_unauthenticated(srv: tuple[ServerProc, httpx.Client]) -> None:
    proc, http = srv
    assert http.get("/v1/whoami").json()["role"] == "agent"
    r = httpx.get(f"{proc.url}/v1/whoami", headers={"Authorization": "Bearer nope"})
    assert r.status_code == 401
    assert r.json()["error"] == "unauthorized"


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        (b"{not json", 400, "malformed_json"),
        (b'{"ops": 3}', 400, "invalid_request"),
        (b'{"ops": [{"op_id": 5}]}', 400, "invalid_ops"),
    ],
)
def test_malformed_bodies(
    srv: tuple[ServerProc, httpx.Client], body: bytes, status: int, code: str
) -> None:
    r = srv[1].post("/v1/push", content=body)
    assert (r.status_code, r.json()["error"]) == (status, code)
    assert r.json()["message"]


def test_unknown_kind_wrong_types_and_oversize_change_nothing(
    srv: tuple[ServerProc, httpx.Client],
) -> None:
    proc, http = srv
    before = proc.counts()
    good = _op()
    unknown = _op(op_id="01900000-0000-7000-8000-000000000002", kind="ticket.delete")
    r = http.post("/v1/push", json={"ops": [good, unknown]})
    assert r.status_code == 400
    assert r.json()["ops"][0]["op_id"] == unknown["op_id"]
    assert "unknown op kind" in r.json()["message"]
    wrong = _op(payload={**good["payload"], "code": 42})  # type: ignore[dict-item]
    r = http.post("/v1/push", json={"ops": [wrong]})
    assert r.status_code == 400
    assert "valid string" in r.json()["message"]
    huge = _op(payload={**good["payload"], "code": "x" * 33})  # type: ignore[dict-item]
    assert http.post("/v1/push", json={"ops": [huge]}).status_code == 400
    r = http.post("/v1/push", json={"ops": [good] * (MAX_BATCH + 1)})
    assert r.status_code == 413
    assert r.json()["error"] == "batch_too_large"
    r = http.post("/v1/push", content=b" " * (5 * 1024 * 1024 + 1))
    assert r.status_code == 413
    assert proc.counts() == before


def test_duplicate_same_content_and_reused_id(srv: tuple[ServerProc, httpx.Client]) -> None:
    http = srv[1]
    op = _op(
        op_id="01900000-0000-7000-8000-0000000000aa",
        payload={**_op()["payload"], "id": "01900000-0000-7000-8000-00000000c002", "code": "DUP"},
    )  # type: ignore[dict-item]
    assert http.post("/v1/push", json={"ops": [op]}).json()["results"][0]["status"] == "applied"
    assert http.post("/v1/push", json={"ops": [op]}).json()["results"][0]["status"] == "duplicate"
    # (the code is the server's to decide, so a different code alone is still a duplicate)
    changed = {**op, "payload": {**op["payload"], "kind": "company"}}  # type: ignore[dict-item]
    [res] = http.post("/v1/push", json={"ops": [changed]}).json()["results"]
    assert res["status"] == "rejected"
    assert "different content" in res["reason"]
    again = {**op, "op_id": "01900000-0000-7000-8000-0000000000ab"}
    [res] = http.post("/v1/push", json={"ops": [again]}).json()["results"]
    assert res["status"] == "rejected"
    assert "append-only" in res["reason"]


def test_poison_op_and_its_dependants_rejected_rest_applied(
    srv: tuple[ServerProc, httpx.Client],
) -> None:
    http = srv[1]
    base = _op()["payload"]
    ok = _op(
        op_id="01900000-0000-7000-8000-0000000000b1",
        payload={**base, "id": "01900000-0000-7000-8000-00000000c003", "code": "OK1"},
    )  # type: ignore[dict-item]
    orphan = _op(
        op_id="01900000-0000-7000-8000-0000000000b2",
        kind="contact.upsert",
        payload={
            "id": "01900000-0000-7000-8000-00000000c004",
            "customer_id": "01900000-0000-7000-8000-00000000c0ff",
            "role": "account_holder",
            "created_at": base["created_at"],
        },
    )  # type: ignore[index]
    results = http.post("/v1/push", json={"ops": [orphan, ok]}).json()["results"]
    assert [r["status"] for r in results] == ["rejected", "applied"]
    assert "does not exist" in results[0]["reason"]


def test_changes_paging_long_poll_and_resync(srv: tuple[ServerProc, httpx.Client]) -> None:
    http = srv[1]
    page = http.get("/v1/changes", params={"after": 0, "limit": 1}).json()
    assert page["next"] == 1
    assert page["more"] == (page["head"] > 1)
    head = page["head"]
    r = http.get("/v1/changes", params={"after": head + 10})
    assert r.status_code == 409
    assert r.json()["error"] == "resync_required"
    empty = http.get("/v1/changes", params={"after": head, "wait": 1}).json()
    assert empty["changes"] == []
    assert empty["next"] == head
    assert http.get("/v1/changes", params={"after": "x"}).status_code == 400
