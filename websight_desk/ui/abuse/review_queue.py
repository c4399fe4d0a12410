"""The shift lead's review queue: pending terminations, their evidence, the customer's history.

Confirm (permanent refusal) or overturn, with a required note. Agents see an explanation
instead; the service refuses them anyway (PermissionDenied), the server too.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.abuse import ReviewDecision
from websight_desk.domain.enums import Role, TicketStatus
from websight_desk.i18n import _, ngettext
from websight_desk.services import abuse
from websight_desk.storage.queries.agents import agent_summary
from websight_desk.storage.queries.review_queue import ReviewItem, pending_terminations
from websight_desk.ui import errors
from websight_desk.ui.abuse.terminate_dialog import CATEGORY_LABELS
from websight_desk.ui.context import UiContext
from websight_desk.ui.format import date_time
from websight_desk.ui.icon_html import WAITING, img
from websight_desk.ui.icons import icon
from websight_desk.ui.theme import set_tone
from websight_desk.ui.ticket.labels import STATUS

_ID = Qt.ItemDataRole.UserRole


class ReviewQueueWidget(QWidget):
    reviewed = Signal(str, str)  # termination id, decision

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("reviewQueue")
        self.items: list[ReviewItem] = []
        self.is_lead = False
        self.heading = QLabel()
        self.heading.setObjectName("reviewHeading")
        set_tone(self.heading, "title")
        self.list = QListWidget()
        self.list.setObjectName("reviewList")
        self.list.setSpacing(3)
        self.list.setAlternatingRowColors(True)
        self.detail = QTextBrowser()
        self.detail.setObjectName("reviewDetail")
        self.note = QPlainTextEdit()
        self.note.setObjectName("reviewNote")
        self.note.setFixedHeight(60)
        self.note.setTabChangesFocus(True)  # Tab goes on to the buttons: no keyboard trap
        self.confirm = QPushButton()
        self.confirm.setObjectName("confirmButton")
        self.overturn = QPushButton()
        self.overturn.setObjectName("overturnButton")
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.overturn)
        buttons.addWidget(self.confirm)
        right = QWidget()
        rlay = QVBoxLayout(right)
        rlay.setContentsMargins(0, 0, 0, 0)
        rlay.addWidget(self.detail, 1)
        rlay.addWidget(self.note)
        rlay.addLayout(buttons)
        split = QSplitter()
        split.addWidget(self.list)
        split.addWidget(right)
        split.setSizes([260, 520])
        lay = QVBoxLayout(self)
        lay.addWidget(self.heading)
        lay.addWidget(split, 1)
        self.list.currentRowChanged.connect(self._show)
        self.note.textChanged.connect(self._update_buttons)
        self.confirm.clicked.connect(lambda: self.decide(ReviewDecision.CONFIRMED))
        self.overturn.clicked.connect(lambda: self.decide(ReviewDecision.OVERTURNED))
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketsChanged.connect(lambda _ids: self.refresh())
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.confirm.setText(_("Confirm refusal"))
        self.overturn.setText(_("Overturn"))
        self.note.setPlaceholderText(_("Required: the reason for your decision"))
        self._render_list()

    def refresh(self) -> None:
        desk, agent_id = self.ctx.desk, self.ctx.agent_id

        def job() -> tuple[bool, list[ReviewItem]]:
            with desk.db.read() as conn:
                agent = agent_summary(conn, agent_id)
                is_lead = agent is not None and agent.role == Role.SHIFT_LEAD.value
                return is_lead, pending_terminations(conn)

        self.ctx.runner.run(job, self._loaded, lambda exc: errors.report(exc, self))

    def _loaded(self, result: tuple[bool, list[ReviewItem]]) -> None:
        self.is_lead, self.items = result
        self._render_list()

    def _render_list(self) -> None:
        if not self.is_lead:
            self.heading.setText(_("Review queue — only shift leads review terminations"))
        else:
            self.heading.setText(_("Review queue ({n} waiting)").format(n=len(self.items)))
        row = max(self.list.currentRow(), 0)
        self.list.blockSignals(True)
        self.list.clear()
        for item in self.items if self.is_lead else []:
            where = f"#{item.ticket_number}" if item.ticket_number else _("Phone call")
            category = _(CATEGORY_LABELS_BY_VALUE[item.category])
            text = f"{where} · {item.customer_code} · {category}\n"
            text += f"{date_time(item.at)} · {item.reporter}"
            entry = QListWidgetItem(text)
            if item.awaiting_server:  # an hourglass drawn from SVG, not a font's ⧗
                entry.setIcon(icon(WAITING))
                entry.setToolTip(_("Your decision is awaiting the server."))
            entry.setData(_ID, item.termination_id)
            self.list.addItem(entry)
        self.list.blockSignals(False)
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
        self._show(self.list.currentRow())

    def current(self) -> ReviewItem | None:
        row = self.list.currentRow()
        return self.items[row] if self.is_lead and 0 <= row < len(self.items) else None

    def _show(self, _row: int) -> None:
        item = self.current()
        self.detail.setHtml(detail_html(item) if item else "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        item = self.current()
        ok = item is not None and not item.awaiting_server and bool(self.note.toPlainText().strip())
        self.confirm.setEnabled(ok)
        self.overturn.setEnabled(ok)
        self.note.setEnabled(item is not None and not item.awaiting_server)

    def decide(self, decision: ReviewDecision) -> None:
        item = self.current()
        if item is None:
            return
        cmd = abuse.ReviewTermination(item.termination_id, decision, self.note.toPlainText())
        desk = self.ctx.desk

        def job() -> str:
            with desk.writer() as w:
                return abuse.review(w, cmd)

        def done(_review_id: str) -> None:
            self.note.clear()
            self.list.setFocus()  # on to the next termination (the buttons are off now)
            self.reviewed.emit(item.termination_id, decision.value)
            self.ctx.tickets_changed([])

        self.ctx.runner.run(job, done, lambda exc: errors.report(exc, self))


CATEGORY_LABELS_BY_VALUE = {k.value: v for k, v in CATEGORY_LABELS.items()}


def _status(value: str) -> str:
    try:
        return _(STATUS[TicketStatus(value)])
    except (KeyError, ValueError):
        return value


def detail_html(item: ReviewItem) -> str:
    """The termination as the lead reads it: evidence, the agent's note, the history."""
    e = escape
    channel = _("Phone call") if item.channel == "phone" else _("Ticket")
    ended = _("Ended by {agent} on {when}").format(agent=item.reporter, when=date_time(item.at))
    if item.detector_suggested:
        ended += " · " + _("suggested by the detector")
    history = (
        ngettext("{n} ticket", "{n} tickets", item.ticket_count).format(n=item.ticket_count)
        + " · "
        + ngettext(
            "{n} earlier termination", "{n} earlier terminations", item.earlier_terminations
        ).format(n=item.earlier_terminations)
    )
    evidence = _("Evidence")
    rows = [
        f"<h3>{e(channel)} · {e(_(CATEGORY_LABELS_BY_VALUE[item.category]))}</h3>",
        f"<p>{e(ended)}</p>",
        f"<p><b>{e(evidence)}</b><br><i>“{e(item.evidence_excerpt)}”</i></p>",
    ]
    if item.evidence_words:
        words = _("Flagged words")
        rows.append(f"<p>{e(words)}: {e(', '.join(item.evidence_words))}</p>")
    note = _("Agent note")
    rows.append(f"<p><b>{e(note)}</b><br>{e(item.note)}</p>")
    if item.awaiting_server:
        waiting = _("Your decision is awaiting the server.")
        rows.append(f"<p>{img(WAITING)} {e(waiting)}</p>")
    customer = _("Customer")
    rows.append(
        f"<p><b>{e(customer)}</b> {e(item.customer_code)} ({e(item.customer_name)}) · "
        f"{e(history)}</p><ul>"
    )
    for h in item.recent:
        when = date_time(h.created_at)
        rows.append(f"<li>#{h.number} {e(h.subject)} — {e(_status(h.status))} · {e(when)}</li>")
    rows.append("</ul>")
    return "".join(rows)
