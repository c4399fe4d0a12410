"""HTTP endpoints of the mail channel.

* `GET /v1/mail/states?after=N` — each mail's state after sequence N (queued, sent, failed
  with the reason, bounced; filed for inbound; the tries so far and the next one), with its
  attachments, for any desk account. An acknowledgement (`ack.py`) has no `message_id`.
* `GET /v1/mail/attachments/{id}` — an attachment's bytes, always as a download.
* `POST /v1/intake/tickets` — the web-form intake, only for accounts of the `intake` role
  (and those accounts can do nothing else: the app refuses them on every other endpoint).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from websight_desk.domain.enums import Role
from websight_desk.server import json_body
from websight_desk.server.accounts import Account
from websight_desk.server.mail import intake
from websight_desk.server.mail.models import attachments, mail_messages
from websight_desk.server.request_checks import int_param, read_body
from websight_desk.server.store import Store
from websight_desk.server.wire import ApiError

AccountOf = Callable[[Request], Awaitable[Account]]
MAX_STATES = 1000
INTAKE_PATH = "/v1/intake/tickets"
_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def read_states(store: Store, after: int, limit: int) -> dict[str, Any]:
    with store.read() as conn:
        rows = conn.execute(
            select(
                mail_messages.c.id,
                mail_messages.c.state_seq,
                mail_messages.c.desk_message_id,
                mail_messages.c.ticket_id,
                mail_messages.c.direction,
                mail_messages.c.state,
                mail_messages.c.reason,
                mail_messages.c.attempts,
                mail_messages.c.next_attempt_at,
                mail_messages.c.updated_at,
            )
            .where(mail_messages.c.state_seq > after, mail_messages.c.ticket_id.is_not(None))
            .order_by(mail_messages.c.state_seq)
            .limit(limit)
        ).all()
        files: dict[str, list[dict[str, Any]]] = {}
        ids = [r.id for r in rows]
        for i in range(0, len(ids), 500):
            for f in conn.execute(
                select(attachments).where(attachments.c.mail_id.in_(ids[i : i + 500]))
            ):
                files.setdefault(f.mail_id, []).append(
                    {
                        "id": f.id,
                        "filename": f.filename,
                        "content_type": f.content_type,
                        "size": f.size,
                        "inline": f.inline,
                        "kept": f.data is not None,
                    }
                )
    states = [
        {
            "seq": int(r.state_seq),
            "id": r.id,  # the mail's own id (an acknowledgement has no desk message)
            "message_id": r.desk_message_id,
            "ticket_id": r.ticket_id,
            "direction": r.direction,
            "state": r.state,
            "reason": r.reason,
            "attempts": int(r.attempts),
            "next_attempt_at": r.next_attempt_at.isoformat() if r.next_attempt_at else None,
            "updated_at": r.updated_at.isoformat(),
            "attachments": files.get(r.id, []),
        }
        for r in rows
    ]
    nxt = states[-1]["seq"] if states else after
    return {"states": states, "next": nxt, "more": len(states) == limit}


def _attachment(store: Store, attachment_id: str) -> Any:
    with store.read() as conn:
        return conn.execute(select(attachments).where(attachments.c.id == attachment_id)).first()


def refuse_intake(account: Account, request: Request) -> None:
    """An intake account may only open tickets: 403 on every other endpoint."""
    if account.role == Role.INTAKE and request.url.path != INTAKE_PATH:
        raise ApiError(403, "forbidden", "An intake account may only open tickets.")


def register(app: FastAPI, store: Store, account_of: AccountOf) -> None:
    """Add the endpoints; `account_of` authenticates a request (401 otherwise)."""

    async def desk_account(request: Request) -> Account:
        account = await account_of(request)
        refuse_intake(account, request)  # also done by the app for every endpoint
        return account

    @app.get("/v1/mail/states")
    async def mail_states(request: Request) -> dict[str, Any]:
        await desk_account(request)
        after = int_param(request, "after", 0, 0, 2**62)
        limit = int_param(request, "limit", MAX_STATES, 1, MAX_STATES)
        return await run_in_threadpool(read_states, store, after, limit)

    @app.get("/v1/mail/attachments/{attachment_id}")
    async def mail_attachment(request: Request, attachment_id: str) -> Response:
        await desk_account(request)
        if not _ID.match(attachment_id):
            raise ApiError(404, "not_found", "There is no such attachment.")
        row = await run_in_threadpool(_attachment, store, attachment_id)
        if row is None:
            raise ApiError(404, "not_found", "There is no such attachment.")
        if row.data is None:
            raise ApiError(410, "gone", "The attachment was not kept (size limit or erasure).")
        quoted = row.filename.replace('"', "'").encode("ascii", "replace").decode()
        return Response(
            bytes(row.data),
            media_type="application/octet-stream",
            headers={
                "Content-Disposition": f'attachment; filename="{quoted}"',
                "X-Content-Type-Options": "nosniff",
                "X-Original-Content-Type": row.content_type,
            },
        )

    @app.post(INTAKE_PATH)
    async def intake_ticket(request: Request) -> JSONResponse:
        account = await account_of(request)
        if account.role != Role.INTAKE:
            raise ApiError(403, "forbidden", "Only an intake account opens tickets here.")
        try:
            data = json_body.loads(await read_body(request))
            form = intake.parse_form(data)
        except json_body.BadBody as exc:
            raise ApiError(400, exc.code, exc.message) from None
        except intake.IntakeRefused as exc:
            raise ApiError(exc.status, exc.code, str(exc)) from None

        def file() -> intake.IntakeResult:
            with store.write() as conn:
                return intake.submit(conn, form, account.id)

        try:
            result = await run_in_threadpool(file)
        except intake.IntakeRefused as exc:
            retry = {"retry_after": 3600} if exc.status == 429 else {}
            raise ApiError(exc.status, exc.code, str(exc), **retry) from None
        return JSONResponse(result.to_json(), status_code=201 if result.created else 200)
