"""The last line of defence: no exception leaves the server as a bare 500 or as personal data.

`ProblemGuard` wraps the whole app. An environmental database failure (disk full, busy,
unreachable) becomes a 503 JSON problem with `Retry-After`; anything else is a bug: a 500 JSON
problem with a request id, logged with the exception *types* and the code locations only.
Exception messages are never logged: a database error's text can quote the row it refused
(PostgreSQL's "Failing row contains (...)") and with it a phone number or a message body.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import traceback
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import exc as sa_exc
from starlette.requests import ClientDisconnect
from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Problem:
    status: int
    code: str
    message: str
    retry_after: int | None = None


DISK_FULL = Problem(
    503,
    "storage_full",
    "The server's disk is full; nothing of this request was stored. Try again later.",
    retry_after=60,
)
BUSY = Problem(
    503,
    "storage_busy",
    "The server's database is busy; nothing of this request was stored. Try again.",
    retry_after=5,
)
UNAVAILABLE = Problem(
    503,
    "storage_unavailable",
    "The server cannot reach its database; nothing of this request was stored. Try again later.",
    retry_after=30,
)

# PostgreSQL SQLSTATE classes and codes that say "the environment failed", not "a bug".
_PG_STATES = {
    "53100": DISK_FULL,  # disk_full
    "53200": BUSY,  # out_of_memory
    "53300": BUSY,  # too_many_connections
    "55P03": BUSY,  # lock_not_available
    "40001": BUSY,  # serialization_failure
    "40P01": BUSY,  # deadlock_detected
    "57P01": UNAVAILABLE,  # admin_shutdown
    "57P02": UNAVAILABLE,  # crash_shutdown
    "57P03": UNAVAILABLE,  # cannot_connect_now
    "25006": UNAVAILABLE,  # read_only_sql_transaction (a standby)
}
_PG_CLASSES = {"08": UNAVAILABLE, "53": BUSY, "58": UNAVAILABLE}
_SQLITE_NAMES = {
    "SQLITE_FULL": DISK_FULL,
    "SQLITE_BUSY": BUSY,
    "SQLITE_LOCKED": BUSY,
    "SQLITE_IOERR": UNAVAILABLE,
    "SQLITE_READONLY": UNAVAILABLE,
    "SQLITE_CANTOPEN": UNAVAILABLE,
}


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        yield current
        orig = getattr(current, "orig", None)
        nxt = orig if isinstance(orig, BaseException) else None
        current = nxt or current.__cause__ or current.__context__


def _sqlite_problem(exc: sqlite3.Error) -> Problem | None:
    name = str(getattr(exc, "sqlite_errorname", "") or "")
    for prefix, problem in _SQLITE_NAMES.items():
        if name.startswith(prefix):
            return problem
    text = str(exc).lower()
    if "disk is full" in text:
        return DISK_FULL
    if "database is locked" in text or "database table is locked" in text:
        return BUSY
    if "disk i/o error" in text or "readonly database" in text:
        return UNAVAILABLE
    return None


def classify(exc: BaseException) -> Problem | None:
    """The 503 problem of an environmental database failure; None for anything else (a bug)."""
    for item in _chain(exc):
        if isinstance(item, sa_exc.TimeoutError):  # the connection pool is exhausted
            return BUSY
        if isinstance(item, sqlite3.Error):
            return _sqlite_problem(item)
        if isinstance(item, sa_exc.DBAPIError):
            if item.connection_invalidated:
                return UNAVAILABLE
            continue  # the driver's own error comes next in the chain
        if hasattr(item, "sqlstate"):  # a PostgreSQL (psycopg) error
            state = item.sqlstate
            if isinstance(state, str) and len(state) == 5:
                return _PG_STATES.get(state) or _PG_CLASSES.get(state[:2])
            # no SQLSTATE: the client library failed (connection refused, lost, timed out)
            return UNAVAILABLE if type(item).__name__ == "OperationalError" else None
    return None


def describe(exc: BaseException) -> str:
    """Exception types and code locations, without any message text (it may quote data)."""
    names = " <- ".join(f"{type(e).__module__}.{type(e).__qualname__}" for e in _chain(exc))
    frames = traceback.extract_tb(exc.__traceback__)[-8:]
    where = "; ".join(f"{f.filename.rsplit('/', 2)[-1]}:{f.lineno} in {f.name}" for f in frames)
    return f"{names} at {where}"


def problem_response(problem: Problem, request_id: str) -> tuple[list[tuple[bytes, bytes]], bytes]:
    body = json.dumps(
        {"error": problem.code, "message": problem.message, "request_id": request_id}
    ).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"x-request-id", request_id.encode()),
    ]
    if problem.retry_after is not None:
        headers.append((b"retry-after", str(problem.retry_after).encode()))
    return headers, body


BUG = Problem(
    500,
    "internal_error",
    "The server failed on this request (a bug); it was logged with this request id. Nothing "
    "of it was stored.",
)


class ProblemGuard:
    """ASGI wrapper turning any escaped exception into a JSON problem, logged without data."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except ClientDisconnect:
            log.debug("the client went away before its request was read")
        except Exception as exc:
            request_id = uuid.uuid4().hex[:16]
            problem = classify(exc)
            where = f"{scope.get('method', '?')} {str(scope.get('path', '?'))[:80]}"
            if problem is None:
                problem = BUG
                log.error("request %s (%s) failed: %s", request_id, where, describe(exc))
            else:
                names = " <- ".join(type(e).__name__ for e in _chain(exc))
                log.warning("request %s (%s): %s (%s)", request_id, where, problem.code, names)
            if started:
                return  # too late for an answer; the client sees a cut connection
            headers, body = problem_response(problem, request_id)
            await send(
                {"type": "http.response.start", "status": problem.status, "headers": headers}
            )
            await send({"type": "http.response.body", "body": body})
