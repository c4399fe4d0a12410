"""The company settings the server holds (retention periods, note limits, store location).

`load_company_settings(conn)` is what the push checks and stamps use (one indexed read of one
row per push); `save_company_settings` is how `websight-desk-server settings set` changes
them. Each change is a new row: the history says who changed what, and when.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

import orjson
from sqlalchemy import Connection, insert, select

from websight_desk.domain.company import CompanySettings, PublishedSettings
from websight_desk.domain.errors import StorageProblem, ValidationError
from websight_desk.server.models import company_settings
from websight_desk.storage.ops import canonical_json

BY_MAX = 64


@dataclass(frozen=True)
class SettingsChange:
    """One row of the history: the settings in force from `updated_at` on."""

    published: PublishedSettings
    updated_by: str


def _parse(version: int, text: str) -> CompanySettings:
    try:
        return CompanySettings.from_json(orjson.loads(text))
    except ValueError as exc:
        raise StorageProblem(
            f"The company settings stored on this server (version {version}) are not valid: {exc}",
            hint="Set the value again with: websight-desk-server settings set KEY VALUE",
        ) from exc


def load_published(conn: Connection) -> PublishedSettings:
    """The settings in force with their version (0 and the defaults when none were set)."""
    row = conn.execute(
        select(company_settings).order_by(company_settings.c.version.desc()).limit(1)
    ).first()
    if row is None:
        return PublishedSettings(CompanySettings())
    return PublishedSettings(_parse(row.version, row.settings), row.version, row.updated_at)


def load_company_settings(conn: Connection) -> CompanySettings:
    """The company's settings as this server holds them."""
    return load_published(conn).settings


def save_company_settings(
    conn: Connection, settings: CompanySettings, by: str, now: datetime | None = None
) -> PublishedSettings:
    """Make `settings` the ones in force (a new version), unless they already are."""
    who = " ".join(by.split())
    if not who or len(who) > BY_MAX:
        raise ValidationError(f"Say who changes the settings (1 to {BY_MAX} characters).")
    current = load_published(conn)
    if current.version and current.settings == settings:
        return current
    when = now or datetime.now(UTC)
    version = current.version + 1
    conn.execute(
        insert(company_settings).values(
            version=version,
            settings=canonical_json(settings.to_json()),
            updated_at=when,
            updated_by=who,
        )
    )
    return PublishedSettings(settings, version, when)


def settings_history(conn: Connection, limit: int = 100) -> list[SettingsChange]:
    """The latest changes, newest first."""
    rows = conn.execute(
        select(company_settings).order_by(company_settings.c.version.desc()).limit(limit)
    )
    return [
        SettingsChange(
            PublishedSettings(_parse(r.version, r.settings), r.version, r.updated_at),
            r.updated_by,
        )
        for r in rows
    ]
