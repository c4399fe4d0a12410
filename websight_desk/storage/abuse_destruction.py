"""KVKK destruction of abuse evidence: blank a termination's text, keep everything else.

The excerpt (or the agent's account of the call) and the flagged words go; category, channel,
dates, the note and the lead's reviews stay, so the refusal is still derived from them. An
erasure also blanks the notes (`blank_notes`), sealed by their digest since 0009. The
chain covers the evidence by `evidence_digest`, so `audit verify` keeps passing — and it
rejects a destroyed row that holds text again. Applied by the `kvkk.purge` op's applier.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Table, select, update

from websight_desk.storage.chain import (
    EVIDENCE_BLANK_TEXT,
    EVIDENCE_BLANK_WORDS,
    TABLES,
    _columns,
    record_from_row,
)
from websight_desk.storage.chain_digests import note_digest
from websight_desk.storage.chain_reseal import reseal_changed, seal_intact
from websight_desk.storage.models import AbuseReview, AbuseTermination

EVIDENCE_BLANK = {"evidence_excerpt": EVIDENCE_BLANK_TEXT, "evidence_words": EVIDENCE_BLANK_WORDS}


def anonymise_terminations(conn: Connection, ids: Sequence[str], when: datetime) -> int:
    """Blank the evidence of these terminations (once; later calls keep the first time)."""
    table: Table = AbuseTermination.__table__  # type: ignore[assignment]
    done = 0
    for start in range(0, len(ids), 500):
        chunk = list(ids[start : start + 500])
        result = conn.execute(
            update(table)
            .where(table.c.id.in_(chunk), table.c.anonymised_at.is_(None))
            .values(**EVIDENCE_BLANK, anonymised_at=when)
        )
        done += int(result.rowcount or 0)
    return done


def blank_notes(conn: Connection, termination_ids: Sequence[str]) -> int:
    """Erasure: blank the notes of these terminations and of their reviews; returns how many.

    A note sealed by its digest (`note_digest`) is blanked in place — the chain still verifies.
    A note sealed as text (a record from before 0009) first gets its digest, only if its own
    seal is intact, and the chain is sealed again from it (`reseal_changed` refuses if any
    later record was tampered with, so tampering is never "healed").
    """
    terminations: Table = AbuseTermination.__table__  # type: ignore[assignment]
    reviews: Table = AbuseReview.__table__  # type: ignore[assignment]
    blanked, converted, first = 0, set(), None
    for start in range(0, len(termination_ids), 500):
        chunk = list(termination_ids[start : start + 500])
        for table, where in (
            (terminations, terminations.c.id.in_(chunk)),
            (reviews, reviews.c.termination_id.in_(chunk)),
        ):
            rows = conn.execute(
                select(
                    table.c.id, table.c.hlc, table.c.node_id, table.c.note, table.c.note_digest
                ).where(where, table.c.note != "")
            ).all()
            for r in rows:
                digest = r.note_digest
                if digest is None:
                    if not _own_seal_intact(conn, table.name, r.id):
                        continue  # tampered: keep the evidence of it as it is
                    digest = note_digest(r.note)
                    converted.add(r.id)
                    key = (int(r.hlc), r.node_id, r.id)
                    first = key if first is None or key < first else first
                conn.execute(
                    update(table).where(table.c.id == r.id).values(note="", note_digest=digest)
                )
                blanked += 1
    if first is not None:
        reseal_changed(conn, first, converted)
    return blanked


def _own_seal_intact(conn: Connection, table: str, record_id: str) -> bool:
    t = TABLES[table]
    row = conn.execute(select(*_columns(table)).where(t.c.id == record_id)).first()
    if row is None:
        return False
    return seal_intact(record_from_row(table, {**row._mapping, "id": record_id}))
