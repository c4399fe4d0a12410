"""The support shift of a moment: the regular team in office hours, on-call otherwise.

The hours are policy data (`[settings]` of policy/data/policy.toml: `timezone`,
`regular_start`, `regular_end`); the loaded ruleset carries them as `ShiftHours`.
`DEFAULT_HOURS` equals the packaged policy's (a test keeps them equal) for the callers that
have no ruleset at hand, such as the callback rules checked on the server.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time
from enum import StrEnum
from zoneinfo import ZoneInfo


class Shift(StrEnum):
    """Stored in callbacks and synced: never rename."""

    REGULAR = "regular"
    ON_CALL = "on_call"


@dataclass(frozen=True, slots=True)
class ShiftHours:
    """The regular team works [start, end) local time in `timezone`, every day."""

    timezone: ZoneInfo
    start: time
    end: time


ISTANBUL = ZoneInfo("Europe/Istanbul")
DEFAULT_HOURS = ShiftHours(ISTANBUL, time(9, 0), time(18, 0))


def shift_for(when: datetime, hours: ShiftHours = DEFAULT_HOURS) -> Shift:
    """Regular between the start and end of the regular hours (local time); on-call otherwise."""
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError("the moment must be a timezone-aware datetime")
    local = when.astimezone(hours.timezone).time()
    return Shift.REGULAR if hours.start <= local < hours.end else Shift.ON_CALL
