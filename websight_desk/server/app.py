"""The HTTP API (Starlette via FastAPI): whoami, push, changes (long-poll), rejections."""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from websight_desk import __version__
from websight_desk.server import changelog, rules
from websight_desk.server.accounts import Account, authenticate
from websight_desk.server.models import rejections
from websight_desk.server.push import push
from websight_desk.server.store import Store
from websight_desk.server.wire import MAX_BODY_BYTES, MAX_PAGE, ApiError, parse_push
from websight_desk.sync import protocol

MAX_WAIT_S = 60.0
POLL_FALLBACK_S = 1.0  # other server processes on the same PostgreSQL do not notify us


class Notifier:
    """Wakes long-polls when this process commits; each wake replaces the event."""

    def __init__(self) -> None:
        self._event = asyncio.Event()

    def current(self) -> asyncio.Event:
        return self._event

    def notify(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()


def _bearer(request: Request) -> str:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(401, "unauthorized", "Send the access token as 'Authorization: Bearer ...'.")
    return token.strip()


def _check_protocol(request: Request) -> None:
    """Refuse a client whose sync protocol this server does not speak (4xx, clear message)."""
    raw = request.headers.get(protocol.HEADER)
    if raw is None:
        return  # scripts and curl: taken as the current version
    if not raw.strip().isdigit():
        raise ApiError(400, "invalid_request", f"{protocol.HEADER} must be an integer.")
    version = int(raw)
    if version < protocol.MIN_CLIENT_VERSION:
        raise ApiError(
            426,
            protocol.CLIENT_TOO_OLD,
            f"This server needs sync protocol {protocol.MIN_CLIENT_VERSION} or newer; the client "
            f"speaks {version}. Update Websight Desk on this computer.",
            server_protocol=protocol.PROTOCOL_VERSION,
            min_client_protocol=protocol.MIN_CLIENT_VERSION,
        )
    if version > protocol.PROTOCOL_VERSION:
        raise ApiError(
            400,
            protocol.CLIENT_TOO_NEW,
            f"This server speaks sync protocol {protocol.PROTOCOL_VERSION}; the client speaks "
            f"{version}. Update the sync server.",
            server_protocol=protocol.PROTOCOL_VERSION,
        )


class ProtocolHeaders:
    """ASGI wrapper: every answer names the server's protocol and the oldest client it takes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.headers = [
            (protocol.HEADER.lower().encode(), str(protocol.PROTOCOL_VERSION).encode()),
            (
                protocol.MIN_CLIENT_HEADER.lower().encode(),
                str(protocol.MIN_CLIENT_VERSION).encode(),
            ),
        ]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *self.headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


async def _account(store: Store, request: Request) -> Account:
    _check_protocol(request)
    token = _bearer(request)

    def lookup() -> Account | None:
        with store.read() as conn:
            return authenticate(conn, token)

    account = await run_in_threadpool(lookup)
    if account is None:
        raise ApiError(401, "unauthorized", "This access token is not valid on this server.")
    if not account.active:
        raise ApiError(
            401, "revoked", f"The access of {account.name!r} was revoked; ask an administrator."
        )
    return account


async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise ApiError(413, "body_too_large", f"The request is larger than {MAX_BODY_BYTES} bytes.")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise ApiError(
                413, "body_too_large", f"The request is larger than {MAX_BODY_BYTES} bytes."
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ApiError(400, "invalid_request", f"{name!r} must be an integer.") from None
    if not low <= value <= high:
        raise ApiError(400, "invalid_request", f"{name!r} must be between {low} and {high}.")
    return value


def create_app(store: Store) -> FastAPI:
    rules.install_features()
    app = FastAPI(title="Websight Desk sync server", version=__version__, docs_url=None)
    notifier = Notifier()
    app.state.store = store
    app.state.notifier = notifier
    app.add_middleware(ProtocolHeaders)

    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(exc.to_json(), status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse(
            {"error": "invalid_request", "message": str(exc.errors())[:500]}, status_code=400
        )

    @app.get("/v1/health")
    async def health() -> dict[str, Any]:
        return {
            "status": "ok",
            "version": __version__,
            "protocol": protocol.PROTOCOL_VERSION,
            "min_client_protocol": protocol.MIN_CLIENT_VERSION,
            "server_time_ms": int(time.time() * 1000),
        }

    @app.get("/v1/whoami")
    async def whoami(request: Request) -> dict[str, Any]:
        account = await _account(store, request)
        return {"id": account.id, "name": account.name, "role": account.role}

    @app.post("/v1/push")
    async def push_ops(request: Request) -> dict[str, Any]:
        account = await _account(store, request)
        ops = parse_push(await _read_body(request))
        results, head = await run_in_threadpool(push, store, account, ops)
        notifier.notify()
        return {"results": [r.to_json() for r in results], "head": head}

    @app.get("/v1/changes")
    async def changes(request: Request) -> dict[str, Any]:
        await _account(store, request)
        after = _int_param(request, "after", 0, 0, 2**62)
        limit = _int_param(request, "limit", 1000, 1, MAX_PAGE)
        wait = _int_param(request, "wait", 0, 0, int(MAX_WAIT_S))
        deadline = time.monotonic() + wait

        def read() -> changelog.Page:
            with store.read() as conn:
                return changelog.read_after(conn, after, limit)

        while True:
            event = notifier.current()  # taken before reading: no lost wake-up
            page = await run_in_threadpool(read)
            if after > page.head:
                raise ApiError(
                    409,
                    "resync_required",
                    f"The server's history ends at {page.head} but this workstation has read "
                    f"up to {after} (was the server restored from a backup?). A full resync "
                    "is required.",
                    head=page.head,
                )
            remaining = deadline - time.monotonic()
            if page.changes or remaining <= 0:
                return page.to_json(after)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), timeout=min(remaining, POLL_FALLBACK_S))

    @app.get("/v1/rejections")
    async def my_rejections(request: Request) -> dict[str, Any]:
        account = await _account(store, request)

        def read() -> list[dict[str, Any]]:
            with store.read() as conn:
                rows = conn.execute(
                    select(rejections)
                    .where(rejections.c.account_id == account.id)
                    .order_by(rejections.c.rejected_at)
                    .limit(1000)
                )
                return [
                    {
                        "op_id": r.op_id,
                        "kind": r.kind,
                        "reason": r.reason,
                        "rejected_at": r.rejected_at.isoformat(),
                    }
                    for r in rows
                ]

        return {"rejections": await run_in_threadpool(read)}

    return app
