"""The tamper-evidence hash chain over abuse records and audit events.

Order: every chained record (terminations, reviews, overrides, audit events) sorted by
(hlc, node_id, id) — values that travel with the op, so every replica, and the server, sorts
the same records identically. Link: hash = sha256(prev_hash + table + canonical content).
Hashes are derived locally: when a record arrives whose key is older than the head (pulled from
an offline device), the suffix from that key is re-linked — but only while the stored suffix
still verifies, so a tampered row is never silently "healed" by a later seal.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, select, tuple_, update

from websight_desk.storage.chain_digests import NOTE_TABLES, evidence_digest, note_problem
from websight_desk.storage.models import AbuseReview, AbuseTermination, AuditEvent, RefusalOverride
from websight_desk.storage.ops import canonical_json, to_iso

GENESIS = "0" * 64
EVIDENCE_BLANK_TEXT, EVIDENCE_BLANK_WORDS = "", "[]"  # what KVKK destruction leaves
Key = tuple[int, str, str]  # (hlc, node_id, id)

# Content columns per table, named explicitly: a column added later does not silently change
# the meaning of old hashes. Free text that KVKK destruction may blank is covered by a digest.
CONTENT: dict[str, tuple[str, ...]] = {
    "abuse_terminations": (
        "id",
        "channel",
        "ticket_id",
        "call_id",
        "customer_id",
        "reported_by",
        "detector_suggested",
        "evidence_message_id",
        "evidence_digest",
        "category",
        "note",
        "legal_basis",
        "retention_class",
        "destroy_after",
        "created_at",
        "hlc",
        "node_id",
    ),
    "abuse_reviews": (
        "id",
        "termination_id",
        "decision",
        "note",
        "reviewer_id",
        "created_at",
        "hlc",
        "node_id",
    ),
    "refusal_overrides": (
        "id",
        "customer_id",
        "ticket_id",
        "agent_id",
        "refusal_state",
        "reason",
        "message_id",
        "created_at",
        "hlc",
        "node_id",
    ),
    "audit_events": (
        "id",
        "kind",
        "actor_agent_id",
        "subject_type",
        "subject_id",
        "reason",
        "details",
        "created_at",
        "hlc",
        "node_id",
    ),
}
TABLES: dict[str, Table] = {
    m.__tablename__: m.__table__  # type: ignore[misc]
    for m in (AbuseTermination, AbuseReview, RefusalOverride, AuditEvent)
}


def link_hash(prev: str, table: str, content: str) -> str:
    return hashlib.sha256(f"{prev}\n{table}\n{content}".encode()).hexdigest()


@dataclass(frozen=True)
class ChainRecord:
    """One record as the chain sees it; `text_problem` names a text that fails its digest."""

    table: str
    id: str
    hlc: int
    node_id: str
    content: str
    chain_prev: str | None
    chain_hash: str | None
    text_problem: str | None = None

    @property
    def key(self) -> Key:
        return (self.hlc, self.node_id, self.id)


@dataclass(frozen=True)
class ChainBreak:
    table: str
    id: str
    problem: str

    def __str__(self) -> str:
        return f"{self.table} {self.id}: {self.problem}"


@dataclass(frozen=True)
class ChainResult:
    count: int
    head: str
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return to_iso(value)
    return value


def _content(table: str, data: dict[str, Any]) -> dict[str, Any]:
    """The sealed values: a note under a digest is sealed by its digest (blanked by erasure)."""
    values = {c: _plain(data[c]) for c in CONTENT[table]}
    if table in NOTE_TABLES and data.get("note_digest"):
        del values["note"]
        values["note_digest"] = data["note_digest"]
    return values


def record_from_row(table: str, row: Row[Any] | dict[str, Any]) -> ChainRecord:
    """Build a chain record from a row holding the table's content and chain columns."""
    data = dict(row._mapping) if isinstance(row, Row) else row
    content = canonical_json(_content(table, data))
    problem = note_problem(table, data)
    if table == "abuse_terminations":
        excerpt, words = data["evidence_excerpt"], data["evidence_words"]
        if data.get("anonymised_at") is None:
            if evidence_digest(excerpt, words) != data["evidence_digest"]:
                problem = "evidence_excerpt/evidence_words differ from the evidence written"
        elif (excerpt, words) != (EVIDENCE_BLANK_TEXT, EVIDENCE_BLANK_WORDS):
            # Destruction only ever blanks: an "anonymised" row that holds text was edited.
            problem = "evidence_excerpt/evidence_words were changed after their destruction"
    return ChainRecord(
        table,
        data["id"],
        int(data["hlc"]),
        data["node_id"],
        content,
        data.get("chain_prev"),
        data.get("chain_hash"),
        problem,
    )


def _columns(table: str) -> list[Any]:
    t = TABLES[table]
    names = [*CONTENT[table], "chain_prev", "chain_hash"]
    if table in NOTE_TABLES:
        names.append("note_digest")
    if table == "abuse_terminations":
        names += ["evidence_excerpt", "evidence_words", "anonymised_at"]
    return [t.c[n] for n in names]


