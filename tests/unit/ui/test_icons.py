# ruff: noqa: F811
"""Icons are SVG files shipped as package data and drawn by Qt (not emoji drawn by a font that
may be missing); the application icon exists for the window, Windows (.ico) and Linux
(.desktop entry)."""

from __future__ import annotations

import configparser
import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QImage

import websight_desk
from tests.unit.ui.fixtures_ticket import tdesk, tsample  # noqa: F401
from websight_desk.storage.queries import queue_registry
from websight_desk.ui import icons
from websight_desk.ui.icon_build import ICO_SIZES, ico_sizes, png_bytes
from websight_desk.ui.queue.columns import VERDICT, flags_tooltip


def _opaque_share(image: QImage) -> float:
    w, h = image.width(), image.height()
    seen = sum(1 for x in range(w) for y in range(h) if image.pixelColor(x, y).alpha() > 0)
    return seen / (w * h)


@pytest.mark.parametrize("name", icons.names())
def test_every_icon_is_drawn_by_qt(qapp: Any, name: str) -> None:
    for size in (16, 32):
        image = icons.render(icons.ICON_DIR / f"{name}.svg", size).toImage()
        assert image.width() == size
        assert 0.15 < _opaque_share(image) < 1.0  # something drawn, transparent around it
    assert not icons.icon(name).isNull()


def test_flags_and_verdicts_have_icons(qapp: Any) -> None:
    for flag in queue_registry.flags():
        assert icons.flag_icon(flag.info.key) is not None, flag.info.key
    for verdict in VERDICT:
        assert icons.verdict_icon(verdict) is not None, verdict
    # the tooltip shows the flags' SVG icons and words: a symbol is only an image's alt text,
    # never a glyph that needs an emoji font
    tip = flags_tooltip(frozenset(f.info.key for f in queue_registry.flags()))
    assert tip.count("<img ") == len(queue_registry.flags())
    assert ".svg" in tip
    assert not any(ch in re.sub(r"<[^>]+>", "", tip) for ch in "⛔⧗☎⚠")


def test_resources_are_package_data(qapp: Any) -> None:
    # the repository's top-level resources/ (an editable install maps it; a wheel ships it
    # inside the package: tests/e2e/test_packaged_resources.py)
    assert icons.RESOURCES.samefile(Path(websight_desk.__path__[0]).parent / "resources")
    assert {"app.svg", "app.ico", "websight-desk.desktop"} <= {
        p.name for p in icons.RESOURCES.iterdir()
    }


def test_application_icon_window_ico_and_desktop_entry(qapp: Any) -> None:
    app = icons.app_icon()
    assert {16, 32, 256} <= {s.width() for s in app.availableSizes()}
    data = (icons.RESOURCES / "app.ico").read_bytes()
    assert ico_sizes(data) == list(ICO_SIZES)
    assert png_bytes(icons.APP_SVG, 16).startswith(b"\x89PNG")
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(icons.RESOURCES / "websight-desk.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == "websight-desk"
    assert desktop["Icon"] == "websight-desk"
    assert "Name" in desktop
    assert "Comment[tr]" in desktop


@pytest.mark.qt_log_ignore("propagateSizeHints")
def test_header_buttons_of_other_features_are_icons(tdesk: Any, tsample: Any, qtbot: Any) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QToolButton

    from tests.unit.ui.fixtures_ticket import T_NOW
    from tests.unit.ui.window_fixtures import make_window
    from websight_desk.ui.context import UiContext
    from websight_desk.ui.runner import Runner

    win = make_window(UiContext(tdesk, runner=Runner(synchronous=True), now=lambda: T_NOW), qtbot)
    for name in icons.HEADER_ACTIONS:
        button = win.findChild(QToolButton, f"headerAction_{name}")
        assert button is not None, name
        assert button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly
        assert not button.icon().isNull()
        assert button.accessibleName()  # the words stay for screen readers and tooltips
    win.close()
