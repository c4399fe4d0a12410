"""Appliers of `termination.create`, `review.create` and `override.create`, and the chain seal.

Every chained kind (these three and `audit.create`, whose applier is in `record_appliers`)
seals the tamper-evidence chain from its batch's oldest key after inserting (storage.chain),
in the same transaction — for local writes, pulled ops and the server alike. Loaded by
`storage/appliers.py` at import time.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from typing import Any

from sqlalchemy import Table, select

from websight_desk.domain.abuse import (
    DEFAULT_RETENTION_DAYS,
    LEGAL_BASIS,
    RETENTION_CLASS,
)
from websight_desk.storage import chain, chain_digests
from websight_desk.storage.applier_registry import ApplyContext, applier
from websight_desk.storage.apply_rows import insert_ignore
from websight_desk.storage.erasure import reblank_customers
from websight_desk.storage.models import AbuseReview, AbuseTermination, RefusalOverride
from websight_desk.storage.ops import Op, from_iso


def _meta(op: Op) -> dict[str, Any]:
    created = from_iso(op.payload.get("created_at"))
    if created is None:
        raise ValueError(f"{op.kind} {op.op_id}: payload has no created_at")
    return {"hlc": op.hlc, "node_id": op.node_id, "created_at": created}


def _pick(op: Op, *names: str) -> dict[str, Any]:
    return {n: op.payload.get(n) for n in names}


def _insert_and_seal(ctx: ApplyContext, table: Table, rows: list[dict[str, Any]]) -> None:
    insert_ignore(ctx.conn, table, rows)
    chain.seal_keys(ctx.conn, [(r["hlc"], r["node_id"], r["id"]) for r in rows])


@applier("termination.create")
def _terminations(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = []
    for op in ops:
        meta = _meta(op)
        row = _pick(
            op,
            "id",
            "channel",
            "ticket_id",
            "call_id",
            "customer_id",
            "reported_by",
            "evidence_message_id",
            "category",
            "note",
        )
        excerpt = str(op.payload.get("evidence_excerpt") or "")
        words = str(op.payload.get("evidence_words") or "[]")
        row.update(
            detector_suggested=bool(op.payload.get("detector_suggested", False)),
            evidence_excerpt=excerpt,
            evidence_words=words,
            # The digest as the author wrote it; `audit verify` checks the text against it.
            evidence_digest=op.payload.get("evidence_digest")
            or chain_digests.evidence_digest(excerpt, words),
            legal_basis=op.payload.get("legal_basis") or LEGAL_BASIS,
            retention_class=op.payload.get("retention_class") or RETENTION_CLASS,
            destroy_after=from_iso(op.payload.get("destroy_after"))
            or meta["created_at"] + timedelta(days=DEFAULT_RETENTION_DAYS),
            anonymised_at=None,
            note_digest=chain_digests.note_digest(row.get("note")),
        )
        rows.append({**row, **meta})
    _insert_and_seal(ctx, AbuseTermination.__table__, rows)  # type: ignore[arg-type]
    ticket_ids = {r["ticket_id"] for r in rows if r["ticket_id"]}
    ctx.touched_tickets.update(ticket_ids)
    # Written offline before the customer's erasure arrived: blank it as the erasure would.
    reblank_customers(ctx, {str(r["customer_id"]) for r in rows})


@applier("review.create")
def _reviews(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **_pick(op, "id", "termination_id", "decision", "note", "reviewer_id"),
            "note_digest": chain_digests.note_digest(op.payload.get("note")),
            **_meta(op),
        }
        for op in ops
    ]
    _insert_and_seal(ctx, AbuseReview.__table__, rows)  # type: ignore[arg-type]
    customers = ctx.conn.execute(
        select(AbuseTermination.customer_id).where(
            AbuseTermination.id.in_(sorted({str(r["termination_id"]) for r in rows}))
        )
    ).scalars()
    reblank_customers(ctx, set(customers))  # a review's note, as for a late termination


@applier("override.create")
def _overrides(ctx: ApplyContext, ops: Sequence[Op]) -> None:
    rows = [
        {
            **_pick(
                op,
                "id",
                "customer_id",
                "ticket_id",
                "agent_id",
                "refusal_state",
                "reason",
                "message_id",
            ),
            **_meta(op),
        }
        for op in ops
    ]
    _insert_and_seal(ctx, RefusalOverride.__table__, rows)  # type: ignore[arg-type]
