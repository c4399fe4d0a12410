"""The callback dialog's data, read in the runner (never on the GUI thread), and its defaults.

`load_job` reads the company settings, the profile numbers, the current notice and consent
texts and when the ticket began; `default_times` puts the call's start no earlier than the
ticket's first message and never in the future; `no_notice_question` asks before a call is
logged as "reached" without the KVKK notice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtWidgets import QMessageBox, QWidget

from websight_desk.domain.callbacks import TextKind
from websight_desk.domain.company import CompanySettings
from websight_desk.i18n import _
from websight_desk.services.callback_views import ProfileNumber, profile_numbers
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


def no_notice_question(parent: QWidget) -> QMessageBox:
    """ "Reached, but no notice given: save anyway?" — Yes / No, No is the default."""
    box = QMessageBox(parent)
    box.setObjectName("callbackNoNoticeQuestion")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("KVKK notice not given"))
    box.setText(
        _(
            "You reached the person, but the KVKK notice is not marked as given. "
            "Save this call without the notice?"
        )
    )
    box.setInformativeText(
        _(
            "The law asks for the notice before anything from the call is noted. Choose No "
            "to go back, read the notice to the person and tick it."
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.button(QMessageBox.StandardButton.Yes).setText(_("Save without the notice"))
    box.button(QMessageBox.StandardButton.No).setText(_("No, go back"))
    box.setDefaultButton(QMessageBox.StandardButton.No)
    box.setEscapeButton(QMessageBox.StandardButton.No)
    return box
