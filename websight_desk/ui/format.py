"""Dates, ages and numbers for display: Istanbul time, formatted by babel in the UI language.

Stored times are UTC; people read them in Europe/Istanbul ("3 saat önce", "26.11.2026 15:52").
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from babel.dates import format_datetime, format_time, format_timedelta
from babel.numbers import format_decimal

from websight_desk.i18n import _, babel_locale

ISTANBUL = ZoneInfo("Europe/Istanbul")
JUST_NOW = timedelta(seconds=45)


def to_istanbul(moment: datetime) -> datetime:
    """The same instant on Istanbul's wall clock."""
    return moment.astimezone(ISTANBUL)


def age(moment: datetime, now: datetime) -> str:
    """How long ago, in words: "3 saat önce" / "3 hours ago"."""
    delta = moment - now
    if abs(delta) < JUST_NOW:
        return _("just now")
    return str(format_timedelta(delta, add_direction=True, locale=babel_locale()))


def date_time(moment: datetime) -> str:
    """Short date and time in Istanbul: "26.11.2026 15:52" / "26/11/2026, 15:52"."""
    return str(format_datetime(moment, "short", tzinfo=ISTANBUL, locale=babel_locale()))


def clock(moment: datetime) -> str:
    """Hours and minutes in Istanbul: "15:52"."""
    return str(format_time(moment, "short", tzinfo=ISTANBUL, locale=babel_locale()))


def number(value: int | float) -> str:
    """A number with the language's grouping: "100.000" / "100,000"."""
    return str(format_decimal(value, locale=babel_locale()))
