"""HTTP hardening (issue #11) against real servers on 127.0.0.1: bad input is a 4xx problem,
database failures a 500/503 without personal data in the log, SQLite writers queue, private
files, no API description, token guessing slowed down, `serve` starts and stops cleanly."""

from __future__ import annotations

import logging
import signal
import sqlite3
import stat
import threading
import time
from pathlib import Path

import httpx
import psycopg
import pytest
from psycopg import errors as pg
from sqlalchemy import exc as sa

from tests.e2e.server.conftest import (
    PHONE,
    Served,
    assert_no_secrets,
    assert_problem,
    bind_desk,
    failing_push,
    fill_the_disk,
    personal_ops,
    push,
    served_in_thread,
    workstation,
)
from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import ServerProc
from websight_desk.server import store as store_module
from websight_desk.server.accounts import add_account
from websight_desk.server.app import create_app
from websight_desk.server.problems import classify
from websight_desk.server.store import SERVER_DB_FILE, open_store
from websight_desk.server.throttle import AuthThrottle
from websight_desk.storage.ops import Op
from websight_desk.sync.push import pending_ops

MALFORMED_BODIES = [
    (b"[" * 100_000, "unsupported_json"),
    (b'{"ops": [{"hlc": 123456789012345678901234567890}]}', "unsupported_json"),
    (b'{"ops": [{"payload": {"n": [' + b"9" * 5000 + b"]}}]}", "unsupported_json"),
    (b'{"ops": [{"payload": {"n": -9223372036854775809}}]}', "unsupported_json"),
    (b'{"ops": [{"payload": {"n": 1e400}}]}', "unsupported_json"),
    (b'{"ops": [{"payload": {"n": NaN}}]}', "unsupported_json"),
    (b'{"ops": [{"op_id": "\\ud800"}]}', "unsupported_json"),
    (b'{"ops": [{"payload": {"\\udfff": 1}}]}', "unsupported_json"),
    (b'{"ops": [{"op_id": "0190\\u0000"}]}', "unsupported_json"),
    (b'{"ops": [{"payload": {"body": "a\\u0000b"}}]}', "unsupported_json"),
    (b'{"ops": [], "ops": [1]}', "unsupported_json"),
    (b'{"ops": ["\xff\xfe"]}', "malformed_json"),
    (b"\xef\xbb\xbf{}", "malformed_json"),
    (b"{not json", "malformed_json"),
    (b"", "malformed_json"),
    (b"[]", "invalid_request"),
    (b'"ops"', "invalid_request"),
    (b"null", "invalid_request"),
    (b"12", "invalid_request"),
    (b'{"ops": [1, "x", null, []]}', "invalid_ops"),
]
BAD_PROTOCOL_HEADERS = [b"9" * 5000, "\u00b2".encode("latin-1"), b"-1", b"1.0", b"0x1", b""]
BAD_CHANGES_QUERIES = [
    *("after=x", "after=" + "9" * 5000, "after=-1", "after=1.5", "after=%00", "after=%D9%A1"),
    *("after=1&after=2", "limit=0", "limit=" + "9" * 30, "wait=61", "wait=-5"),
]


def test_malformed_requests_and_unknown_pages_are_4xx_problems_and_the_server_stays_healthy(
    server: ServerProc, agent_http: httpx.Client
) -> None:
    def healthy() -> None:
        assert httpx.get(f"{server.url}/v1/health", timeout=10).status_code == 200

    for body, code in MALFORMED_BODIES:
        assert_problem(agent_http.post("/v1/push", content=body), 400, code)
        healthy()
    for value in BAD_PROTOCOL_HEADERS:
        r = agent_http.get("/v1/whoami", headers={b"X-Websight-Protocol": value})
        assert_problem(r, 400, "invalid_request")
        healthy()
    for query in BAD_CHANGES_QUERIES:
        assert_problem(agent_http.get(f"/v1/changes?{query}"), 400, "invalid_request")
        healthy()
    for path in ("/v1/nothing-here", "/openapi.json", "/docs", "/redoc", "/docs/oauth2-redirect"):
        assert_problem(httpx.get(f"{server.url}{path}"), 404, "not_found")  # no API description
        assert_problem(agent_http.get(path), 404, "not_found")  # not even with a token
    assert_problem(agent_http.delete("/v1/push"), 405, "method_not_allowed")
    r = agent_http.post("/v1/push", content=b"[" * (5 * 1024 * 1024 + 1))
    assert_problem(r, 413, "body_too_large")
    healthy()
    assert agent_http.get("/v1/whoami").status_code == 200


