"""Accept a batch of ops from a client: check each, apply the good ones, log them, answer.

Checks run in order with the batch's own effects in view (a message may reference a ticket
created earlier in the same batch). The accepted ops are applied in one savepoint; if that
fails, they are applied one savepoint each so a poison op cannot take the batch down.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import cached_property
from typing import Any

from sqlalchemy import Connection, Table

from websight_desk.domain.hlc import physical_ms
from websight_desk.domain.op_kinds import validate_payload
from websight_desk.server import changelog, forget, rules
from websight_desk.server.accounts import Account
from websight_desk.server.checks import CheckContext, CompanyRules
from websight_desk.server.company import load_company_settings
from websight_desk.server.models import rejections
from websight_desk.server.stamps import (
    Allocators,
    CustomerCodes,
    TicketNumbers,
    restamp_of,
    same_op,
    stamp,
)
from websight_desk.server.store import Store
from websight_desk.server.team_values import team_values
from websight_desk.storage.appliers import ApplyContext, apply_ops, insert_ignore
from websight_desk.storage.apply_rows import rows_in
from websight_desk.storage.engine import checkpoint
from websight_desk.storage.forget_local import FORGETTING
from websight_desk.storage.kind_tables import TABLES
from websight_desk.storage.ops import Op, from_iso
from websight_desk.sync.grouping import regroup

APPLIED = "applied"
DUPLICATE = "duplicate"
REJECTED = "rejected"


@dataclass(frozen=True)
class OpResult:
    op_id: str
    status: str
    reason: str | None = None
    stamped: dict[str, Any] | None = None  # what the server decided instead of the client
    # a refused field change: the team's value of that field ({"field", "value"}), so the
    # workstation shows it instead of its own refused one
    team_value: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op_id": self.op_id, "status": self.status}
        if self.reason:
            out["reason"] = self.reason
        if self.stamped:
            out["stamped"] = self.stamped
        if self.team_value is not None:
            out["team_value"] = self.team_value
        return out


@dataclass
class _Batch:
    account: Account
    now_ms: int
    company: CompanyRules
    stored: dict[str, set[str]] = field(default_factory=dict)  # table -> ids already stored
    created: dict[str, set[str]] = field(default_factory=dict)  # table -> ids made here
    rejected_ids: set[str] = field(default_factory=set)  # record ids of rejected ops
    made_ops: dict[str, Op] = field(default_factory=dict)  # record id -> accepted op making it

    @cached_property
    def now(self) -> datetime:
        return datetime.fromtimestamp(self.now_ms / 1000, UTC)

    def stored_or_made(self, table: Table, record_id: str) -> bool:
        return record_id in self.stored.get(table.name, ()) or record_id in self.created.get(
            table.name, ()
        )


def _lookup_stored(conn: Connection, ops: Sequence[Op]) -> dict[str, set[str]]:
    """Which referenced / created ids already exist: one query per table per batch.

    Checks run before anything of the batch is applied, so this snapshot stays true for the
    whole check loop; ids the batch itself creates are tracked in `_Batch.created`.
    """
    wanted: dict[str, tuple[Table, set[str]]] = {}
    for op in ops:
        table = TABLES.get(op.kind)
        record_id = op.payload.get("id")
        if table is not None and isinstance(record_id, str):
            wanted.setdefault(table.name, (table, set()))[1].add(record_id)
        for _name, ref_table, ref in rules.references(op):
            wanted.setdefault(ref_table.name, (ref_table, set()))[1].add(ref)
    found: dict[str, set[str]] = {}
    for name, (table, ids) in wanted.items():
        pk = next(iter(table.primary_key.columns)).name
        found[name] = {r[0] for r in rows_in(conn, table, pk, sorted(ids), (pk,))}
    return found


def _ahead_reason(what: str, ms: int, now_ms: int) -> str | None:
    ahead = ms - now_ms
    if ahead <= rules.MAX_HLC_AHEAD_MS:
        return None
    return (
        f"the {what} is timestamped {ahead / 60000:.0f} minutes ahead of the server clock "
        f"(limit {rules.MAX_HLC_AHEAD_MS // 60000} minutes): set this computer's date and time "
        "correctly and make the change again"
    )


def clock_problem(op: Op, now_ms: int) -> str | None:
    """A change (as sent, before any stamp) from a clock too far ahead is refused outright."""
    reason = _ahead_reason("change", physical_ms(op.hlc), now_ms)
    created = from_iso(op.payload.get("created_at"))
    if not reason and created is not None:
        reason = _ahead_reason("record", int(created.timestamp() * 1000), now_ms)
    return reason


def check(conn: Connection, op: Op, batch: _Batch) -> str | None:
    """The business reason to refuse this (already stamped) op, or None to accept it."""
    reason = rules.role_problem(op, batch.account) or rules.author_problem(op, batch.account)
    if reason:
        return reason
    if batch.rejected_ids:
        for value in op.payload.values():
            if isinstance(value, str) and value in batch.rejected_ids:
                return f"depends on {value}, which was rejected in the same batch"
    spec = rules.spec(op.kind)
    table = TABLES[op.kind]
    record_id = str(op.payload["id"])
    if spec.append_only and batch.stored_or_made(table, record_id):
        return (
            f"{op.kind}: record {record_id} already exists and cannot be changed "
            "(append-only; a correction is a new record)"
        )
    for name, ref_table, ref in rules.references(op):
        if not batch.stored_or_made(ref_table, ref):
            return f"{op.kind}: {name} refers to {ref_table.name} {ref}, which does not exist"
    business = rules.CHECKS.get(op.kind)
    if business is not None:
        ctx = CheckContext(conn, batch.account, batch.now, batch.made_ops, batch.company)
        return business(ctx, op, validate_payload(op.kind, op.payload))
    return None


def _record(batch: _Batch, op: Op) -> None:
    record_id = str(op.payload["id"])
    batch.made_ops[record_id] = op
    batch.created.setdefault(TABLES[op.kind].name, set()).add(record_id)


def _store_rejections(conn: Connection, items: list[tuple[Op, str]], account: Account) -> None:
    now = datetime.now(UTC)
    insert_ignore(
        conn,
        rejections,
        [
            {
                **changelog.op_row(op),
                "reason": reason,
                "account_id": account.id,
                "rejected_at": now,
            }
            for op, reason in items
        ],
    )


def _prior_rejections(conn: Connection, op_ids: Sequence[str]) -> dict[str, tuple[Op, str]]:
    found: dict[str, tuple[Op, str]] = {}
    columns = ("op_id", "kind", "payload", "hlc", "node_id", "author_id", "reason")
    for op_id, kind, payload, hlc, node_id, author_id, reason in rows_in(
        conn, rejections, "op_id", op_ids, columns
    ):
        found[op_id] = (Op(op_id, kind, json.loads(payload), int(hlc), node_id, author_id), reason)
    return found


def push(store: Store, account: Account, ops: Sequence[Op]) -> tuple[list[OpResult], int]:
    """Apply a validated batch in one transaction; returns per-op results and the new head."""
    with store.write() as conn:
        ids = [op.op_id for op in ops]
        logged = changelog.find(conn, ids)
        prior = _prior_rejections(conn, ids)
        fresh = [op for op in ops if op.op_id not in logged and op.op_id not in prior]
        batch = _Batch(
            account=account,
            now_ms=int(time.time() * 1000),
            company=load_company_settings(conn),
            stored=_lookup_stored(conn, fresh),
        )
        codes = [str(op.payload.get("code")) for op in fresh if op.kind == "customer.create"]
        allocate = Allocators(TicketNumbers(conn), CustomerCodes(conn, codes))
        results: dict[str, OpResult] = {}
        accepted: list[Op] = []
        refused: list[tuple[Op, str]] = []
        seen: dict[str, Op] = {}

        def refuse(op: Op, reason: str) -> None:
            results[op.op_id] = OpResult(op.op_id, REJECTED, reason)
            refused.append((op, reason))
            if isinstance(op.payload.get("id"), str):
                batch.rejected_ids.add(op.payload["id"])

        for op in ops:
            earlier = logged.get(op.op_id) or seen.get(op.op_id)
            if earlier is not None:
                if op.op_id in results:
                    continue  # sent twice in one batch: the first one's answer stands
                if same_op(earlier, op):
                    results[op.op_id] = OpResult(
                        op.op_id, DUPLICATE, stamped=restamp_of(earlier, op)
                    )
                else:
                    refuse(op, "an op with this id and different content was already accepted")
                continue
            if op.op_id in prior:
                old, old_reason = prior[op.op_id]
                if not same_op(old, op):
                    old_reason = "an op with this id and different content was already rejected"
                results[op.op_id] = OpResult(op.op_id, REJECTED, old_reason)
                continue
            stamped = stamp(op, batch.now, batch.company, allocate)
            seen[op.op_id] = stamped.op
            reason = clock_problem(op, batch.now_ms) or check(conn, stamped.op, batch)
            if reason:
                refuse(op, reason)
            else:
                accepted.append(stamped.op)
                _record(batch, stamped.op)
                results[op.op_id] = OpResult(op.op_id, APPLIED, stamped=stamped.to_json())

        accepted = _apply(conn, accepted, refuse)
        _store_rejections(conn, refused, account)
        for op_id, team_value in team_values(conn, refused).items():
            results[op_id] = replace(results[op_id], team_value=team_value)
        head = changelog.append(conn, accepted, pushed_by=account.id)
        forget.after_push(conn, accepted, [op for op, _reason in refused])
    if store.dialect == "sqlite" and any(op.kind in FORGETTING for op in accepted):
        checkpoint(store.engine)  # the erased text must not stay in the WAL
    # one answer per op id, in the order they were sent
    ordered = [results[i] for i in dict.fromkeys(ids)]
    return ordered, head


def _apply(conn: Connection, ops: list[Op], refuse: Any) -> list[Op]:
    if not ops:
        return ops
    # check() refused every append-only record stored before (`_lookup_stored`): the ids of
    # accepted creates are new, so the appliers need not look them up again (a concurrent
    # push of the same record is still skipped by the insert's ON CONFLICT DO NOTHING)
    ctx = ApplyContext(conn, with_search_index=False, fresh_ids=True)
    try:
        with conn.begin_nested():
            apply_ops(ctx, regroup(ops))
        return ops
    except Exception:  # find the poison op(s): one savepoint each, in the order sent
        ctx = ApplyContext(conn, with_search_index=False, fresh_ids=True)
    kept: list[Op] = []
    failed: set[str] = set()
    for op in ops:
        depends = next((v for v in op.payload.values() if isinstance(v, str) and v in failed), None)
        if depends is not None:
            refuse(op, f"depends on {depends}, which was rejected in the same batch")
            continue
        try:
            with conn.begin_nested():
                apply_ops(ctx, [op])
            kept.append(op)
        except Exception as exc:
            # the database's message may quote the row's values: only its kind is kept
            refuse(op, f"{op.kind} could not be stored ({type(exc).__name__})")
            if isinstance(op.payload.get("id"), str):
                failed.add(op.payload["id"])
    return kept
