"""What the server decides itself for a pushed op: retention dates and a clock it can trust.

* `destroy_after` of a callback or an abuse termination is computed from the company's
  retention periods (`server.company`), counted from the recorded time — but never from
  earlier than `BACKLOG_GRACE` before the server received it, so a forged old timestamp cannot
  make personal data expire at once, while an offline workstation's backlog keeps its times.
* A new ticket's public `number` is the server's next one, and a customer code another customer
  already holds is replaced by a free one: numbers and codes are unique across the team.
* A kind whose HLC decides the current value (`op_kinds.ORDERED_BY_CLOCK`) claiming a time
  ahead of the server's clock is re-stamped with the server's clock: a forged future stamp
  cannot win a conflict. The pushing workstation is told the new values and adopts them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, func, select

from websight_desk.domain.abuse import RETENTION_CLASS as RETENTION_ABUSE
from websight_desk.domain.callbacks import RETENTION_CALLBACK_NOTES
from websight_desk.domain.hlc import HybridClock, physical_ms
from websight_desk.domain.op_kinds import KINDS, ORDERED_BY_CLOCK
from websight_desk.server.checks import CompanyRules
from websight_desk.server.models import counter
from websight_desk.storage.apply_rows import id_in
from websight_desk.storage.models import Customer, Ticket
from websight_desk.storage.ops import Op, from_iso, to_iso

BACKLOG_GRACE = timedelta(days=7)
FIRST_NUMBER = 10001  # the first ticket number of a new team (as on a new workstation)

# (kind, the payload time retention counts from, retention class)
_RETENTION = {
    "callback.create": ("ended_at", RETENTION_CALLBACK_NOTES),
    "termination.create": ("created_at", RETENTION_ABUSE),
}

_clock_lock = threading.Lock()
_clock = HybridClock()


def server_hlc() -> int:
    """The next timestamp of this server process's own clock (never observes clients)."""
    with _clock_lock:
        return _clock.now()


@dataclass(frozen=True)
class Stamp:
    """An op as the server stores it, and what differs from what the client sent."""

    op: Op
    hlc: int | None = None  # the new HLC when re-stamped
    payload: dict[str, Any] = field(default_factory=dict)  # server-computed fields that differ

    def to_json(self) -> dict[str, Any] | None:
        if self.hlc is None and not self.payload:
            return None
        out: dict[str, Any] = {}
        if self.hlc is not None:
            out["hlc"] = self.hlc
        if self.payload:
            out["payload"] = self.payload
        return out


class TicketNumbers:
    """Team-wide ticket numbers, handed out in the push's writing transaction.

    A workstation numbers its tickets max + 1 of what it has seen; two of them working offline
    make the same numbers. The server gives every new ticket the next number of its own, and
    the workstation adopts it (an online workstation's guess is usually already right).
    """

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.next: int | None = None

    def take(self) -> int:
        if self.next is None:
            if self.conn.dialect.name == "postgresql":  # serialise allocators until commit
                self.conn.execute(select(counter.c.seq).where(counter.c.id == 1).with_for_update())
            current = self.conn.execute(select(func.max(Ticket.number))).scalar_one_or_none()
            self.next = max(int(current or 0), FIRST_NUMBER - 1) + 1
        number, self.next = self.next, self.next + 1
        return number


_CODE = re.compile(r"^(?P<prefix>[A-Za-z-]*)(?P<digits>[0-9]+)$")


