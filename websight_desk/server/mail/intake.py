"""The web-form intake: the company's web form or billing system opens a ticket.

It is filed like a mail (same sender matching, refusal, subject token and per-sender rate
limit), with the channel `web` and the intake account as the ticket's creator. An optional
`external_id` makes a repeated submission (a retry after a lost answer) return the same ticket.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from sqlalchemy import Connection

from websight_desk.domain.enums import Channel, Department
from websight_desk.domain.ids import new_id
from websight_desk.domain.op_fields import Body, Email, Label, Subject
from websight_desk.server.mail import records
from websight_desk.server.mail.config import check_address
from websight_desk.server.mail.filing import RATE_LIMIT, RATE_WINDOW, Source, file_request
from websight_desk.server.mail.parse import ParsedMail, clean_text

_EXTERNAL = re.compile(r"^[A-Za-z0-9._:-]{1,64}$")


class IntakeForm(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    email: Email
    name: Label = ""
    subject: Subject
    body: Body = Field(min_length=1)
    department: Department = Department.TECHNICAL
    external_id: str | None = Field(default=None, pattern=_EXTERNAL.pattern)


class IntakeRefused(ValueError):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


@dataclass(frozen=True)
class IntakeResult:
    ticket_id: str
    created: bool  # False: the same external_id was submitted before

    def to_json(self) -> dict[str, Any]:
        return {"ticket_id": self.ticket_id, "created": self.created}


def parse_form(data: Any) -> IntakeForm:
    try:
        form = IntakeForm.model_validate(data)
    except ValidationError as exc:
        where = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'body'}: {e['msg']}"
            for e in exc.errors(include_url=False, include_input=False)[:5]
        )
        raise IntakeRefused(400, "invalid_request", where) from None
    try:
        check_address(form.email)
    except Exception:
        raise IntakeRefused(400, "invalid_request", "email: not an e-mail address") from None
    if not form.body.strip() or not clean_text(form.subject):
        raise IntakeRefused(400, "invalid_request", "subject and body must not be empty")
    return form


def submit(conn: Connection, form: IntakeForm, account_id: str) -> IntakeResult:
    """File the form in the caller's writing transaction."""
    key = form.external_id or None
    message_id = f"<intake.{account_id}.{key}@websight-desk.invalid>" if key else None
    if message_id is not None:
        earlier = records.known(conn, message_id)
        if earlier is not None and earlier.ticket_id:
            return IntakeResult(str(earlier.ticket_id), False)
    address = form.email.strip().lower()
    now = datetime.now(UTC)
    if records.recent_from(conn, address, now - RATE_WINDOW) >= RATE_LIMIT:
        raise IntakeRefused(
            429, "too_many_requests", f"Over {RATE_LIMIT} requests an hour from this sender."
        )
    mail = ParsedMail(
        message_id=message_id or f"<intake.{new_id()}@websight-desk.invalid>",
        in_reply_to=None,
        references=(),
        from_address=address,
        from_name=clean_text(form.name, 200),
        reply_to=None,
        subject=clean_text(form.subject, 500),
        text=clean_text(form.body),
    )
    source = Source(
        name=None,
        department=form.department.value,
        address=None,
        channel=Channel.WEB,
        direction="web",
        created_by=account_id,
    )
    filed = file_request(conn, mail, None, source, now)
    assert filed.ticket_id is not None
    return IntakeResult(filed.ticket_id, True)
