"""The policy panel's "To do": one button per suggested action, and the discretion note.

Items tick themselves from what the ticket shows was done (`services.checklist_done`: the
article's link sent, a callback logged, the conversation ended…), read in the runner each
time the decision is shown; a click ticks an item only until the next reading.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from websight_desk.i18n import _
from websight_desk.policy.model import Action
from websight_desk.services.checklist_done import done_actions
from websight_desk.ui.context import UiContext
from websight_desk.ui.policy.labels import ACTION
from websight_desk.ui.policy.sections import WrapLabel, heading, plain_label, section_layout


class ChecklistButton(QPushButton):
    """A push button whose text wraps: a QPushButton's own text cannot, so a long action
    ("Müşteriye kurulum makalesini gönderin") was cut at the panel's edge."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._label = WrapLabel(text, self)
        self._label.setWordWrap(True)
        self._label.setTextFormat(Qt.TextFormat.PlainText)
        # Clicks and hover (tooltip) belong to the button; the label only draws the text.
        self._label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        lay = QHBoxLayout(self)
        lay.setContentsMargins(8, 4, 8, 4)
        lay.addWidget(self._label)
        # Any width (the panel decides it); the height follows the wrapped text.
        policy = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self._label.text()

    def setText(self, text: str) -> None:
        self._label.setText(text)
        self.updateGeometry()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        return (
            layout.totalHeightForWidth(width) if layout is not None else super().sizeHint().height()
        )

    def sizeHint(self) -> QSize:
        layout = self.layout()
        return layout.totalSizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.sizeHint().height())


class Checklist(QWidget):
    """`show_actions(actions, discretion)`; a click ticks the item and emits
    `actionActivated(action value)`. Hidden when there is nothing to do or to say."""

    actionActivated = Signal(str)

    def __init__(self, ctx: UiContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checklistSection")
        self.ctx = ctx
        self._ticket_id: str | None = None
        self._done: frozenset[Action] = frozenset()
        self._shown: tuple[tuple[Action, ...], bool] = ((), False)
        self._drawn: object = None  # what the buttons show (`_draw` skips an equal drawing)
        self.heading = heading("actionsHeading")
        self.buttons_box = QVBoxLayout()
        self.buttons_box.setSpacing(2)
        self.discretion = plain_label("discretion")
        lay = section_layout(self)
        lay.addWidget(self.heading)
        lay.addLayout(self.buttons_box)
        lay.addWidget(self.discretion)
        self.retranslate()

    def set_ticket(self, ticket_id: str | None) -> None:
        """The ticket whose decision comes next (what was done is read for it)."""
        if ticket_id != self._ticket_id:
            self._done = frozenset()
        self._ticket_id = ticket_id

    def show_actions(
        self,
        actions: tuple[Action, ...],
        discretion: bool,
        done: frozenset[Action] | None = None,
    ) -> None:
        """One button per action, ticked if the ticket shows it done; the
        expert's-discretion note if `discretion`. `done`: already read with the ticket (else
        read here in the background)."""
        if done is not None:
            self._done = done
        self._draw(actions, discretion)
        if done is None:
            self._read_done()

    def done(self) -> frozenset[Action]:
        """The shown actions the ticket shows as done."""
        return self._done & frozenset(self._shown[0])

    def _read_done(self) -> None:
        ctx, ticket_id = self.ctx, self._ticket_id
        if ctx is None or ticket_id is None or not self._shown[0]:
            return
        desk = ctx.desk

        def job() -> frozenset[Action]:
            with desk.db.read() as conn:
                return done_actions(conn, desk.settings, ticket_id, desk.agent_id)

        ctx.runner.run(
            job,
            lambda done: self._got_done(ticket_id, done),
            lambda _exc: None,  # the ticks are a help: a failed reading leaves them unticked
            key=f"checklist-{id(self)}",
        )

    def _got_done(self, ticket_id: str, done: frozenset[Action]) -> None:
        if ticket_id != self._ticket_id:
            return  # another ticket is shown by now
        self._done = done
        self._draw(*self._shown)

    def _draw(self, actions: tuple[Action, ...], discretion: bool) -> None:
        self._shown = (actions, discretion)
        drawn = (actions, discretion, self._done & frozenset(actions))
        if drawn == self._drawn:
            return  # the same buttons and ticks: no new widgets, no new layout
        self._drawn = drawn
        while self.buttons_box.count():
            item = self.buttons_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater alone leaves it painted until the loop runs
                widget.setParent(None)
                widget.deleteLater()
        self.heading.setVisible(bool(actions))
        for action in actions:
            done = action in self._done
            button = ChecklistButton(("☑ " if done else "☐ ") + _(ACTION[action]))
            button.setObjectName(f"action_{action.value}")
            button.setProperty("done", done)
            button.setAccessibleName(_(ACTION[action]))
            # Only the button: a bare declaration would pad the label inside it too.
            button.setStyleSheet("QPushButton { text-align:left; }")
            if done:
                button.setAccessibleDescription(_("Done: the ticket shows it"))
                button.setToolTip(
                    _("{action} — done (the ticket shows it)").format(action=_(ACTION[action]))
                )
            else:
                button.setToolTip(_(ACTION[action]))
            button.clicked.connect(lambda _c=False, a=action, b=button: self._ticked(a, b))
            self.buttons_box.addWidget(button)
        self.discretion.setVisible(discretion)
        self.setVisible(bool(actions) or discretion)

    def buttons(self) -> list[QPushButton]:
        """The checklist buttons in order (tests and keyboard navigation)."""
        out: list[QPushButton] = []
        for i in range(self.buttons_box.count()):
            item = self.buttons_box.itemAt(i)
            widget = item.widget() if item is not None else None
            if isinstance(widget, QPushButton):
                out.append(widget)
        return out

    def retranslate(self) -> None:
        self.heading.setText(_("To do"))
        self.discretion.setText(
            "⚖ " + _("Expert's discretion: an expert may help beyond the rule if it is quick.")
        )
        self._drawn = None  # new words
        self._draw(*self._shown)

    def _ticked(self, action: Action, button: QPushButton) -> None:
        self._drawn = None  # ticked by hand until the next drawing
        button.setText("☑ " + _(ACTION[action]))
        self.actionActivated.emit(action.value)
