"""The policy panel's "Why": the engine's own explanation of the decision."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from websight_desk.i18n import _, current_language
from websight_desk.policy import Ruleset, explain
from websight_desk.policy.model import Decision
from websight_desk.ui.policy.sections import heading, plain_label, section_layout
from websight_desk.ui.theme import set_tone


class ExplanationView(QWidget):
    """The decision's explanation in the UI language (selectable); hidden without one."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("explanationSection")
        self._shown: tuple[Decision, Ruleset] | None = None
        self.heading = heading("explanationHeading")
        self.label = plain_label("explanation", selectable=True)
        set_tone(self.label, "muted")
        lay = section_layout(self)
        lay.addWidget(self.heading)
        lay.addWidget(self.label)
        self.retranslate()

    def clear(self) -> None:
        """No decision: the section hides."""
        self._shown = None
        self.setVisible(False)

    def show_decision(self, d: Decision, ruleset: Ruleset) -> None:
        """Explain `d` with the clauses of the ruleset it was made with."""
        self._shown = (d, ruleset)
        self.setVisible(True)
        self.label.setText(explain(d, ruleset, current_language()))

    def retranslate(self) -> None:
        self.heading.setText(_("Why"))
        if self._shown is not None:
            self.show_decision(*self._shown)
