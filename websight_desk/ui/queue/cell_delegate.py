"""Draws the queue's flags and verdicts as icons (`ui.icons`, SVG drawn by Qt), never as
emoji that an emoji-less machine shows as empty boxes. The words stay in the model (tooltips,
screen readers); a verdict column wide enough shows its word beside the icon."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QIcon, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from websight_desk.domain.queue_views import QueueRow
from websight_desk.storage.queries import queue_registry
from websight_desk.ui.icons import flag_icon, verdict_icon
from websight_desk.ui.queue.columns import COLUMNS, verdict_label

ICON = 16
GAP = 3
WORDS_FROM = 64  # narrower verdict columns show the icon alone
Index = QModelIndex | QPersistentModelIndex


def _row(index: Index) -> QueueRow | None:
    rows = getattr(index.model(), "rows", None)
    if isinstance(rows, list) and 0 <= index.row() < len(rows):
        row = rows[index.row()]
        return row if isinstance(row, QueueRow) else None
    return None


def _key(index: Index) -> str:
    return COLUMNS[index.column()].key if 0 <= index.column() < len(COLUMNS) else ""


class CellDelegate(QStyledItemDelegate):
    """Icons in the flags column; icon (+ word) in the verdict column; text elsewhere."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        key, row = _key(index), _row(index)
        if row is None:
            return
        if key == "flags":
            option.text = ""
        elif key == "verdict":
            found = verdict_icon(row.verdict)
            wide = option.rect.width() >= WORDS_FROM
            option.text = verdict_label(row.verdict) if wide or found is None else ""
            if found is not None:
                option.icon = found
                option.decorationSize = QSize(ICON, ICON)
                option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        row = _row(index)
        if _key(index) != "flags" or row is None:
            return
        rect: QRect = option.rect
        x = rect.left() + GAP
        y = rect.top() + (rect.height() - ICON) // 2
        mode = (
            QIcon.Mode.Selected
            if option.state & QStyle.StateFlag.State_Selected
            else QIcon.Mode.Normal
        )
        for flag in queue_registry.flags():
            found = flag_icon(flag.info.key) if flag.info.key in row.flags else None
            if found is None:
                continue
            if x + ICON > rect.right():
                break  # the column is too narrow for more; the tooltip lists them all
            found.paint(painter, QRect(x, y, ICON, ICON), Qt.AlignmentFlag.AlignCenter, mode)
            x += ICON + GAP

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        return QSize(hint.width(), max(hint.height(), ICON + 4))


__all__ = ["CellDelegate"]