class CustomerCodes:
    """Customer codes unique across the team: a code another customer holds gets a free one.

    A code like `WS0000042` continues its prefix's series (`WS` + the next number, same width);
    any other code gets a suffix (`ACME-2`).
    """

    def __init__(self, conn: Connection, wanted: Iterable[str] = ()) -> None:
        self.conn = conn
        self.taken: set[str] = set()
        # The codes the push asks for, looked up in one query per 500 instead of one each.
        self.looked_up = {code for code in wanted if code}
        self.stored: set[str] = set()
        ordered = sorted(self.looked_up)
        for i in range(0, len(ordered), 500):
            codes = id_in(conn, Customer.__table__.c.code, ordered[i : i + 500])
            found = conn.execute(select(Customer.code).where(codes))
            self.stored.update(found.scalars())

    def _used(self, code: str) -> bool:
        if code in self.taken:
            return True
        if code in self.looked_up:
            return code in self.stored
        found = self.conn.execute(select(Customer.id).where(Customer.code == code)).first()
        return found is not None

    def free(self, code: str) -> str:
        if not self._used(code):
            self.taken.add(code)
            return code
        match = _CODE.match(code)
        if match is not None:
            prefix, width = match["prefix"], len(match["digits"])
            like = f"{prefix}{'_' * width}"
            top = self.conn.execute(
                select(func.max(Customer.code)).where(Customer.code.like(like))
            ).scalar_one_or_none()
            number = max(int(match["digits"]), int(str(top)[len(prefix) :] or 0) if top else 0)
            candidate = f"{prefix}{number + 1:0{width}d}"
            while self._used(candidate):
                number += 1
                candidate = f"{prefix}{number + 1:0{width}d}"
        else:
            suffix = 2
            candidate = f"{code[:28]}-{suffix}"
            while self._used(candidate):
                suffix += 1
                candidate = f"{code[:28]}-{suffix}"
        self.taken.add(candidate)
        return candidate


@dataclass
class Allocators:
    """What one push hands out: ticket numbers and customer codes."""

    numbers: TicketNumbers
    codes: CustomerCodes


def stamp(
    op: Op, now: datetime, company: CompanyRules, allocate: Allocators | None = None
) -> Stamp:
    payload = dict(op.payload)
    changed: dict[str, Any] = {}
    if op.kind == "ticket.create" and allocate is not None:
        number = allocate.numbers.take()
        if payload.get("number") != number:
            payload["number"] = changed["number"] = number
    if op.kind == "customer.create" and allocate is not None:
        code = allocate.codes.free(str(payload.get("code")))
        if payload.get("code") != code:
            payload["code"] = changed["code"] = code
    rule = _RETENTION.get(op.kind)
    if rule is not None:
        at_field, record_class = rule
        recorded = from_iso(payload.get(at_field))
        base = max(recorded, now - BACKLOG_GRACE) if recorded is not None else now
        value = to_iso(base + company.retention(record_class))
        if payload.get("destroy_after") != value:
            payload["destroy_after"] = changed["destroy_after"] = value
    hlc = op.hlc
    new_hlc = None
    if op.kind in ORDERED_BY_CLOCK and physical_ms(op.hlc) > int(now.timestamp() * 1000):
        hlc = new_hlc = server_hlc()
    if not changed and new_hlc is None:
        return Stamp(op)
    stored = Op(op.op_id, op.kind, payload, hlc, op.node_id, op.author_id)
    return Stamp(stored, new_hlc, changed)


def same_op(stored: Op, sent: Op) -> bool:
    """Is `sent` a repeat of `stored`? Fields the server stamps are not compared."""
    if (stored.kind, stored.node_id) != (sent.kind, sent.node_id):
        return False
    if stored.hlc != sent.hlc and stored.kind not in ORDERED_BY_CLOCK:
        return False
    skip = KINDS[stored.kind].stamped if stored.kind in KINDS else ()
    a = {k: v for k, v in stored.payload.items() if k not in skip}
    b = {k: v for k, v in sent.payload.items() if k not in skip}
    return a == b


def restamp_of(stored: Op, sent: Op) -> dict[str, Any] | None:
    """What a repeated op must adopt from the stored one (for a `duplicate` answer)."""
    skip = KINDS[stored.kind].stamped if stored.kind in KINDS else ()
    payload = {
        k: stored.payload.get(k) for k in skip if stored.payload.get(k) != sent.payload.get(k)
    }
    return Stamp(stored, stored.hlc if stored.hlc != sent.hlc else None, payload).to_json()
