"""The callback dialog's data, read in the runner (never on the GUI thread), and its defaults.

`load_job` reads the company settings, the profile numbers, the current notice and consent
texts and when the ticket began; `default_times` puts the call's start no earlier than the
ticket's first message and never in the future; `save_job` stores the callback with, for a
call reached without the KVKK notice, the reason the agent chose.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from websight_desk.domain.callbacks import LogCallback, TextKind
from websight_desk.domain.company import CompanySettings
from websight_desk.services.callback_notice import NoNoticeWhy, record_no_notice
from websight_desk.services.callback_views import ProfileNumber, profile_numbers
from websight_desk.services.callbacks import log_callback
from websight_desk.services.desk import Desk
from websight_desk.services.kvkk import TextVersion, company_settings, current_text
from websight_desk.storage.queries.callback_form import first_message_at

DEFAULT_LENGTH = timedelta(minutes=5)


@dataclass(frozen=True)
class CallbackForm:
    settings: CompanySettings
    numbers: list[ProfileNumber]
    notice_text: TextVersion
    consent_text: TextVersion
    ticket_began_at: datetime | None  # the first message (None: the ticket is not here)


def load_job(desk: Desk, ticket_id: str, lang: str) -> Callable[[], CallbackForm]:
    """A runner job reading everything the dialog shows, in one snapshot."""

    def job() -> CallbackForm:
        settings = company_settings(desk)
        with desk.db.read() as conn:
            return CallbackForm(
                settings,
                profile_numbers(conn, ticket_id),
                current_text(conn, TextKind.NOTICE, lang),
                current_text(conn, TextKind.RECORDING_CONSENT, lang),
                first_message_at(conn, ticket_id),
            )

    return job


def default_times(now: datetime, began: datetime | None) -> tuple[datetime, datetime]:
    """(start, end) proposed for a call just made: five minutes up to now, but never before
    the ticket's first message and never in the future."""
    start = now - DEFAULT_LENGTH
    if began is not None and began > start:
        start = min(began, now)
    return start, now


def save_job(
    desk: Desk, cmd: LogCallback, cfg: CompanySettings, no_notice: NoNoticeWhy | None
) -> Callable[[], str]:
    """A runner job storing the callback (and why the notice was not given, if it was not)
    in one transaction; returns the callback id."""

    def job() -> str:
        with desk.writer() as w:
            callback_id = log_callback(w, cmd, cfg)
            if no_notice is not None:
                record_no_notice(w, callback_id, no_notice)
            return callback_id

    return job