def _key_cols(t: Table) -> Any:
    return tuple_(t.c.hlc, t.c.node_id, t.c.id)


def iter_records(conn: Connection, since: Key | None = None) -> Iterator[ChainRecord]:
    """All chained records (or those with key >= since) in chain order."""
    streams = []
    for name, t in TABLES.items():
        stmt = select(*_columns(name)).order_by(t.c.hlc, t.c.node_id, t.c.id)
        if since is not None:
            stmt = stmt.where(_key_cols(t) >= tuple_(*since))
        rows = conn.execute(stmt).all()
        streams.append([record_from_row(name, r) for r in rows])
    return heapq.merge(*streams, key=lambda r: r.key)


def verify_records(records: Iterable[ChainRecord], start_prev: str = GENESIS) -> ChainResult:
    """Pure check of records given in chain order; the server calls it over its own rows."""
    records = list(records)
    known = {r.chain_hash for r in records if r.chain_hash}
    prev, count = start_prev, 0
    for r in records:
        if r.chain_hash is None:
            return ChainResult(count, prev, ChainBreak(r.table, r.id, "not sealed into the chain"))
        if r.text_problem:
            return ChainResult(count, prev, ChainBreak(r.table, r.id, r.text_problem))
        if r.chain_prev != prev:
            why = (
                "its link points to a later record: records were reordered or inserted"
                if r.chain_prev in known
                else "the record it follows is missing (deleted) or was changed"
            )
            return ChainResult(count, prev, ChainBreak(r.table, r.id, why))
        expected = link_hash(prev, r.table, r.content)
        if expected != r.chain_hash:
            cols = ", ".join(c for c in CONTENT[r.table] if c not in ("id", "hlc", "node_id"))
            why = f"its content ({cols}) differs from what was sealed"
            return ChainResult(count, prev, ChainBreak(r.table, r.id, why))
        prev, count = r.chain_hash, count + 1
    return ChainResult(count, prev, None)


def verify(conn: Connection) -> ChainResult:
    """Verify the whole chain stored in this database."""
    return verify_records(iter_records(conn))


def _predecessor(conn: Connection, key: Key) -> tuple[Key, str | None] | None:
    best: tuple[Key, str | None] | None = None
    for t in TABLES.values():
        row = conn.execute(
            select(t.c.hlc, t.c.node_id, t.c.id, t.c.chain_hash)
            .where(_key_cols(t) < tuple_(*key))
            .order_by(t.c.hlc.desc(), t.c.node_id.desc(), t.c.id.desc())
            .limit(1)
        ).first()
        if row is not None:
            k = (int(row.hlc), row.node_id, row.id)
            if best is None or k > best[0]:
                best = (k, row.chain_hash)
    return best


def seal_from(conn: Connection, key: Key) -> int:
    """(Re)link every record with key >= `key`; returns how many rows were written."""
    while True:  # start at the first unsealed record before `key`, if any
        pred = _predecessor(conn, key)
        if pred is None or pred[1] is not None:
            break
        key = pred[0]
    prev = GENESIS if pred is None else str(pred[1])
    old_link, written = prev, 0
    for r in list(iter_records(conn, key)):
        if r.chain_hash is not None:
            stored_ok = (
                r.chain_prev == old_link
                and r.text_problem is None
                and link_hash(old_link, r.table, r.content) == r.chain_hash
            )
            if not stored_ok:
                break  # tampered: leave it (and what follows) for `verify` to report
            old_link = r.chain_hash
        new_hash = link_hash(prev, r.table, r.content)
        if (r.chain_prev, r.chain_hash) != (prev, new_hash):
            t = TABLES[r.table]
            conn.execute(
                update(t).where(t.c.id == r.id).values(chain_prev=prev, chain_hash=new_hash)
            )
            written += 1
        prev = new_hash
    return written


def seal_keys(conn: Connection, keys: Sequence[Key]) -> int:
    """Seal after inserting records with these keys (an applier's batch)."""
    return seal_from(conn, min(keys)) if keys else 0


def seal_unsealed(conn: Connection) -> int:
    """Seal from the oldest record that has no hash yet (rows written by older code)."""
    first: Key | None = None
    for t in TABLES.values():
        row = conn.execute(
            select(t.c.hlc, t.c.node_id, t.c.id)
            .where(t.c.chain_hash.is_(None))
            .order_by(t.c.hlc, t.c.node_id, t.c.id)
            .limit(1)
        ).first()
        if row is not None:
            k = (int(row.hlc), row.node_id, row.id)
            first = k if first is None or k < first else first
    return 0 if first is None else seal_from(conn, first)


def chain_head(conn: Connection) -> tuple[int, str]:
    """(record count, head hash) as stored; compare with the server's after a full sync."""
    result = verify(conn)
    return result.count, result.head
