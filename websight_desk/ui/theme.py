"""The app's look: a light and a dark scheme (`resources/theme.toml`) as a Qt palette plus a
small style sheet (`resources/theme.qss`), following the OS's colour scheme as it changes.

apply_theme(app)            # at start; again whenever the OS switches light/dark
set_tone(label, "muted")    # a widget's tone in the theme: heading, title, muted, small, error…

`WEBSIGHT_DESK_THEME=light|dark` forces a scheme (screenshots, or an OS that reports none).
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from functools import cache
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from websight_desk.ui.icons import RESOURCES

THEME_ENV = "WEBSIGHT_DESK_THEME"
SCHEMES = ("light", "dark")
# Type scale, as factors of the OS's body font: small print, body, section title, the verdict.
TYPE_SCALE = {"font_small": 0.9, "font_title": 1.3, "font_display": 1.55}


@dataclass(frozen=True)
class Theme:
    """One scheme's colours (name -> "#rrggbb") and the style sheet built from them."""

    scheme: str
    colours: dict[str, str]
    sheet: str

    def colour(self, name: str) -> QColor:
        return QColor(self.colours[name])


@cache
def load_colours() -> dict[str, dict[str, str]]:
    """Both schemes' colours as shipped (`theme.toml`)."""
    with (RESOURCES / "theme.toml").open("rb") as f:
        data = tomllib.load(f)
    return {scheme: dict(data[scheme]) for scheme in SCHEMES}


def build(scheme: str, body_pt: float) -> Theme:
    """The theme of `scheme` for a body font of `body_pt` points."""
    colours = load_colours()[scheme]
    sizes = {k: f"{max(7.0, body_pt * f):.1f}pt" for k, f in TYPE_SCALE.items()}
    template = Template((RESOURCES / "theme.qss").read_text(encoding="utf-8"))
    return Theme(scheme, colours, template.substitute(colours, **sizes))


def os_scheme() -> str:
    """The scheme to use: forced by `WEBSIGHT_DESK_THEME`, else the OS's (light if unknown)."""
    forced = os.environ.get(THEME_ENV, "").strip().lower()
    if forced in SCHEMES:
        return forced
    dark = QGuiApplication.styleHints().colorScheme() == Qt.ColorScheme.Dark
    return "dark" if dark else "light"


def palette(theme: Theme) -> QPalette:
    """A Qt palette of the theme's colours (every colour group; disabled text greyed)."""
    c = theme.colour
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "window",
        QPalette.ColorRole.WindowText: "text",
        QPalette.ColorRole.Base: "base",
        QPalette.ColorRole.AlternateBase: "alt_base",
        QPalette.ColorRole.Text: "text",
        QPalette.ColorRole.Button: "button",
        QPalette.ColorRole.ButtonText: "text",
        QPalette.ColorRole.Highlight: "accent",
        QPalette.ColorRole.HighlightedText: "accent_text",
        QPalette.ColorRole.ToolTipBase: "tooltip",
        QPalette.ColorRole.ToolTipText: "tooltip_text",
        QPalette.ColorRole.PlaceholderText: "faint",
        QPalette.ColorRole.Link: "link",
        QPalette.ColorRole.LinkVisited: "link",
        QPalette.ColorRole.BrightText: "error",
        QPalette.ColorRole.Mid: "border",
        QPalette.ColorRole.Dark: "border",
    }
    for role, name in roles.items():
        pal.setColor(role, c(name))
    light = c("window").lighter(112) if theme.scheme == "dark" else QColor("#ffffff")
    pal.setColor(QPalette.ColorRole.Light, light)
    pal.setColor(QPalette.ColorRole.Midlight, c("button").lighter(108))
    pal.setColor(QPalette.ColorRole.Shadow, QColor("#000000"))
    disabled = QPalette.ColorGroup.Disabled
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        pal.setColor(disabled, role, c("faint"))
    pal.setColor(disabled, QPalette.ColorRole.Highlight, c("border"))
    return pal


_state: dict[str, object] = {}


def apply_theme(app: QApplication, scheme: str | None = None) -> Theme:
    """Give `app` the theme of `scheme` (default: the OS's) and follow the OS from now on."""
    if "body_pt" not in _state:
        app.setStyle("Fusion")  # the one style that draws a given palette the same everywhere
        _state["body_pt"] = app.font().pointSizeF()
        app.styleHints().colorSchemeChanged.connect(lambda _s: apply_theme(app))
    body_pt = _state["body_pt"]
    assert isinstance(body_pt, float)
    theme = build(scheme or os_scheme(), body_pt)
    app.setPalette(palette(theme))
    app.setStyleSheet(theme.sheet)
    _state["theme"] = theme
    return theme


def current() -> Theme:
    """The theme applied last (the light one before any)."""
    theme = _state.get("theme")
    return theme if isinstance(theme, Theme) else build("light", 9.0)


def set_tone(widget: QWidget, tone: str | None) -> None:
    """Give `widget` a tone of the style sheet (or none) and restyle it at once."""
    widget.setProperty("tone", tone)
    restyle(widget)


def restyle(widget: QWidget) -> None:
    """Re-apply the style sheet after a property it is selected by changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def clear_theme(app: QApplication) -> None:
    """Back to the style's own palette and no style sheet (tests)."""
    app.setStyleSheet("")
    app.setPalette(app.style().standardPalette())
    _state.pop("theme", None)
