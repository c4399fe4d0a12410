"""UI test fixtures: a sample workspace, a synchronous runner, no real profile or dialogs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from tests.unit.ui.sample import NOW, Sample, build
from websight_desk import i18n
from websight_desk.services.desk import Desk, open_desk
from websight_desk.ui import errors
from websight_desk.ui.context import UiContext
from websight_desk.ui.runner import Runner


@pytest.fixture(autouse=True)
def _ui_isolation(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[tuple[Any, ...]]]:
    """QSettings in a temp dir, error boxes captured, Turkish at the start of every test."""
    settings_dir = tmp_path_factory.mktemp("qsettings")
    for scope in (QSettings.Scope.UserScope, QSettings.Scope.SystemScope):
        QSettings.setPath(QSettings.Format.IniFormat, scope, str(settings_dir))
        QSettings.setPath(QSettings.Format.NativeFormat, scope, str(settings_dir))
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    reported: list[tuple[Any, ...]] = []
    errors.set_presenter(lambda *args: reported.append(args))
    i18n.set_language("tr")
    yield reported
    errors.set_presenter(None)
    i18n.set_language("tr")


@pytest.fixture
def reported(_ui_isolation: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return _ui_isolation


@pytest.fixture
def ui_desk(tmp_path: Path) -> Iterator[Desk]:
    d = open_desk(tmp_path / "ui-ws", with_triage=False)
    yield d
    d.close()


@pytest.fixture
def sample(ui_desk: Desk) -> Sample:
    return build(ui_desk)


@pytest.fixture
def ctx(ui_desk: Desk, sample: Sample, qapp: Any) -> UiContext:
    return UiContext(ui_desk, runner=Runner(synchronous=True), now=lambda: NOW)
