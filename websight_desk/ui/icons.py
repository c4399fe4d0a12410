"""Icons drawn by Qt from the SVG files shipped as package data (`resources/` at the top of the
repository, installed as `websight_desk.resources`).

Flags, verdicts and actions used to be emoji (⛔ ⧗ ☎), drawn by whatever font the machine has:
without an emoji font (Symbola) they were empty boxes. `QSvgRenderer` (QtSvg, part of
PySide6-Essentials) draws these the same everywhere, at every size and screen scale.

icon("flag_abuse")       # a QIcon (16…256 px); KeyError for an unknown name
app_icon()               # the application icon (window, taskbar, dialogs)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtGui import QAction, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QToolButton

import websight_desk.resources

# The package's folder: inside a wheel, or the repository's resources/ under `pip install -e .`
# (setup.py maps it); Qt reads plain paths.
RESOURCES = Path(websight_desk.resources.__file__).resolve().parent
ICON_DIR = RESOURCES / "icons"
APP_SVG = RESOURCES / "app.svg"
SIZES = (16, 20, 24, 32, 48, 64)
APP_SIZES = (16, 24, 32, 48, 64, 128, 256)

# Queue flag keys (`storage.queries.queue_registry.FLAGS`) and policy verdicts -> icon names.
FLAG_ICONS = {
    "refused": "flag_refused",
    "abuse": "flag_abuse",
    "kvkk_request": "flag_kvkk",
    "callback": "flag_callback",
}
HEADER_ACTIONS = {"endForAbuse": "action_end", "callBack": "flag_callback"}
VERDICT_ICONS = {
    "in_scope": "verdict_in_scope",
    "out_of_scope": "verdict_out_of_scope",
    "redirect": "verdict_redirect",
}


def names() -> list[str]:
    """Every icon shipped, by name."""
    return sorted(p.stem for p in ICON_DIR.glob("*.svg"))


def render(svg: Path, size: int, scale: float = 1.0) -> QPixmap:
    """The SVG drawn at `size` × `size` logical pixels (a transparent background)."""
    renderer = QSvgRenderer(QByteArray(svg.read_bytes()))
    if not renderer.isValid():
        raise ValueError(f"not a valid SVG: {svg}")
    px = round(size * scale)
    pixmap = QPixmap(QSize(px, px))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    pixmap.setDevicePixelRatio(scale)
    return pixmap


def _icon(svg: Path, sizes: tuple[int, ...]) -> QIcon:
    result = QIcon()
    for size in sizes:
        result.addPixmap(render(svg, size))
        result.addPixmap(render(svg, size, 2.0))  # sharp on high-density screens
    return result


@cache
def icon(name: str) -> QIcon:
    """The icon `name` (a file of resources/icons without `.svg`)."""
    svg = ICON_DIR / f"{name}.svg"
    if not svg.is_file():
        raise KeyError(name)
    return _icon(svg, SIZES)


@cache
def app_icon() -> QIcon:
    return _icon(APP_SVG, APP_SIZES)


def header_button_icon(action: QAction, button: QToolButton) -> None:
    """A ticket-header button of another feature (by its action's name) drawn as its icon,
    the words in the tooltip and the accessible name; others keep their text."""
    name = HEADER_ACTIONS.get(action.objectName())
    if name is not None:
        action.setIcon(icon(name))
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)


def flag_icon(key: str) -> QIcon | None:
    name = FLAG_ICONS.get(key)
    return icon(name) if name else None


def verdict_icon(verdict: str | None) -> QIcon | None:
    name = VERDICT_ICONS.get(verdict or "")
    return icon(name) if name else None


__all__ = [
    "APP_SVG",
    "FLAG_ICONS",
    "RESOURCES",
    "VERDICT_ICONS",
    "app_icon",
    "flag_icon",
    "header_button_icon",
    "icon",
    "names",
    "render",
    "verdict_icon",
]
