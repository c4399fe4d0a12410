"""Tools → Company KVKK settings…: the server's settings, read-only, in Turkish and English."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QWidget

from websight_desk import i18n
from websight_desk.domain.company import CompanySettings, PublishedSettings
from websight_desk.services.desk import Desk
from websight_desk.services.kvkk_settings import settings_overview
from websight_desk.storage.company_settings import keep_published
from websight_desk.ui.callbacks.company_dialog import CompanySettingsDialog, show_company_settings
from websight_desk.ui.context import UiContext

SHOTS = os.environ.get("WEBSIGHT_DESK_SHOTS", "")
CHANGED = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)


def _publish(desk: Desk, settings: CompanySettings) -> None:
    with desk.db.write() as conn:
        keep_published(conn, PublishedSettings(settings, 3, CHANGED), CHANGED)


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}-{i18n.current_language()}.png"))


def test_before_any_sync_it_says_the_workstation_uses_its_own(ctx: UiContext, qtbot: Any) -> None:
    dialog = CompanySettingsDialog(settings_overview(ctx.desk))
    qtbot.addWidget(dialog)
    assert "henüz" in dialog.value_of("settingsSource")
    assert dialog.value_of("callbackRetention") == "365 gün"
    assert dialog.value_of("storeLocation") == "Kaydedilmedi"
    assert dialog.value_of("lastPurge") == "Kayıtlı bir çalışma yok"


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_the_servers_settings_are_shown(ctx: UiContext, qtbot: Any, lang: str) -> None:
    i18n.set_language(lang)
    _publish(
        ctx.desk,
        CompanySettings(
            retention_days={"callback_notes": 400},
            notes_limit=800,
            central_store_location="Almanya (Frankfurt)",
        ),
    )
    dialog = CompanySettingsDialog(settings_overview(ctx.desk))
    qtbot.addWidget(dialog)
    dialog.resize(dialog.sizeHint())
    _shot(dialog, "company-settings")
    days = {"tr": "400 gün", "en": "400 days"}[lang]
    assert dialog.value_of("callbackRetention") == days
    assert "800" in dialog.value_of("notesLimit")
    assert dialog.value_of("storeLocation") == "Almanya (Frankfurt)"
    assert "9" in dialog.value_of("transferMechanism")  # KVKK Art. 9
    assert dialog.value_of("transferWarning")
    assert "3" in dialog.value_of("settingsSource")
    assert "websight-desk-server settings set" in dialog.value_of("settingsHint")


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, when a window is shown
def test_the_tools_action_opens_it(ctx: UiContext, qtbot: Any) -> None:
    _publish(ctx.desk, CompanySettings(central_store_location="Türkiye (İstanbul)"))
    parent = QWidget()
    qtbot.addWidget(parent)
    show_company_settings(ctx, parent)
    dialogs = [
        w for w in QApplication.topLevelWidgets() if isinstance(w, CompanySettingsDialog)
    ] + parent.findChildren(CompanySettingsDialog)
    assert dialogs
    dialog = dialogs[0]
    assert dialog.value_of("transferMechanism") == "Yok (yurt dışına aktarım yok)"
    assert not dialog.value_of("transferWarning")
    dialog.close()
