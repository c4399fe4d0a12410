"""`PolicyPanel`: what the policy says about the open ticket, verdict first.

Hooks for other features (documented contract):

* `set_banner(text | None, severity)` — the red strip at the top ("service refused / refusal
  pending review"); filled by the abuse feature. `None` hides it.
* `actionActivated(str)` — an `Action` value. The ticket pane turns canned-reply actions into
  an inserted reply (`ui.ticket.link`); `offer_phone_callback` and `consider_termination` are
  for the callbacks and abuse dialogs to connect to.
* `evidenceActivated(field, start, end)` — connect to `TicketPane.highlight`.
* `extra_area` — a layout at the bottom where features may add their own buttons.
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from websight_desk.i18n import _
from websight_desk.policy.model import Decision
from websight_desk.ui.context import UiContext
from websight_desk.ui.policy.panel_evidence import ABUSE_CLAUSE
from websight_desk.ui.policy.panel_verdict import HOURS_CLAUSE, PanelVerdict

__all__ = ["ABUSE_CLAUSE", "HOURS_CLAUSE", "PolicyPanel"]


class PolicyPanel(PanelVerdict):
    """Renders a `Decision`; `show_ticket(id)` decides one itself, `show_decision` only draws.

    Layers: `panel_widgets` → `panel_evidence` → `panel_checklist` → `panel_verdict` → this.
    """

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.retranslate()
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketsChanged.connect(self._tickets_changed)
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self._render_shift)
        self._clock.start()

    @property
    def decision(self) -> Decision | None:
        return self._decision

    def set_banner(self, text: str | None, severity: str = "error") -> None:
        """Show (or hide with None) the strip above everything; severity "error" | "warning"."""
        self._banner = None if text is None else (text, severity)
        self._render_banner()

    def show_ticket(self, ticket_id: str | None) -> None:
        """Decide the ticket in the background and show the result."""
        self._ticket_id = ticket_id
        if ticket_id is None:
            self.show_decision(None)
            return
        from websight_desk.services.triage import decide

        desk, ruleset, now = self.ctx.desk, self.ctx.ruleset, self.ctx.now()

        def job() -> Decision | None:
            with desk.db.read() as conn:
                return decide(conn, ticket_id, ruleset, now)

        self.ctx.runner.run(job, self.show_decision, self._failed, key=f"policy-{id(self)}")

    def show_decision(self, decision: Decision | None) -> None:
        """Render a decision (None = no ticket)."""
        self._decision = decision
        self._render()

    def retranslate(self) -> None:
        self.setAccessibleName(_("Policy"))
        self.banner.setAccessibleName(_("Service status"))
        self.verdict.setAccessibleName(_("Verdict"))
        self.evidence.setAccessibleName(_("Evidence: words that triggered the policy"))
        self.clause_heading.setText(_("Policy clause"))
        self.other_heading.setText(_("Also relevant"))
        self.evidence_heading.setText(_("Evidence (click to highlight)"))
        self.actions_heading.setText(_("To do"))
        self.shift_heading.setText(_("Shift"))
        self.explanation_heading.setText(_("Why"))
        self.empty.setText(_("Select a ticket to see what the support policy says."))
        self._render_banner()
        self._render()

    def _tickets_changed(self, ids: list[str]) -> None:
        if self._ticket_id is not None and (not ids or self._ticket_id in ids):
            self.show_ticket(self._ticket_id)

    def _failed(self, exc: BaseException) -> None:
        from websight_desk.ui.errors import report

        report(exc, self)
