"""KVKK destruction of abuse evidence: blank a termination's text, keep everything else.

The excerpt (or the agent's account of the call) and the flagged words go; category, channel,
dates, the note and the lead's reviews stay, so the refusal is still derived from them. The
chain covers the evidence by `evidence_digest`, so `audit verify` keeps passing — and it
rejects a destroyed row that holds text again. Applied by the `kvkk.purge` op's applier.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Table, update

from websight_desk.storage.chain import EVIDENCE_BLANK_TEXT, EVIDENCE_BLANK_WORDS
from websight_desk.storage.models import AbuseTermination

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
