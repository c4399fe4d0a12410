"""The HTTP API (Starlette via FastAPI): whoami, push, changes (long-poll), rejections."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from websight_desk import __version__
from websight_desk.server import changelog, presence, settings_api
from websight_desk.server.accounts import Account, authenticate
from websight_desk.server.mail import api as mail_api
from websight_desk.server.models import rejections
from websight_desk.server.problems import ProblemGuard
from websight_desk.server.push import push
from websight_desk.server.request_checks import (
    bearer_token,
    check_protocol,
    client_address,
    int_param,
    read_body,
)
from websight_desk.server.store import Store
from websight_desk.server.throttle import AuthThrottle
from websight_desk.server.wire import MAX_PAGE, ApiError, parse_push
from websight_desk.sync import protocol

MAX_WAIT_S = 60.0
POLL_FALLBACK_S = 1.0  # other server processes on the same PostgreSQL do not notify us


class Notifier:
    """Wakes long-polls when this process commits; each wake replaces the event.

    `close()` at shutdown wakes them all for good: they answer at once (with what there is)
    instead of holding the server until the graceful-shutdown timeout cancels them.
    """

    def __init__(self) -> None:
        self._event = asyncio.Event()
        self.closing = False
        self.also_close: list[Callable[[], None]] = []  # other long-polls (presence)

    def close(self) -> None:
        self.closing = True
        self.notify()
        for close in self.also_close:
            close()

    def current(self) -> asyncio.Event:
        return self._event

    def notify(self) -> None:
        event, self._event = self._event, asyncio.Event()
        event.set()


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


async def _account(store: Store, throttle: AuthThrottle, request: Request) -> Account:
    check_protocol(request)
    token = bearer_token(request)
    client = client_address(request)
    wait = throttle.wait_s(client)
    if wait:
        raise ApiError(
            429,
            "too_many_attempts",
            f"Too many wrong access tokens came from this address; try again in {wait} s.",
            retry_after=wait,
        )

    def lookup() -> Account | None:
        with store.read() as conn:
            return authenticate(conn, token)

    account = await run_in_threadpool(lookup)
    if account is None:
        throttle.failed(client)
        raise ApiError(401, "unauthorized", "This access token is not valid on this server.")
    throttle.succeeded(client)
    if not account.active:
        raise ApiError(
            401, "revoked", f"The access of {account.name!r} was revoked; ask an administrator."
        )
    mail_api.refuse_intake(account, request)  # an intake token opens tickets, nothing else
    return account


def _json(body: dict[str, Any]) -> Response:
    """A JSON answer encoded by orjson: FastAPI's own encoder walks every value in Python."""
    return Response(orjson.dumps(body), media_type="application/json")


def _error_headers(exc: ApiError) -> dict[str, str]:
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
    retry_after = exc.extra.get("retry_after")
    if isinstance(retry_after, int):
        headers["Retry-After"] = str(retry_after)
    return headers


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def api_error(_request: Request, exc: ApiError) -> JSONResponse:
        return JSONResponse(exc.to_json(), status_code=exc.status, headers=_error_headers(exc))

    @app.exception_handler(RequestValidationError)
    async def bad_request(_request: Request, exc: RequestValidationError) -> JSONResponse:
        # name the places, never echo the input (it may be personal data)
        where = "; ".join(
            f"{'.'.join(map(str, e.get('loc', ())))}: {e.get('msg', '')}" for e in exc.errors()
        )
        return JSONResponse({"error": "invalid_request", "message": where[:500]}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
        return JSONResponse(
            {"error": code, "message": str(exc.detail)},
            status_code=exc.status_code,
            headers=exc.headers,
        )


def create_app(store: Store, *, throttle: AuthThrottle | None = None) -> FastAPI:
    # no /openapi.json, /docs or /redoc: the API is described in docs/, not to strangers
    app = FastAPI(
        title="Websight Desk sync server",
        version=__version__,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    notifier = Notifier()
    throttle = throttle or AuthThrottle()
    app.state.store = store
    app.state.notifier = notifier
    app.state.throttle = throttle
    app.add_middleware(ProblemGuard)
    app.add_middleware(ProtocolHeaders)  # outermost: 500/503 answers carry the headers too
    _install_error_handlers(app)

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
        account = await _account(store, throttle, request)
        return {"id": account.id, "name": account.name, "role": account.role}

    @app.post("/v1/push")
    async def push_ops(request: Request) -> Response:
        account = await _account(store, throttle, request)
        ops = await run_in_threadpool(parse_push, await read_body(request))
        results, head = await run_in_threadpool(push, store, account, ops)
        notifier.notify()
        return _json({"results": [r.to_json() for r in results], "head": head})

    @app.get("/v1/changes")
    async def changes(request: Request) -> Response:
        await _account(store, throttle, request)
        after = int_param(request, "after", 0, 0, 2**62)
        limit = int_param(request, "limit", 1000, 1, MAX_PAGE)
        wait = int_param(request, "wait", 0, 0, int(MAX_WAIT_S))
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
            if page.rows or remaining <= 0 or notifier.closing:
                return Response(page.to_json(after), media_type="application/json")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(event.wait(), timeout=min(remaining, POLL_FALLBACK_S))

    @app.get("/v1/rejections")
    async def my_rejections(request: Request) -> dict[str, Any]:
        account = await _account(store, throttle, request)

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

    settings_api.register(app, store, lambda request: _account(store, throttle, request))
    mail_api.register(app, store, lambda request: _account(store, throttle, request))
    board = presence.register(app, lambda request: _account(store, throttle, request))
    notifier.also_close.append(board.close)
    return app
