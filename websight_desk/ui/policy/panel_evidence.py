"""The policy panel's evidence list: the words that triggered the policy, click to highlight."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidgetItem, QWidget

from websight_desk.domain.turkish import fold
from websight_desk.i18n import _
from websight_desk.policy.model import Decision, Evidence
from websight_desk.ui.context import UiContext
from websight_desk.ui.policy.panel_widgets import PanelWidgets

ABUSE_CLAUSE = "other.abuse_termination"
_ROLE = Qt.ItemDataRole.UserRole


class PanelEvidence(PanelWidgets):
    """Fills `evidence` (abuse first, duplicates once) and emits `evidenceActivated`."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.evidence.itemActivated.connect(self._evidence_item)
        self.evidence.itemClicked.connect(self._evidence_item)

    def set_field_names(self, names: Mapping[str, str]) -> None:
        """Human names for evidence fields ("message:<id>" → "Message 2 · 14:05")."""
        self._field_names = dict(names)
        if self._decision is not None:
            self._render_evidence(self._decision)

    def _render_evidence(self, d: Decision) -> None:
        self.evidence.clear()
        # Abuse first (the agent must see it), then the rest; the same words in the same
        # place are listed once.
        ordered = [e for e in d.evidence if e.clause == ABUSE_CLAUSE] + [
            e for e in d.evidence if e.clause != ABUSE_CLAUSE
        ]
        seen: set[tuple[str, str, str]] = set()
        items = []
        for e in ordered:
            key = (e.clause, e.field, fold(e.text))
            if key not in seen:
                seen.add(key)
                items.append(e)
        for e in items:
            where = self._field_names.get(e.field) or (
                _("Subject") if e.field == "subject" else _("Message")
            )
            mark = "⚠ " if e.clause == ABUSE_CLAUSE else ""
            item = QListWidgetItem(f"{mark}“{e.text}” — {where}")
            item.setData(_ROLE, e)
            item.setToolTip(e.clause)
            self.evidence.addItem(item)
        self.evidence_heading.setVisible(bool(items))
        self.evidence.setVisible(bool(items))
        # As tall as its rows (up to six), so a short list leaves no empty box.
        rows = max(1, min(len(items), 6))
        row_height = max(self.evidence.sizeHintForRow(0), self.fontMetrics().height() + 2)
        frame = 2 * self.evidence.frameWidth() + 4
        self.evidence.setFixedHeight(rows * row_height + frame)

    def _evidence_item(self, item: QListWidgetItem) -> None:
        e = item.data(_ROLE)
        if isinstance(e, Evidence):
            self.evidenceActivated.emit(e.field, e.start, e.end)
