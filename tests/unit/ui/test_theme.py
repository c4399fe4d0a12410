"""The theme (resources/theme.toml + theme.qss) loads in light and dark, its text colours read
(WCAG contrast >= 4.5:1 against their background), and the verdict takes its colours."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from websight_desk.policy import load_ruleset
from websight_desk.policy.model import Decision, Shift, Verdict
from websight_desk.ui import theme
from websight_desk.ui.policy.verdict_view import VerdictView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, a top-level grabbed

# (text colour, background) pairs of each scheme that must read as body text does.
PAIRS = [
    ("text", "window"),
    ("text", "base"),
    ("muted", "window"),
    ("muted", "base"),
    ("faint", "window"),
    ("faint", "base"),
    ("heading", "window"),
    ("error", "window"),
    ("error", "base"),
    ("link", "base"),
    ("accent_text", "accent"),
    ("tooltip_text", "tooltip"),
    ("warn_ink", "warn_bg"),
    ("text", "note_bg"),
    ("paper_text", "paper"),
    ("abuse_ink", "abuse_bg"),
    *((f"{v.value}_ink", f"{v.value}_bg") for v in Verdict),
]


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two sRGB colours."""

    def luminance(hex_colour: str) -> float:
        c = QColor(hex_colour)
        channels = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            channels.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
        r, g, b_ = channels
        return 0.2126 * r + 0.7152 * g + 0.0722 * b_

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    theme.clear_theme(qapp)


def test_contrast_formula():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("scheme", theme.SCHEMES)
@pytest.mark.parametrize(("ink", "ground"), PAIRS)
def test_text_colours_meet_the_contrast_ratio(scheme: str, ink: str, ground: str):
    colours = theme.load_colours()[scheme]
    ratio = contrast(colours[ink], colours[ground])
    assert ratio >= 4.5, f"{scheme}: {ink} on {ground} is {ratio:.2f}:1"


def test_verdict_tints_differ_by_more_than_hue_in_each_scheme():
    # Colour only helps (symbol and word carry the verdict), but the three tints must not be
    # one colour: every pair of verdict inks differs.
    for scheme in theme.SCHEMES:
        colours = theme.load_colours()[scheme]
        inks = {colours[f"{v.value}_ink"] for v in Verdict}
        assert len(inks) == len(Verdict)


@pytest.mark.parametrize("scheme", theme.SCHEMES)
def test_theme_loads_into_the_application(app: QApplication, scheme: str):
    applied = theme.apply_theme(app, scheme)
    assert applied.scheme == scheme
    assert theme.current() is applied
    sheet = app.styleSheet()
    assert "$" not in sheet
    assert 'QLabel#verdict[verdict="in_scope"]' in sheet
    window = app.palette().color(QPalette.ColorRole.Window).name()
    assert window == theme.load_colours()[scheme]["window"]
    # The type scale follows the body font: the verdict's display size is above it.
    assert f"font-size: {app.font().pointSizeF() * theme.TYPE_SCALE['font_display']:.1f}pt" in (
        sheet
    )


def test_forced_scheme_and_os_scheme(monkeypatch: pytest.MonkeyPatch, app: QApplication):
    monkeypatch.setenv(theme.THEME_ENV, "dark")
    assert theme.os_scheme() == "dark"
    monkeypatch.setenv(theme.THEME_ENV, "light")
    assert theme.os_scheme() == "light"
    monkeypatch.delenv(theme.THEME_ENV)
    os_dark = QGuiApplication.styleHints().colorScheme().name == "Dark"
    assert theme.os_scheme() == ("dark" if os_dark else "light")


def _decision(verdict: Verdict) -> Decision:
    return Decision(
        verdict=verdict,
        clauses=("support.continuity",),
        actions=(),
        discretion=False,
        abuse=True,
        shift=Shift.REGULAR,
        evidence=(),
        ruleset_version="test",
        at=datetime(2026, 12, 3, 10, 0, tzinfo=UTC),
    )


@pytest.mark.parametrize("scheme", theme.SCHEMES)
def test_verdict_is_drawn_in_the_themes_colours(qtbot, app: QApplication, scheme: str):
    theme.apply_theme(app, scheme)
    colours = theme.load_colours()[scheme]
    view = VerdictView()
    qtbot.addWidget(view)
    view.resize(360, 400)
    ruleset = load_ruleset()
    for verdict in Verdict:
        view.show_decision(_decision(verdict), ruleset)
        image = view.verdict.grab().toImage()
        inside = image.pixelColor(image.width() // 2, 2).name()
        assert inside == colours[f"{verdict.value}_bg"], (scheme, verdict)
        assert (
            view.verdict.palette().color(QPalette.ColorRole.WindowText).name()
            == (colours[f"{verdict.value}_ink"])
        )
        # Symbol and word: never colour alone.
        assert view.verdict.text()[0] in "✔⊘↪"
    # The abuse note reads in this scheme too.
    abuse = view.abuse.grab().toImage()
    assert abuse.pixelColor(abuse.width() // 2, 2).name() == colours["abuse_bg"]
