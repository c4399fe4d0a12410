"""Read and keep this workstation's copy of the company settings (`company_settings_copy`)."""

from __future__ import annotations

from datetime import datetime

import orjson
from sqlalchemy import Connection, insert, select, update

from websight_desk.domain.company import CompanySettings, PublishedSettings
from websight_desk.storage.models.company import CompanySettingsCopy
from websight_desk.storage.ops import canonical_json

_ROW = 1
_TABLE = CompanySettingsCopy.__table__


def read_published(conn: Connection) -> PublishedSettings | None:
    """The settings last fetched from the server, or None before the first sync."""
    row = conn.execute(select(_TABLE).where(_TABLE.c.id == _ROW)).first()
    if row is None:
        return None
    # stored after validation by this program; tolerate keys a newer one may have written
    settings = CompanySettings.from_json(orjson.loads(row.settings), ignore_unknown=True)
    return PublishedSettings(settings, row.version, row.updated_at)


def received_at(conn: Connection) -> datetime | None:
    """When this workstation received the copy it holds."""
    return conn.execute(
        select(_TABLE.c.received_at).where(_TABLE.c.id == _ROW)
    ).scalar_one_or_none()


def copy_differs(conn: Connection, published: PublishedSettings) -> bool:
    """Is `published` not what this workstation holds (a read only, before a write)?"""
    row = conn.execute(select(_TABLE).where(_TABLE.c.id == _ROW)).first()
    if row is None:
        return True
    held = (row.settings, row.version, row.updated_at)
    return held != (_text(published), published.version, published.updated_at)


def keep_published(conn: Connection, published: PublishedSettings, now: datetime) -> None:
    """Store `published` as this workstation's copy."""
    values = {
        "settings": _text(published),
        "version": published.version,
        "updated_at": published.updated_at,
        "received_at": now,
    }
    if conn.execute(select(_TABLE.c.id).where(_TABLE.c.id == _ROW)).first() is None:
        conn.execute(insert(CompanySettingsCopy).values(id=_ROW, **values))
    else:
        conn.execute(
            update(CompanySettingsCopy).where(CompanySettingsCopy.id == _ROW).values(values)
        )


def _text(published: PublishedSettings) -> str:
    return canonical_json(published.settings.to_json())
