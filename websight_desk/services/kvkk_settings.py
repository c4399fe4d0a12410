"""KVKK settings with defaults: retention per record kind, limits, deadlines (counsel's call).

Retention days live in `Settings.retention_days`; the rest in `Settings.extra["kvkk"]`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from websight_desk.domain.callbacks import RETENTION_CALLBACK_NOTES
from websight_desk.settings import Settings

DEFAULT_RETENTION_DAYS = {RETENTION_CALLBACK_NOTES: 365, "abuse_evidence": 730}


@dataclass(frozen=True, slots=True)
class KvkkSettings:
    retention_days: dict[str, int]
    notes_limit: int = 1000
    allow_foreign_numbers: bool = False
    request_days: int = 30
    purge_log_days: int = 3 * 366  # destruction logs are kept at least three years

    def retention(self, record_class: str) -> timedelta:
        days = self.retention_days.get(record_class, DEFAULT_RETENTION_DAYS.get(record_class))
        if days is None:
            raise KeyError(f"no retention period for {record_class!r}")
        return timedelta(days=int(days))


def kvkk_settings(settings: Settings) -> KvkkSettings:
    """The effective KVKK settings of a workspace."""
    extra: dict[str, Any] = dict(settings.extra.get("kvkk") or {})
    retention = {**DEFAULT_RETENTION_DAYS, **(settings.retention_days or {})}
    return KvkkSettings(
        retention_days=retention,
        notes_limit=int(extra.get("notes_limit", 1000)),
        allow_foreign_numbers=bool(extra.get("allow_foreign_numbers", False)),
        request_days=int(extra.get("request_days", 30)),
        purge_log_days=int(extra.get("purge_log_days", 3 * 366)),
    )
