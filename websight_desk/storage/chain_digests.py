"""Digests the tamper-evident chain seals in place of text that KVKK destruction may blank.

The evidence of a termination (excerpt and flagged words) and the note of a termination or a
review are sealed by their sha256 as written: blanking the text later leaves the seal intact,
and `verify` rejects a text that differs from its digest (destruction only ever blanks).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from websight_desk.storage.ops import canonical_json

NOTE_TABLES = frozenset({"abuse_terminations", "abuse_reviews"})


def evidence_digest(excerpt: str, words_json: str) -> str:
    """Digest of a termination's evidence text as written (kept after anonymisation)."""
    return hashlib.sha256(canonical_json({"e": excerpt, "w": words_json}).encode()).hexdigest()


def note_digest(note: str | None) -> str:
    """sha256 of a termination's or review's note: what the chain covers in its place."""
    return hashlib.sha256((note or "").encode()).hexdigest()


def note_problem(table: str, data: dict[str, Any]) -> str | None:
    """Why a note does not match its seal: changed, or blanked with no erasure behind it."""
    digest = data.get("note_digest") if table in NOTE_TABLES else None
    if not digest:
        return None
    if data["note"]:
        ok = note_digest(data["note"]) == digest
        return None if ok else "note differs from the note written"
    erased = table != "abuse_terminations" or data.get("anonymised_at") is not None
    if not erased and digest != note_digest(""):
        return "note was blanked although the termination was not destroyed"
    return None


def words_json(words: Iterable[str]) -> str:
    return json.dumps(list(words), ensure_ascii=False, separators=(",", ":"))
