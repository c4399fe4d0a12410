"""The support shift of a moment: the regular team 09:00–18:00 Istanbul time, on-call otherwise."""

from __future__ import annotations

from datetime import datetime, time
from zoneinfo import ZoneInfo

from websight_desk.domain.callbacks import Shift

ISTANBUL = ZoneInfo("Europe/Istanbul")
REGULAR_HOURS = (time(9, 0), time(18, 0))


def shift_for(when: datetime) -> Shift:
    """Regular between 09:00 and 18:00 Istanbul time; on-call otherwise."""
    local = when.astimezone(ISTANBUL).time()
    start, end = REGULAR_HOURS
    return Shift.REGULAR if start <= local < end else Shift.ON_CALL