def test_a_database_failure_is_a_500_problem_and_the_log_holds_no_personal_data(
    server: ServerProc, tmp_path: Path
) -> None:
    r = failing_push(server, tmp_path, None)  # on PostgreSQL the error text quotes the row
    assert_problem(r, 500, "internal_error")
    request_id = r.json()["request_id"]
    assert r.headers["x-request-id"] == request_id
    assert httpx.get(f"{server.url}/v1/health").status_code == 200
    log = (server.data_dir / "server.log").read_text(errors="replace")
    assert request_id in log  # the administrator can find it ...
    assert "IntegrityError" in log or "RaiseException" in log  # ... and the kind of failure
    assert_no_secrets(log, r.text)


def test_postgresql_disk_full_is_a_503_with_retry_after(server: ServerProc, tmp_path: Path) -> None:
    if server.db_url is None:
        pytest.skip("PostgreSQL only; SQLite: test_sqlite_disk_full_is_a_503_with_retry_after")
    r = failing_push(server, tmp_path, "disk_full")
    assert_problem(r, 503, "storage_full")
    assert int(r.headers["retry-after"]) > 0
    log = (server.data_dir / "server.log").read_text(errors="replace")
    assert "storage_full" in log
    assert_no_secrets(log, r.text)


def test_sqlite_disk_full_is_a_503_with_retry_after(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    store = open_store(tmp_path / "server")
    with store.write() as conn:
        account, token = add_account(conn, "ayse", "agent")
    try:
        with served_in_thread(create_app(store)) as url:
            desk = bind_desk(url, account.id, token, tmp_path / "ws")
            try:
                make_tickets(desk, 40)
                ops = personal_ops(desk)
            finally:
                desk.close()
            fill_the_disk(store.engine)
            with caplog.at_level(logging.INFO):
                r = push(url, token, ops)
            assert_problem(r, 503, "storage_full")
            assert int(r.headers["retry-after"]) > 0
            assert httpx.get(f"{url}/v1/health").status_code == 200
    finally:
        store.close()
    assert "storage_full" in caplog.text
    assert_no_secrets(caplog.text, r.text)


def test_sixteen_concurrent_writers_on_sqlite_get_no_5xx(tmp_path: Path) -> None:
    server = ServerProc(data_dir=tmp_path / "server")
    server.data_dir.mkdir()
    server.start()
    try:
        work: list[tuple[str, list[list[Op]]]] = []
        for i in range(16):
            desk, token = workstation(server, tmp_path / f"ws{i}", f"agent{i}")
            try:
                make_tickets(desk, 6, prefix=f"W{i}-")
                ops = pending_ops(desk)
            finally:
                desk.close()
            work.append((token, [ops[j : j + 4] for j in range(0, len(ops), 4)]))
        answers: list[tuple[int, str]] = []
        start = threading.Barrier(len(work))

        def writer(token: str, batches: list[list[Op]]) -> None:
            start.wait()
            for batch in batches:
                r = push(server.url, token, batch)
                answers.append((r.status_code, r.text))

        threads = [threading.Thread(target=writer, args=w) for w in work]
        for t in threads:
            t.start()
        for t in threads:
            t.join(120)
        assert len(answers) == sum(len(b) for _t, b in work)
        assert [a for a in answers if a[0] != 200] == []
        assert server.counts()["tickets"] == 16 * 6
    finally:
        server.kill()
    assert "database is locked" not in (server.data_dir / "server.log").read_text()


def test_wrong_tokens_from_one_address_are_slowed_down(
    server: ServerProc, agent_http: httpx.Client
) -> None:
    def whoami(token: str) -> httpx.Response:
        return httpx.get(f"{server.url}/v1/whoami", headers={"Authorization": f"Bearer {token}"})

    good = str(agent_http.headers["authorization"]).split(" ", 1)[1]
    for i in range(5):
        assert_problem(whoami(f"guess-{i}"), 401, "unauthorized")
    for token in ("guess-5", good):  # during the pause even the right token waits
        r = whoami(token)
        assert_problem(r, 429, "too_many_attempts")
        assert r.headers["retry-after"] == "1"
    time.sleep(1.1)
    assert_problem(whoami("guess-6"), 401, "unauthorized")  # the 6th failure: a 2 s pause
    r = whoami(good)
    assert_problem(r, 429, "too_many_attempts")
    assert r.headers["retry-after"] == "2"
    time.sleep(2.1)
    assert whoami(good).status_code == 200  # after the pause the right token works ...
    assert_problem(whoami("guess-7"), 401, "unauthorized")  # ... and the count starts again
    assert whoami(good).status_code == 200
    assert httpx.get(f"{server.url}/v1/health").status_code == 200  # never throttled


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_serve_says_where_it_listens_keeps_files_private_and_stops_cleanly(
    tmp_path: Path, sig: int
) -> None:
    data = tmp_path / "new" / "data"  # the server creates it
    served = Served("--data", str(data))
    _, token = ServerProc(data_dir=data).add_account("ayse", "agent")
    answers: list[httpx.Response] = []

    def long_poll() -> None:
        auth = {"Authorization": f"Bearer {token}"}
        answers.append(httpx.get(f"{served.url}/v1/changes?after=1&wait=60", headers=auth))

    poller = threading.Thread(target=long_poll)
    poller.start()
    time.sleep(1.0)  # the long-poll is waiting inside the server
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in data.iterdir()}
    began = time.monotonic()
    status = served.stop(sig)
    poller.join(30)
    assert status == 0, served.output()
    assert time.monotonic() - began < 8  # not the 60 s of the long-poll
    assert "ERROR" not in served.output(), served.output()
    assert "Traceback" not in served.output(), served.output()
    assert [a.status_code for a in answers] == [200]  # answered, not cut
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    assert {SERVER_DB_FILE, f"{SERVER_DB_FILE}-wal", f"{SERVER_DB_FILE}-shm"} <= set(modes)
    assert {name: oct(m) for name, m in modes.items() if m != 0o600} == {}


