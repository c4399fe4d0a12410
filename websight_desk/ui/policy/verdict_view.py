"""The top of the policy panel: the verdict, what to do about it, the clause it rests on."""

from __future__ import annotations

from PySide6.QtWidgets import QSizePolicy, QWidget

from websight_desk.i18n import _, current_language
from websight_desk.policy import Ruleset
from websight_desk.policy.model import Decision
from websight_desk.ui.policy.labels import VERDICT, VERDICT_HINT
from websight_desk.ui.policy.sections import heading, plain_label, section_layout
from websight_desk.ui.theme import restyle, set_tone

HOURS_CLAUSE = "support.hours"  # shown by the shift section, not among "Also relevant"


class VerdictView(QWidget):
    """Verdict (symbol and word, never colour alone), a hint, a possible-abuse note, the
    primary clause (title, text, id and policy version) and the other relevant clauses."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("verdictSection")
        self._shown: tuple[Decision, Ruleset] | None = None
        self.verdict = plain_label("verdict")
        # The display type, tint and ink come from the theme (resources/theme.qss, chosen by
        # the "verdict" property); the style sheet sets the font, so the size hint knows it.
        self.verdict.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.verdict_hint = plain_label("verdictHint")
        self.abuse = plain_label("abuse")
        self.clause_heading = heading("clauseHeading")
        self.clause_title = plain_label("clauseTitle")
        self.clause_text = plain_label("clauseText", selectable=True)
        self.clause_id = plain_label("clauseId")
        set_tone(self.clause_id, "small")
        self.other_heading = heading("otherClausesHeading")
        self.other_clauses = plain_label("otherClauses")
        lay = section_layout(self)
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
        ):
            lay.addWidget(w)
        self.retranslate()

    def clear(self) -> None:
        """No decision: the section hides."""
        self._shown = None
        self.setVisible(False)

    def show_decision(self, d: Decision, ruleset: Ruleset) -> None:
        """Render `d` with the clause texts of `ruleset`."""
        self._shown = (d, ruleset)
        self.setVisible(True)
        lang = current_language()
        symbol, word = VERDICT[d.verdict]
        self.verdict.setText(f"{symbol}  {_(word)}")
        if self.verdict.property("verdict") != d.verdict.value:
            self.verdict.setProperty("verdict", d.verdict.value)
            restyle(self.verdict)
        self.verdict_hint.setText(_(VERDICT_HINT[d.verdict]))
        self.abuse.setVisible(d.abuse)
        if d.abuse:
            self.abuse.setText(
                "⚠ "
                + _("Possible abuse towards the team.")
                + " "
                + _("The detector only suggests: read the message and decide.")
            )
        primary = ruleset.clause(d.primary_clause)
        self.clause_title.setText(primary.title(lang))
        self.clause_text.setText(primary.text(lang))
        # `_()` outside the f-string: babel does not extract calls inside f-strings.
        policy_word = _("policy")
        self.clause_id.setText(f"({primary.id} · {policy_word} {d.ruleset_version})")
        others = [c for c in d.clauses[1:] if c != HOURS_CLAUSE]
        self.other_heading.setVisible(bool(others))
        self.other_clauses.setVisible(bool(others))
        self.other_clauses.setText(
            "\n".join(f"• {ruleset.clause(c).title(lang)} ({c})" for c in others)
        )

    def retranslate(self) -> None:
        self.verdict.setAccessibleName(_("Verdict"))
        self.clause_heading.setText(_("Policy clause"))
        self.other_heading.setText(_("Also relevant"))
        if self._shown is not None:
            self.show_decision(*self._shown)
