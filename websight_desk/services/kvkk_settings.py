"""The KVKK settings a workstation works with: the server's when it has them, else its own.

The company's settings (`domain.company.CompanySettings`) are held by the sync server and
copied to the workstation at each sync (`sync.company`). A workstation that has never synced
uses `settings.json` (`Settings.retention_days` and `Settings.extra["kvkk"]`) or the defaults.
`company_settings(desk)` is what the use cases and dialogs call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, func, select

from websight_desk.domain.company import DEFAULT_RETENTION_DAYS, CompanySettings, PublishedSettings
from websight_desk.domain.errors import StorageProblem
from websight_desk.settings import SETTINGS_FILE, Settings
from websight_desk.storage.company_settings import read_published, received_at
from websight_desk.storage.models import KvkkPurgeRun

if TYPE_CHECKING:
    from websight_desk.services.desk import Desk

KvkkSettings = CompanySettings  # the name the use cases were written with

__all__ = [
    "DEFAULT_RETENTION_DAYS",
    "CompanySettings",
    "KvkkSettings",
    "SettingsOverview",
    "company_settings",
    "effective_settings",
    "kvkk_settings",
    "settings_overview",
]


def kvkk_settings(settings: Settings) -> CompanySettings:
    """The KVKK settings of this workstation's `settings.json` (or the defaults)."""
    extra: dict[str, Any] = dict(settings.extra.get("kvkk") or {})
    try:
        return CompanySettings(
            retention_days={**DEFAULT_RETENTION_DAYS, **(settings.retention_days or {})},
            notes_limit=extra.get("notes_limit", 1000),
            allow_foreign_numbers=extra.get("allow_foreign_numbers", False),
            request_days=extra.get("request_days", 30),
            purge_log_days=extra.get("purge_log_days", 3 * 366),
        )
    except ValueError as exc:
        raise StorageProblem(
            f"The KVKK settings in {SETTINGS_FILE} are not valid: {exc}",
            hint="Correct the value or remove it to use the default.",
        ) from exc


def effective_settings(conn: Connection, settings: Settings) -> CompanySettings:
    """The server's settings as last synced, else those of `settings.json`."""
    published = read_published(conn)
    return published.settings if published is not None else kvkk_settings(settings)


def company_settings(desk: Desk) -> CompanySettings:
    """The settings that apply on this workspace now (one small read of the local store)."""
    with desk.db.read() as conn:
        return effective_settings(conn, desk.settings)


@dataclass(frozen=True)
class SettingsOverview:
    """What the admins' "Company KVKK settings" window shows."""

    settings: CompanySettings  # in force on this workstation
    published: PublishedSettings | None  # None: never received from a server
    received_at: datetime | None
    last_purge_at: datetime | None  # the latest destruction job this workstation knows of


def settings_overview(desk: Desk) -> SettingsOverview:
    with desk.db.read() as conn:
        published = read_published(conn)
        settings = published.settings if published else kvkk_settings(desk.settings)
        return SettingsOverview(
            settings,
            published,
            received_at(conn),
            conn.execute(select(func.max(KvkkPurgeRun.created_at))).scalar_one_or_none(),
        )
