"""The policy panel's evidence: the words that triggered the policy; a click highlights them."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from websight_desk.domain.turkish import fold
from websight_desk.i18n import _
from websight_desk.policy.model import Decision, Evidence
from websight_desk.ui.policy.sections import heading, section_layout

ABUSE_CLAUSE = "other.abuse_termination"
_ROLE = Qt.ItemDataRole.UserRole


class EvidenceList(QWidget):
    """Abuse first, the same words in the same place once; hidden when there is none.
    A click (or Enter) on an entry emits `evidenceActivated(field, start, end)`."""

    evidenceActivated = Signal(str, int, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("evidenceSection")
        self._decision: Decision | None = None
        self._field_names: dict[str, str] = {}
        self.heading = heading("evidenceHeading")
        self.list = QListWidget()
        self.list.setObjectName("evidence")
        self.list.setWordWrap(True)
        lay = section_layout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.list)
        self.list.itemActivated.connect(self._activated)
        self.list.itemClicked.connect(self._activated)
        self.retranslate()

    def set_field_names(self, names: Mapping[str, str]) -> None:
        """Human names for evidence fields ("message:<id>" → "Message 2 · 14:05")."""
        self._field_names = dict(names)
        self.show_decision(self._decision)

    def show_decision(self, d: Decision | None) -> None:
        self._decision = d
        self.list.clear()
        items = _distinct(d.evidence) if d is not None else []
        for e in items:
            where = self._field_names.get(e.field) or (
                _("Subject") if e.field == "subject" else _("Message")
            )
            mark = "⚠ " if e.clause == ABUSE_CLAUSE else ""
            item = QListWidgetItem(f"{mark}“{e.text}” — {where}")
            item.setData(_ROLE, e)
            item.setToolTip(e.clause)
            self.list.addItem(item)
        self.setVisible(bool(items))
        # As tall as its rows (up to six), so a short list leaves no empty box.
        rows = max(1, min(len(items), 6))
        row_height = max(self.list.sizeHintForRow(0), self.fontMetrics().height() + 2)
        frame = 2 * self.list.frameWidth() + 4
        self.list.setFixedHeight(rows * row_height + frame)

    def retranslate(self) -> None:
        self.heading.setText(_("Evidence (click to highlight)"))
        self.list.setAccessibleName(_("Evidence: words that triggered the policy"))
        self.show_decision(self._decision)

    def _activated(self, item: QListWidgetItem) -> None:
        e = item.data(_ROLE)
        if isinstance(e, Evidence):
            self.evidenceActivated.emit(e.field, e.start, e.end)


def _distinct(evidence: tuple[Evidence, ...]) -> list[Evidence]:
    """Abuse first (the agent must see it), then the rest; the same words in the same place
    are listed once."""
    ordered = [e for e in evidence if e.clause == ABUSE_CLAUSE] + [
        e for e in evidence if e.clause != ABUSE_CLAUSE
    ]
    seen: set[tuple[str, str, str]] = set()
    out = []
    for e in ordered:
        key = (e.clause, e.field, fold(e.text))
        if key not in seen:
            seen.add(key)
            out.append(e)
    return out
