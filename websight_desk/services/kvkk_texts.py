"""Versioned KVKK notice and recording-consent texts (Turkish and English).

Changing a text adds a new version; old versions stay so the company can prove which text a
customer was given. Version 1 is seeded by the 0003 migration.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, func, select

from websight_desk.domain.callbacks import TextKind
from websight_desk.domain.errors import NotFound, ValidationError
from websight_desk.domain.ids import new_id
from websight_desk.i18n import LANGUAGES, _
from websight_desk.storage.models import KvkkText
from websight_desk.storage.ops import to_iso
from websight_desk.storage.outbox import OpWriter

MAX_TEXT = 5000
_T = KvkkText.__table__


@dataclass(frozen=True, slots=True)
class TextVersion:
    kind: TextKind
    version: int
    lang: str
    body: str


def current_text(conn: Connection, kind: TextKind, lang: str) -> TextVersion:
    """The newest version of a text in a language (falls back to Turkish)."""
    for code in (lang, "tr"):
        row = conn.execute(
            select(_T)
            .where(KvkkText.kind == kind.value, KvkkText.lang == code)
            .order_by(KvkkText.version.desc())
            .limit(1)
        ).first()
        if row is not None:
            return TextVersion(kind, row.version, row.lang, row.body)
    raise NotFound(_("No KVKK text of this kind exists yet."))


def get_text(conn: Connection, kind: TextKind, version: int, lang: str) -> TextVersion | None:
    row = conn.execute(
        select(_T).where(
            KvkkText.kind == kind.value, KvkkText.version == version, KvkkText.lang == lang
        )
    ).first()
    return None if row is None else TextVersion(kind, row.version, row.lang, row.body)


def text_versions(conn: Connection, kind: TextKind) -> list[TextVersion]:
    """Every version of a text, oldest first (for proof and for the admin's editor)."""
    rows = conn.execute(
        select(_T).where(KvkkText.kind == kind.value).order_by(KvkkText.version, KvkkText.lang)
    )
    return [TextVersion(kind, r.version, r.lang, r.body) for r in rows]


def new_text_version(w: OpWriter, kind: TextKind, bodies: Mapping[str, str]) -> int:
    """Add the next version of a text in every UI language; returns the version number."""
    missing = [code for code in LANGUAGES if not (bodies.get(code) or "").strip()]
    if missing:
        raise ValidationError(
            _("Give the text in every language (missing: {codes}).").format(
                codes=", ".join(missing)
            )
        )
    if any(len(b) > MAX_TEXT for b in bodies.values()):
        raise ValidationError(_("A KVKK text is limited to {n} characters.").format(n=MAX_TEXT))
    latest = w.conn.execute(
        select(func.max(KvkkText.version)).where(KvkkText.kind == kind.value)
    ).scalar_one_or_none()
    version = int(latest or 0) + 1
    w.emit_many(
        "kvkk_text.create",
        [
            {
                "id": new_id(),
                "kind": kind.value,
                "version": version,
                "lang": code,
                "body": bodies[code].strip(),
                "created_at": to_iso(w.now),
            }
            for code in LANGUAGES
        ],
    )
    return version
