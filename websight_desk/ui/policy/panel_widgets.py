"""The policy panel's widgets: banner, then a scrolled body of labelled sections.

The base of `PolicyPanel`; the layers above it render the evidence list (`panel_evidence`),
the checklist (`panel_checklist`) and the verdict with its clauses (`panel_verdict`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from websight_desk.policy.model import Decision
from websight_desk.ui.context import UiContext


def _label(name: str, *, wrap: bool = True, selectable: bool = False) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    # No accessible name from `name`: an English identifier would be read out; Qt uses the text.
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _heading(name: str) -> QLabel:
    # Wrapping: a long heading ("Kanıt (vurgulamak için tıklayın)") must not widen the body
    # past the viewport, which would clip every label to the right.
    label = _label(name)
    label.setStyleSheet("font-weight:600; color:#3a4450; margin-top:6px;")
    return label


class PanelWidgets(QWidget):
    """Signals, state and widgets of the policy panel; the layers above fill them."""

    evidenceActivated = Signal(str, int, int)
    actionActivated = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("policyPanel")
        self._decision: Decision | None = None
        self._ticket_id: str | None = None
        self._field_names: dict[str, str] = {}
        self._banner: tuple[str, str] | None = None
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = _label("policyBanner")
        self.banner.setVisible(False)
        outer.addWidget(self.banner)
        self._scroll = scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        outer.addWidget(scroll)
        self._body = body = QWidget()
        scroll.setWidget(body)
        lay = QVBoxLayout(body)
        lay.setContentsMargins(8, 8, 8, 8)
        lay.setSpacing(3)
        self.verdict = _label("verdict")
        # The big type is set as a font, not in the style sheet, so the label's size hint
        # knows it and the verdict is never clipped.
        verdict_font = self.verdict.font()
        verdict_font.setPointSize(17)
        verdict_font.setBold(True)
        self.verdict.setFont(verdict_font)
        self.verdict.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.verdict_hint = _label("verdictHint")
        self.explanation = _label("explanation", selectable=True)
        self.clause_heading = _heading("clauseHeading")
        self.clause_title = _label("clauseTitle")
        self.clause_title.setStyleSheet("font-weight:600;")
        self.clause_text = _label("clauseText", selectable=True)
        self.clause_id = _label("clauseId")
        self.clause_id.setStyleSheet("color:#6b7682; font-size:small;")
        self.other_heading = _heading("otherClausesHeading")
        self.other_clauses = _label("otherClauses")
        self.evidence_heading = _heading("evidenceHeading")
        self.evidence = QListWidget()
        self.evidence.setObjectName("evidence")
        self.evidence.setWordWrap(True)
        self.actions_heading = _heading("actionsHeading")
        self.actions_box = QVBoxLayout()
        self.actions_box.setSpacing(2)
        self.discretion = _label("discretion")
        self.shift_heading = _heading("shiftHeading")
        self.shift = _label("shift")
        self.abuse = _label("abuse")
        self.abuse.setStyleSheet(
            "background:#fdecea; color:#7a1c12; border:1px solid #e0a39b; padding:4px;"
        )
        self.empty = _label("policyEmpty")
        self.explanation_heading = _heading("explanationHeading")
        self.explanation.setStyleSheet("color:#4a5562;")
        for w in (
            self.verdict,
            self.verdict_hint,
            self.abuse,
            self.clause_heading,
            self.clause_title,
            self.clause_text,
            self.clause_id,
            self.other_heading,
            self.other_clauses,
            self.evidence_heading,
            self.evidence,
            self.actions_heading,
        ):
            lay.addWidget(w)
        lay.addLayout(self.actions_box)
        for w in (
            self.discretion,
            self.shift_heading,
            self.shift,
            self.explanation_heading,
            self.explanation,
            self.empty,
        ):
            lay.addWidget(w)
        self.extra_area = QVBoxLayout()
        lay.addLayout(self.extra_area)
        lay.addStretch(1)