def test_throttle_pauses_grow_to_a_cap_and_expire_and_its_memory_is_bounded() -> None:
    now = [0.0]
    throttle = AuthThrottle(
        free_failures=3, window_s=60, first_pause_s=1, max_pause_s=4, max_clients=100,
        clock=lambda: now[0],
    )  # fmt: skip
    for _ in range(3):
        throttle.failed("10.0.0.1")
    assert (throttle.wait_s("10.0.0.1"), throttle.wait_s("10.0.0.2")) == (1, 0)
    pauses = []
    for _ in range(4):
        now[0] += 10
        throttle.failed("10.0.0.1")
        pauses.append(throttle.wait_s("10.0.0.1"))
    assert pauses == [2, 4, 4, 4]
    now[0] += 61
    throttle.failed("10.0.0.1")  # a minute of quiet: counting starts again
    assert throttle.wait_s("10.0.0.1") == 0
    for i in range(1000):
        throttle.failed(f"10.1.{i // 256}.{i % 256}")
    assert len(throttle) == 100


def test_environmental_database_errors_are_503s_and_others_are_bugs() -> None:
    def wrapped(orig: Exception) -> BaseException:
        try:
            try:
                raise orig
            except Exception as inner:
                raise sa.OperationalError("INSERT ...", {"phone": PHONE}, inner) from inner
        except sa.OperationalError as outer:
            return outer

    cases: dict[str, list[Exception]] = {
        "storage_full": [sqlite3.OperationalError("database or disk is full"), pg.DiskFull()],
        "storage_busy": [sqlite3.OperationalError("database is locked"), pg.TooManyConnections()],
        "storage_unavailable": [psycopg.OperationalError("connection refused"), pg.AdminShutdown()],
    }
    for code, errors in cases.items():
        for error in errors:
            problem = classify(wrapped(error))
            assert problem is not None, error
            assert (problem.code, bool(problem.retry_after)) == (code, True), error
    for bug in (pg.UniqueViolation(), sqlite3.OperationalError("no such table: x"), ValueError()):
        assert classify(wrapped(bug)) is None


def test_a_writer_queued_too_long_is_busy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(tmp_path / "server")
    monkeypatch.setattr(store_module, "WRITE_QUEUE_TIMEOUT_S", 0.1)
    try:  # the lock is held by the first writer; the second one gives up
        with store.write(), pytest.raises(sa.TimeoutError) as queued, store.write():
            pass
        assert (problem := classify(queued.value)) is not None
        assert problem.code == "storage_busy"
    finally:
        store.close()
