"""The policy panel's verdict, explanation, clauses, abuse note, shift and banner."""

from __future__ import annotations

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QWidget

from websight_desk.i18n import _, current_language
from websight_desk.policy.model import Decision
from websight_desk.ui.format import clock
from websight_desk.ui.policy.labels import SHIFT, VERDICT, VERDICT_HINT
from websight_desk.ui.policy.panel_checklist import PanelChecklist

HOURS_CLAUSE = "support.hours"


class PanelVerdict(PanelChecklist):
    """Draws the current decision into every section (verdict first), or the empty state."""

    def _render_banner(self) -> None:
        if self._banner is None:
            self.banner.setVisible(False)
            return
        text, severity = self._banner
        colours = ("#b3261e", "#ffffff") if severity == "error" else ("#f4c542", "#2b2100")
        self.banner.setStyleSheet(
            f"background:{colours[0]}; color:{colours[1]}; font-weight:600; padding:6px;"
        )
        self.banner.setText(("✖ " if severity == "error" else "⚠ ") + text)
        self.banner.setVisible(True)

    def _render(self) -> None:
        d = self._decision
        sections = [
            self.verdict,
            self.verdict_hint,
            self.explanation_heading,
            self.explanation,
            self.clause_heading,
            self.clause_title,
            self.clause_text,
            self.clause_id,
            self.shift_heading,
            self.shift,
        ]
        for w in sections:
            w.setVisible(d is not None)
        self.empty.setVisible(d is None)
        if d is None:
            hidden: tuple[QWidget, ...] = (
                self.other_heading,
                self.other_clauses,
                self.evidence_heading,
                self.evidence,
                self.actions_heading,
                self.discretion,
                self.abuse,
            )
            for widget in hidden:
                widget.setVisible(False)
            self._set_actions(())
            return
        lang = current_language()
        symbol, word, tint, ink = VERDICT[d.verdict]
        self.verdict.setText(f"{symbol}  {_(word)}")
        self.verdict.setStyleSheet(
            f"background:{tint}; color:{ink}; padding:6px 8px; border:1px solid {ink};"
        )
        self.verdict_hint.setText(_(VERDICT_HINT[d.verdict]))
        self.explanation.setText(d.explanation(lang))
        primary = self.ctx.ruleset.clause(d.primary_clause)
        self.clause_title.setText(primary.title(lang))
        self.clause_text.setText(primary.text(lang))
        # `_()` outside the f-string: babel does not extract calls inside f-strings.
        policy_word = _("policy")
        self.clause_id.setText(f"({primary.id} · {policy_word} {d.ruleset_version})")
        others = [c for c in d.clauses[1:] if c not in (HOURS_CLAUSE,)]
        self.other_heading.setVisible(bool(others))
        self.other_clauses.setVisible(bool(others))
        self.other_clauses.setText(
            "\n".join(f"• {self.ctx.ruleset.clause(c).title(lang)} ({c})" for c in others)
        )
        self._render_evidence(d)
        self._set_actions(d.actions)
        self.discretion.setVisible(d.discretion)
        self.discretion.setText(
            "⚖ " + _("Expert's discretion: an expert may help beyond the rule if it is quick.")
        )
        self._render_abuse(d)
        self._render_shift()
        self._fit()

    def _fit(self) -> None:
        # Word-wrapped labels in a scroll area get squeezed unless the body is told the
        # height it needs at the current width.
        layout = self._body.layout()
        if layout is None:
            return
        width = self._scroll.viewport().width()
        self._body.setMinimumHeight(max(layout.heightForWidth(width), 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _render_abuse(self, d: Decision) -> None:
        self.abuse.setVisible(d.abuse)
        if d.abuse:
            self.abuse.setText(
                "⚠ "
                + _("Possible abuse towards the team.")
                + " "
                + _("The detector only suggests: read the message and decide.")
            )

    def _render_shift(self) -> None:
        d = self._decision
        if d is None:
            return
        rs = self.ctx.ruleset
        hours = f"{rs.regular_start:%H:%M}–{rs.regular_end:%H:%M}"
        self.shift.setText(
            _("{team} (regular hours {hours}) · Istanbul {time}").format(
                team=_(SHIFT[d.shift]), hours=hours, time=clock(self.ctx.now())
            )
        )
