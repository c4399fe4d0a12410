"""The policy panel's shift: which team handles the ticket now, and the Istanbul time."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from websight_desk.i18n import _
from websight_desk.policy.model import Shift
from websight_desk.ui.context import UiContext
from websight_desk.ui.format import clock
from websight_desk.ui.policy.labels import SHIFT
from websight_desk.ui.policy.sections import heading, plain_label, section_layout

TICK_MS = 60_000  # the clock on screen moves once a minute


class ShiftView(QWidget):
    """ "Regular team (regular hours 09:00–18:00) · Istanbul 14:05", hours from the ruleset;
    hidden until a shift is shown."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("shiftSection")
        self._shift: Shift | None = None
        self.heading = heading("shiftHeading")
        self.label = plain_label("shift")
        lay = section_layout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.label)
        self._clock = QTimer(self)
        self._clock.setInterval(TICK_MS)
        self._clock.timeout.connect(self._render)
        self._clock.start()
        self.retranslate()

    def show_shift(self, shift: Shift | None) -> None:
        self._shift = shift
        self.setVisible(shift is not None)
        self._render()

    def retranslate(self) -> None:
        self.heading.setText(_("Shift"))
        self._render()

    def _render(self) -> None:
        if self._shift is None:
            return
        rs = self.ctx.ruleset
        hours = f"{rs.regular_start:%H:%M}–{rs.regular_end:%H:%M}"
        self.label.setText(
            _("{team} (regular hours {hours}) · Istanbul {time}").format(
                team=_(SHIFT[self._shift]), hours=hours, time=clock(self.ctx.now())
            )
        )
