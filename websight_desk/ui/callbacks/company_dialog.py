"""Tools → Company KVKK settings…: what the company decided, read-only (KVKK rule 10).

Retention periods, the notes limit, request deadline, where the central store lives and how
data is transferred there, and when the destruction job last ran. The values come from the
sync server (`services.kvkk_settings.settings_overview`); they are changed on the server
with `websight-desk-server settings set`, never here.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.abuse import RETENTION_CLASS as ABUSE_EVIDENCE
from websight_desk.domain.callbacks import RETENTION_CALLBACK_NOTES
from websight_desk.i18n import _, ngettext
from websight_desk.services.kvkk_settings import SettingsOverview, settings_overview
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.format import date_time

SET_COMMAND = "websight-desk-server settings set KEY VALUE"


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def _label(text: str, parent: QWidget, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    return label


def _source(view: SettingsOverview) -> str:
    if view.published is None:
        return _(
            "This workstation has not received the company's settings from a sync server "
            "yet; it uses its own settings until it does."
        )
    if view.published.version == 0 or view.published.updated_at is None:
        return _("From the sync server: its defaults (nothing was changed there yet).")
    return _("From the sync server: version {version}, changed {when}.").format(
        version=view.published.version, when=date_time(view.published.updated_at)
    )


def _rows(view: SettingsOverview) -> list[tuple[str, str, str]]:
    """(object name, label, value) of each line of the form."""
    s = view.settings
    location = s.central_store_location or _("Not recorded")
    if s.transfer_mechanism:
        transfer = s.transfer_mechanism
    elif s.store_abroad:
        transfer = _("None recorded — required for a store outside Türkiye (KVKK Art. 9)")
    else:
        transfer = _("None (no transfer abroad)")
    purge = date_time(view.last_purge_at) if view.last_purge_at else _("No run recorded")
    foreign = _("Allowed") if s.allow_foreign_numbers else _("Not allowed")
    return [
        (
            "callbackRetention",
            _("Callback notes kept for"),
            _days(s.retention_days[RETENTION_CALLBACK_NOTES]),
        ),
        ("abuseRetention", _("Abuse evidence kept for"), _days(s.retention_days[ABUSE_EVIDENCE])),
        (
            "notesLimit",
            _("Call notes limited to"),
            ngettext("{n} character", "{n} characters", s.notes_limit).format(n=s.notes_limit),
        ),
        ("foreignNumbers", _("Foreign phone numbers"), foreign),
        ("requestDays", _("KVKK requests answered within"), _days(s.request_days)),
        ("purgeLogDays", _("Destruction logs kept for"), _days(s.purge_log_days)),
        ("storeLocation", _("Central store location"), location),
        ("transferMechanism", _("Transfer mechanism"), transfer),
        ("lastPurge", _("Destruction job last ran"), purge),
    ]


class CompanySettingsDialog(QDialog):
    """A read-only form of the settings in `view`."""

    def __init__(self, view: SettingsOverview, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companySettingsDialog")
        self.setWindowTitle(_("Company KVKK settings"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        layout.addWidget(_label(_source(view), self, "settingsSource"))
        form = QFormLayout()
        for name, text, value in _rows(view):
            field = _label(value, self, name)
            form.addRow(text, field)
        layout.addLayout(form)
        if view.settings.transfer_missing:
            warning = _(
                "⚠ The central store is outside Türkiye but no transfer mechanism is recorded."
            )
            layout.addWidget(_label(warning, self, "transferWarning"))
        hint = _("Administrators change these on the sync server:\n{command}").format(
            command=SET_COMMAND
        )
        layout.addWidget(_label(hint, self, "settingsHint"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def value_of(self, name: str) -> str:
        """The text shown for one setting (by object name), for tests and screenshots."""
        label = self.findChild(QLabel, name)
        return label.text() if label is not None else ""


def show_company_settings(ctx: UiContext, parent: QWidget | None = None) -> None:
    """Read the settings off the GUI thread, then show them."""

    def done(view: SettingsOverview) -> None:
        dialog = CompanySettingsDialog(view, parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    ctx.runner.run(lambda: settings_overview(ctx.desk), done, lambda e: report(e, parent))
