"""`PolicyPanel`: what the policy says about the open ticket, verdict first.

Hooks for other features (documented contract):

* `set_banner(text | None, severity)` — the red strip at the top ("service refused / refusal
  pending review"); filled by the abuse feature. `None` hides it.
* `actionActivated(str)` — an `Action` value. The ticket pane turns canned-reply actions into
  an inserted reply (`ui.ticket.link`); `offer_phone_callback` and `consider_termination` are
  for the callbacks and abuse dialogs to connect to.
* `evidenceActivated(field, start, end)` — connect to `TicketPane.highlight`.
* `extra_area` — a layout at the bottom where features may add their own buttons.

The panel owns its sections, each a widget of its own: `banner` (`ServiceBanner`),
`verdict_view` (`VerdictView`), `evidence_list` (`EvidenceList`), `checklist` (`Checklist`),
`shift_view` (`ShiftView`) and `explanation_view` (`ExplanationView`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from websight_desk.i18n import _
from websight_desk.policy.model import Action, Decision
from websight_desk.services.triage import decide
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.policy.checklist import Checklist
from websight_desk.ui.policy.evidence_list import ABUSE_CLAUSE, EvidenceList
from websight_desk.ui.policy.explanation import ExplanationView
from websight_desk.ui.policy.sections import plain_label
from websight_desk.ui.policy.service_banner import ServiceBanner
from websight_desk.ui.policy.shift_view import ShiftView
from websight_desk.ui.policy.verdict_view import HOURS_CLAUSE, VerdictView

__all__ = ["ABUSE_CLAUSE", "HOURS_CLAUSE", "PolicyPanel"]


class PolicyPanel(QWidget):
    """Renders a `Decision`; `show_ticket(id)` decides one itself, `show_decision` only draws."""

    evidenceActivated = Signal(str, int, int)
    actionActivated = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("policyPanel")
        self._decision: Decision | None = None
        self._ticket_id: str | None = None
        self._build()
        self.evidence_list.evidenceActivated.connect(self.evidenceActivated)
        self.checklist.actionActivated.connect(self.actionActivated)
        self.retranslate()
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketsChanged.connect(self._tickets_changed)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.banner = ServiceBanner()
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
        self.verdict_view = VerdictView()
        self.evidence_list = EvidenceList()
        self.checklist = Checklist(self.ctx)
        self.shift_view = ShiftView(self.ctx)
        self.explanation_view = ExplanationView()
        self.empty = plain_label("policyEmpty")
        for w in (
            self.verdict_view,
            self.evidence_list,
            self.checklist,
            self.shift_view,
            self.explanation_view,
            self.empty,
        ):
            lay.addWidget(w)
        self.extra_area = QVBoxLayout()
        lay.addLayout(self.extra_area)
        lay.addStretch(1)

    # The labels tests and other features read, as the panel has always offered them.
    @property
    def verdict(self) -> QLabel:
        return self.verdict_view.verdict

    @property
    def clause_title(self) -> QLabel:
        return self.verdict_view.clause_title

    @property
    def clause_text(self) -> QLabel:
        return self.verdict_view.clause_text

    @property
    def abuse(self) -> QLabel:
        return self.verdict_view.abuse

    @property
    def evidence(self) -> QListWidget:
        return self.evidence_list.list

    @property
    def shift(self) -> QLabel:
        return self.shift_view.label

    @property
    def decision(self) -> Decision | None:
        return self._decision

    def action_buttons(self) -> list[QPushButton]:
        """The checklist buttons in order (tests and keyboard navigation)."""
        return self.checklist.buttons()

    def set_banner(self, text: str | None, severity: str = "error") -> None:
        """Show (or hide with None) the strip above everything; severity "error" | "warning"."""
        self.banner.show_banner(text, severity)

    def set_field_names(self, names: dict[str, str]) -> None:
        """Human names for evidence fields ("message:<id>" → "Message 2 · 14:05")."""
        self.evidence_list.set_field_names(names)

    def show_ticket(self, ticket_id: str | None) -> None:
        """Decide the ticket in the background and show the result."""
        self._ticket_id = ticket_id
        self.checklist.set_ticket(ticket_id)
        if ticket_id is None:
            self.show_decision(None)
            return
        desk, ruleset, now = self.ctx.desk, self.ctx.ruleset, self.ctx.now()

        def job() -> Decision | None:
            with desk.db.read() as conn:
                return decide(conn, ticket_id, ruleset, now)

        self.ctx.runner.run(job, self.show_decision, self._failed, key=f"policy-{id(self)}")

    def show_decision(
        self,
        decision: Decision | None,
        ticket_id: str | None = None,
        done: frozenset[Action] | None = None,
    ) -> None:
        """Render a decision (None = no ticket); `ticket_id`: whose it is, when decided
        elsewhere (the ticket pane), so the checklist can read what was done, or `done`: what
        was done, read with the ticket."""
        if ticket_id is not None:
            self.checklist.set_ticket(ticket_id)
        self._decision = d = decision
        self.empty.setVisible(d is None)
        if d is None:
            self.verdict_view.clear()
            self.explanation_view.clear()
        else:
            self.verdict_view.show_decision(d, self.ctx.ruleset)
            self.explanation_view.show_decision(d, self.ctx.ruleset)
        self.evidence_list.show_decision(d)
        self.checklist.show_actions(d.actions if d else (), d.discretion if d else False, done)
        self.shift_view.show_shift(d.shift if d else None)
        self._fit()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Policy"))
        self.empty.setText(_("Select a ticket to see what the support policy says."))
        self.banner.retranslate()
        for section in self._sections():
            section.retranslate()
        self._fit()

    def _sections(self) -> tuple[VerdictView, EvidenceList, Checklist, ShiftView, ExplanationView]:
        return (
            self.verdict_view,
            self.evidence_list,
            self.checklist,
            self.shift_view,
            self.explanation_view,
        )

    def _fit(self) -> None:
        # Word-wrapped labels in a scroll area get squeezed unless the body is told the
        # height it needs at the current width. The sections' layouts only tell the body's
        # layout about new text when the event loop runs; ask them afresh now.
        layout = self._body.layout()
        if layout is None:
            return
        for section in self._sections():
            inner = section.layout()
            if inner is not None:
                inner.invalidate()
            section.updateGeometry()
        width = self._scroll.viewport().width()
        self._body.setMinimumHeight(max(layout.heightForWidth(width), 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _tickets_changed(self, ids: list[str]) -> None:
        if self._ticket_id is not None and (not ids or self._ticket_id in ids):
            self.show_ticket(self._ticket_id)

    def _failed(self, exc: BaseException) -> None:
        report(exc, self)
