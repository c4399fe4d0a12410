"""A small horizontal-label bar chart drawn with QPainter (QtCharts is not in Essentials)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget


class BarChart(QWidget):
    """Vertical bars with the value above each bar and its label below; title on top."""

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[tuple[str, float, str]] = []  # (label, value, value text)
        self.setMinimumSize(QSize(320, 200))

    def set_data(self, title: str, bars: Sequence[tuple[str, float, str]]) -> None:
        self.title, self.bars = title, list(bars)
        self.setAccessibleName(title)
        self.setAccessibleDescription("; ".join(f"{label}: {text}" for label, _v, text in bars))
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def paintEvent(self, event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        line = fm.height()
        w, h = self.width(), self.height()
        # the palette's colours: the chart reads in the light and the dark theme alike
        colours = self.palette()
        text_pen = colours.color(QPalette.ColorRole.WindowText)
        grid_pen = colours.color(QPalette.ColorRole.Mid)
        bar_fill = colours.color(QPalette.ColorRole.Highlight)
        p.setPen(text_pen)
        font = p.font()
        font.setBold(True)
        p.setFont(font)
        p.drawText(QRectF(0, 0, w, line + 4), Qt.AlignmentFlag.AlignLeft, self.title)
        font.setBold(False)
        p.setFont(font)
        top, bottom = line * 2 + 6, h - line - 8
        p.setPen(grid_pen)
        p.drawLine(0, bottom, w, bottom)
        if not self.bars:
            p.setPen(text_pen)
            p.drawText(QRectF(0, top, w, bottom - top), Qt.AlignmentFlag.AlignCenter, "—")
            p.end()
            return
        peak = max(v for _l, v, _t in self.bars) or 1.0
        slot = w / len(self.bars)
        bar_w = max(6.0, slot * 0.6)
        for i, (label, value, text) in enumerate(self.bars):
            x = i * slot + (slot - bar_w) / 2
            height = (bottom - top) * (value / peak)
            p.fillRect(QRectF(x, bottom - height, bar_w, height), bar_fill)
            p.setPen(text_pen)
            p.drawText(
                QRectF(i * slot, bottom - height - line - 2, slot, line),
                Qt.AlignmentFlag.AlignHCenter,
                text,
            )
            shown = fm.elidedText(label, Qt.TextElideMode.ElideRight, int(slot) - 2)
            p.drawText(
                QRectF(i * slot, bottom + 4, slot, line), Qt.AlignmentFlag.AlignHCenter, shown
            )
        p.end()
