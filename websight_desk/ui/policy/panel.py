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

from collections.abc import Mapping

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.turkish import fold
from websight_desk.i18n import _, current_language
from websight_desk.policy.model import Action, Decision, Evidence
from websight_desk.ui.context import UiContext
from websight_desk.ui.format import clock
from websight_desk.ui.policy.labels import ACTION, SHIFT, VERDICT, VERDICT_HINT

ABUSE_CLAUSE = "other.abuse_termination"
HOURS_CLAUSE = "support.hours"
_ROLE = Qt.ItemDataRole.UserRole


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
        self._field_names: dict[str, str] = {}
        self._banner: tuple[str, str] | None = None
        self._build()
        self.retranslate()
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketsChanged.connect(self._tickets_changed)
        self._clock = QTimer(self)
        self._clock.setInterval(60_000)
        self._clock.timeout.connect(self._render_shift)
        self._clock.start()

    # -- construction --------------------------------------------------------------------
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
        self.evidence.itemActivated.connect(self._evidence_item)
        self.evidence.itemClicked.connect(self._evidence_item)
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

    # -- public API ----------------------------------------------------------------------
    @property
    def decision(self) -> Decision | None:
        return self._decision

    def set_banner(self, text: str | None, severity: str = "error") -> None:
        """Show (or hide with None) the strip above everything; severity "error" | "warning"."""
        self._banner = None if text is None else (text, severity)
        self._render_banner()

    def set_field_names(self, names: Mapping[str, str]) -> None:
        """Human names for evidence fields ("message:<id>" → "Message 2 · 14:05")."""
        self._field_names = dict(names)
        if self._decision is not None:
            self._render_evidence(self._decision)

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

    # -- rendering -----------------------------------------------------------------------
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

    def _set_actions(self, actions: tuple[Action, ...]) -> None:
        while self.actions_box.count():
            item = self.actions_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater alone leaves it painted until the loop runs
                widget.setParent(None)
                widget.deleteLater()
        self.actions_heading.setVisible(bool(actions))
        for action in actions:
            button = QPushButton("☐ " + _(ACTION[action]))
            button.setObjectName(f"action_{action.value}")
            button.setAccessibleName(_(ACTION[action]))
            button.setStyleSheet("text-align:left; padding:3px 6px;")
            # A button's text cannot wrap: without this its width would widen the whole
            # panel body past the viewport and clip every wrapped label to the right.
            button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
            button.setToolTip(_(ACTION[action]))
            button.clicked.connect(lambda _c=False, a=action, b=button: self._action(a, b))
            self.actions_box.addWidget(button)

    def action_buttons(self) -> list[QPushButton]:
        """The checklist buttons in order (tests and keyboard navigation)."""
        out: list[QPushButton] = []
        for i in range(self.actions_box.count()):
            item = self.actions_box.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QPushButton):
                out.append(widget)
        return out

    # -- reactions -----------------------------------------------------------------------
    def _action(self, action: Action, button: QPushButton) -> None:
        button.setText("☑ " + _(ACTION[action]))
        self.actionActivated.emit(action.value)

    def _evidence_item(self, item: QListWidgetItem) -> None:
        e = item.data(_ROLE)
        if isinstance(e, Evidence):
            self.evidenceActivated.emit(e.field, e.start, e.end)

    def _tickets_changed(self, ids: list[str]) -> None:
        if self._ticket_id is not None and (not ids or self._ticket_id in ids):
            self.show_ticket(self._ticket_id)

    def _failed(self, exc: BaseException) -> None:
        from websight_desk.ui.errors import report

        report(exc, self)
