"""`GET /v1/settings`: the company settings, for any signed-in account.

Workstations fetch them at each sync and compute retention dates and note limits from them,
the same numbers the server uses when it stamps a pushed record (`server.stamps`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from starlette.concurrency import run_in_threadpool

from websight_desk.server.accounts import Account
from websight_desk.server.company import load_published
from websight_desk.server.store import Store

AccountOf = Callable[[Request], Awaitable[Account]]


def register(app: FastAPI, store: Store, account_of: AccountOf) -> None:
    """Add the endpoint; `account_of` authenticates a request (401 otherwise)."""

    @app.get("/v1/settings")
    async def company_settings(request: Request) -> dict[str, Any]:
        await account_of(request)

        def read() -> dict[str, Any]:
            with store.read() as conn:
                return load_published(conn).to_json()

        return await run_in_threadpool(read)
