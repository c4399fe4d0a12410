"""Which queue columns are shown, in which order and how wide: chosen by the agent (the
header's context menu, or View ▸ Queue columns), remembered in the workspace settings.

The state is kept by column key, not by position, so a column added in a later version takes
its default place instead of scrambling what was remembered.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu

from websight_desk.i18n import _
from websight_desk.ui.queue.columns import COLUMNS, INDEX

MIN_WIDTH = 24
SAVE_DELAY_MS = 500


def header_state(header: QHeaderView) -> dict[str, Any]:
    """Order (visual), hidden columns and widths, by key: JSON for the settings."""
    order = sorted(COLUMNS, key=lambda c: header.visualIndex(INDEX[c.key]))
    return {
        "order": [c.key for c in order],
        "hidden": [c.key for c in COLUMNS if header.isSectionHidden(INDEX[c.key])],
        "widths": {
            c.key: header.sectionSize(INDEX[c.key])
            for c in COLUMNS
            if not header.isSectionHidden(INDEX[c.key])
        },
    }


def apply_state(header: QHeaderView, state: object) -> None:
    """The defaults, then whatever of `state` is still valid (unknown keys are ignored)."""
    data = state if isinstance(state, dict) else {}
    order = [k for k in data.get("order", []) if k in INDEX]
    order += [c.key for c in COLUMNS if c.key not in order]
    for visual, key in enumerate(order):
        header.moveSection(header.visualIndex(INDEX[key]), visual)
    hidden = data.get("hidden")
    hidden_keys = (
        {k for k in hidden if k in INDEX}
        if isinstance(hidden, list)
        else {c.key for c in COLUMNS if not c.shown}
    )
    hidden_keys.discard("subject")  # never lose the subject
    widths = data.get("widths", {})
    for c in COLUMNS:
        header.setSectionHidden(INDEX[c.key], c.key in hidden_keys)
        width = widths.get(c.key) if isinstance(widths, dict) else None
        ok = isinstance(width, int) and MIN_WIDTH <= width <= 2000
        header.resizeSection(INDEX[c.key], width if ok else c.width)  # type: ignore[arg-type]


class ColumnChooser(QObject):
    """Checkable actions, one per column, plus "Default columns"; emits `changed()` once the
    agent has stopped dragging or choosing (SAVE_DELAY_MS), to be remembered."""

    changed = Signal()

    def __init__(self, header: QHeaderView) -> None:
        super().__init__(header)
        self.header = header
        self.actions: dict[str, QAction] = {}
        for c in COLUMNS:
            act = QAction(self)
            act.setObjectName(f"column_{c.key}")
            act.setCheckable(True)
            act.setEnabled(c.key != "subject")
            act.toggled.connect(lambda on, key=c.key: self._toggle(key, on))
            self.actions[c.key] = act
        self.reset = QAction(self)
        self.reset.setObjectName("column_reset")
        self.reset.triggered.connect(self.restore_defaults)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._context_menu)
        self._later = QTimer(self)
        self._later.setSingleShot(True)
        self._later.setInterval(SAVE_DELAY_MS)
        self._later.timeout.connect(self.changed)
        header.sectionResized.connect(lambda *_a: self._later.start())
        header.sectionMoved.connect(lambda *_a: self._later.start())
        self.retranslate()

    def fill(self, menu: QMenu) -> QMenu:
        """Put the column actions into `menu` (the View menu's, or the header's)."""
        self.sync()
        menu.clear()
        for c in COLUMNS:
            menu.addAction(self.actions[c.key])
        menu.addSeparator()
        menu.addAction(self.reset)
        return menu

    def sync(self) -> None:
        """Tick the actions of the shown columns."""
        for key, act in self.actions.items():
            act.blockSignals(True)
            act.setChecked(not self.header.isSectionHidden(INDEX[key]))
            act.blockSignals(False)

    def restore_defaults(self) -> None:
        apply_state(self.header, None)
        self.sync()
        self._later.start()

    def _toggle(self, key: str, on: bool) -> None:
        self.header.setSectionHidden(INDEX[key], not on)
        if on and self.header.sectionSize(INDEX[key]) < MIN_WIDTH:
            self.header.resizeSection(INDEX[key], COLUMNS[INDEX[key]].width)
        self._later.start()

    def _context_menu(self, pos: QPoint) -> None:
        menu = self.fill(QMenu(self.header))
        menu.setObjectName("queueColumnsMenu")
        menu.popup(self.header.mapToGlobal(pos))

    def retranslate(self) -> None:
        for c in COLUMNS:
            self.actions[c.key].setText(_(c.header))
        self.reset.setText(_("Default columns"))


__all__ = ["ColumnChooser", "apply_state", "header_state"]
