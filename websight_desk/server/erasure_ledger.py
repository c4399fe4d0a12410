"""Erasures outlive a restore of the server's database: a ledger file beside it.

Every accepted `kvkk.erase` op is appended (and fsynced) to `erasures.jsonl` in the server's
data directory, inside the push's transaction, before it commits. Restoring the database from
a backup rolls back its tables and change log, not this file: at start the server re-applies
every erasure of the ledger that its database lacks (`server.erasure_replay`), and an erasure
whose customer the restored database does not hold yet stays *pending* — it is applied in the
push that brings that customer back (a restored workstation's outbox), before that push
commits. The ledger holds the op as accepted: ids, the reason and counts, no personal data.

One ledger per running server process, found by the store's engine (a server with
`--db postgresql…` keeps it only if it is also given `--data DIR`).
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from websight_desk.server.models import change_log
from websight_desk.server.sqlite_engine import make_private_dir
from websight_desk.storage.models import Customer, KvkkErasure, Ticket
from websight_desk.storage.ops import Op, canonical_json

LEDGER_FILE = "erasures.jsonl"
log = logging.getLogger(__name__)


@dataclass
class Ledger:
    path: Path
    ops: dict[str, Op] = field(default_factory=dict)  # erasure record id -> op
    pending: dict[str, Op] = field(default_factory=dict)  # record id -> op the db cannot hold yet
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @classmethod
    def load(cls, path: Path) -> Ledger:
        ledger = cls(path)
        if path.is_file():
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue  # a line cut short by a crash is only ever the last one
                try:
                    op = Op.from_wire(json.loads(line))
                except (ValueError, KeyError, TypeError):
                    log.error("a damaged line of the erasure ledger %s was skipped", path)
                    continue
                ledger.ops[str(op.payload["id"])] = op
        return ledger

    def append(self, ops: Iterable[Op]) -> int:
        """Write the erasures not yet in the ledger; fsynced before the caller commits."""
        with self.lock:
            new = [op for op in ops if str(op.payload["id"]) not in self.ops]
            if not new:
                return 0
            make_private_dir(self.path.parent)
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                size = os.fstat(fd).st_size
                cut = size > 0 and os.pread(fd, 1, size - 1) != b"\n"  # a crash mid-line
                lines = "\n" * cut + "".join(canonical_json(op.to_wire()) + "\n" for op in new)
                os.write(fd, lines.encode("utf-8"))
                os.fsync(fd)
            finally:
                os.close(fd)
            for op in new:
                self.ops[str(op.payload["id"])] = op
            return len(new)


_LEDGERS: dict[int, Ledger] = {}


def attach(engine: Engine, data_dir: Path) -> Ledger:
    """Open the ledger of this server's data directory and use it for pushes on `engine`."""
    ledger = Ledger.load(data_dir / LEDGER_FILE)
    _LEDGERS[id(engine)] = ledger
    return ledger


def detach(engine: Engine) -> None:
    _LEDGERS.pop(id(engine), None)


def ledger_of(conn: Connection) -> Ledger | None:
    return _LEDGERS.get(id(conn.engine))


def erasure_ops(conn: Connection) -> list[Op]:
    """The erasures of the database's change log (what a ledger made before it must hold)."""
    rows = conn.execute(select(change_log).where(change_log.c.kind == "kvkk.erase"))
    return [
        Op(r.op_id, r.kind, json.loads(r.payload), int(r.hlc), r.node_id, r.author_id) for r in rows
    ]


def missing(conn: Connection, ops: Sequence[Op]) -> list[Op]:
    """Ledger erasures this database has no record of (it was restored from a backup)."""
    ids = [str(op.payload["id"]) for op in ops]
    have: set[str] = set()
    for i in range(0, len(ids), 500):
        have.update(
            conn.execute(
                select(KvkkErasure.id).where(KvkkErasure.id.in_(ids[i : i + 500]))
            ).scalars()
        )
    return [op for op in ops if str(op.payload["id"]) not in have]


def customers_present(conn: Connection, customer_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for i in range(0, len(customer_ids), 500):
        found.update(
            conn.execute(
                select(Customer.id).where(Customer.id.in_(customer_ids[i : i + 500]))
            ).scalars()
        )
    return found


def due_now(conn: Connection, ledger: Ledger, accepted: Sequence[Op]) -> list[Op]:
    """Pending erasures whose customer the accepted ops just brought (back) to the database."""
    if not ledger.pending:
        return []
    touched = {str(op.payload["customer_id"]) for op in accepted if op.payload.get("customer_id")}
    tickets = sorted(
        {str(op.payload["ticket_id"]) for op in accepted if op.payload.get("ticket_id")}
    )
    for i in range(0, len(tickets), 500):
        touched.update(
            conn.execute(
                select(Ticket.customer_id).where(Ticket.id.in_(tickets[i : i + 500]))
            ).scalars()
        )
    waiting = {str(op.payload["customer_id"]) for op in ledger.pending.values()}
    present = customers_present(conn, sorted(touched & waiting))
    return [op for op in ledger.pending.values() if op.payload["customer_id"] in present]
