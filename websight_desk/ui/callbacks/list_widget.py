"""The callbacks list: filter by agent, outcome and date (Istanbul days); masked numbers.

Double-click (or Enter) on a row emits `ticketActivated(ticket_id)`. The main window opens it
with `open_callbacks_window(ctx, parent)`, which reuses one window per context.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from PySide6.QtCore import QDate, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.callbacks import CallbackView, Outcome
from websight_desk.i18n import _, ngettext
from websight_desk.services.callback_views import callback_agents, list_callbacks
from websight_desk.ui.callbacks.labels import label
from websight_desk.ui.callbacks.list_model import ROW_ROLE, CallbacksModel
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.format import ISTANBUL, to_istanbul

DEFAULT_DAYS = 30
WINDOW_KEY = "callbacks_window"  # ctx.extras: the one open list window


def day_start(day: date) -> datetime:
    """Midnight of an Istanbul calendar day, in UTC."""
    return datetime.combine(day, time(0, 0), ISTANBUL).astimezone(UTC)


class CallbacksWidget(QWidget):
    """Callbacks newest first with their filters; reloads when tickets change."""

    ticketActivated = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("callbacksList")
        self.agent = QComboBox()
        self.agent.setObjectName("agentFilter")
        self.outcome = QComboBox()
        self.outcome.setObjectName("outcomeFilter")
        today = to_istanbul(ctx.now()).date()
        self.since = self._date_edit(today - timedelta(days=DEFAULT_DAYS), "sinceFilter")
        self.until = self._date_edit(today, "untilFilter")
        self.agent_label, self.outcome_label = QLabel(), QLabel()
        self.since_label, self.until_label = QLabel(), QLabel()
        bar = QHBoxLayout()
        for lab, field in (
            (self.agent_label, self.agent),
            (self.outcome_label, self.outcome),
            (self.since_label, self.since),
            (self.until_label, self.until),
        ):
            lab.setBuddy(field)
            bar.addWidget(lab)
            bar.addWidget(field)
        bar.addStretch(1)
        self.count = QLabel()
        self.count.setObjectName("callbackCount")
        self.model = CallbacksModel(self)
        self.table = QTableView()
        self.table.setObjectName("callbacksTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # `activated` covers Enter and the double-click (or the single click, on styles
        # where that activates), so `doubleClicked` is not connected as well.
        self.table.activated.connect(self._activated)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.count)
        self.retranslate()
        self.reload_agents()
        for combo in (self.agent, self.outcome):
            combo.currentIndexChanged.connect(self.reload)
        for edit in (self.since, self.until):
            edit.dateChanged.connect(self.reload)
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketsChanged.connect(self._tickets_changed)
        self.reload()

    @staticmethod
    def _date_edit(day: date, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(day.year, day.month, day.day))
        edit.setObjectName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        return edit

    # -- filters -----------------------------------------------------------------------
    def reload_agents(self) -> None:
        """Fill the agent filter with those who logged callbacks, read in the background."""
        db = self.ctx.desk.db

        def job() -> list[tuple[str, str]]:
            with db.read() as conn:
                return list(callback_agents(conn))

        self.ctx.runner.run(job, self._fill_agents, key=f"callback-agents-{id(self)}")

    def _fill_agents(self, agents: list[tuple[str, str]]) -> None:
        """The agent filter's entries (keeps the choice)."""
        chosen = self.agent.currentData()
        self.agent.blockSignals(True)
        self.agent.clear()
        self.agent.addItem(_("All agents"), None)
        for agent_id, name in agents:
            self.agent.addItem(name, agent_id)
        self.agent.setCurrentIndex(max(0, self.agent.findData(chosen)))
        self.agent.blockSignals(False)

    def filters(self) -> dict[str, object]:
        """The arguments of `list_callbacks` that the filter bar says now."""
        since: date = self.since.date().toPython()  # type: ignore[assignment]
        until: date = self.until.date().toPython()  # type: ignore[assignment]
        return {
            "agent_id": self.agent.currentData(),
            "outcome": Outcome(self.outcome.currentData()) if self.outcome.currentData() else None,
            "since": day_start(since),
            "until": day_start(until + timedelta(days=1)),
        }

    def reload(self) -> None:
        desk, args = self.ctx.desk, self.filters()

        def job() -> list[CallbackView]:
            with desk.db.read() as conn:
                return list_callbacks(conn, **args)  # type: ignore[arg-type]

        self.ctx.runner.run(job, self._loaded, self._failed, key=f"callbacks-list-{id(self)}")

    def _loaded(self, rows: list[CallbackView]) -> None:
        self.model.set_rows(rows)
        self._show_count()

    def _failed(self, exc: BaseException) -> None:
        report(exc, self)

    def _show_count(self) -> None:
        n = len(self.model.rows)
        self.count.setText(ngettext("{n} callback", "{n} callbacks", n).format(n=n))

    def _tickets_changed(self, _ids: list[str]) -> None:
        self.reload_agents()
        self.reload()

    def _activated(self, index: QModelIndex) -> None:
        cb = index.data(ROW_ROLE)
        if isinstance(cb, CallbackView):
            self.ticketActivated.emit(cb.ticket_id)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Phone callbacks"))
        self.setAccessibleName(_("Phone callbacks"))
        self.agent_label.setText(_("Agent:"))
        self.outcome_label.setText(_("Outcome:"))
        self.since_label.setText(_("From:"))
        self.until_label.setText(_("To:"))
        self.agent.setAccessibleName(_("Filter by agent"))
        self.outcome.setAccessibleName(_("Filter by outcome"))
        self.since.setAccessibleName(_("First day"))
        self.until.setAccessibleName(_("Last day"))
        self.table.setAccessibleName(_("Phone callbacks"))
        self.table.setToolTip(_("Numbers are masked. Double-click a row to open its ticket."))
        chosen = self.outcome.currentData()
        self.outcome.blockSignals(True)
        self.outcome.clear()
        self.outcome.addItem(_("All outcomes"), None)
        for value in Outcome:
            self.outcome.addItem(label(value), value.value)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(chosen)))
        self.outcome.blockSignals(False)
        if self.agent.count():
            self.agent.setItemText(0, _("All agents"))
        self.model.retranslate()
        self._show_count()


def open_callbacks_window(ctx: UiContext, parent: QWidget | None = None) -> CallbacksWidget:
    """Show the callbacks list as its own window (one per context); rows open their ticket
    through `parent.open_ticket(ticket_id)` when the parent has it (the main window does)."""
    existing = ctx.extras.get(WINDOW_KEY)
    if isinstance(existing, CallbacksWidget):
        existing.reload()
        existing.show()
        existing.raise_()
        existing.activateWindow()
        return existing
    widget = CallbacksWidget(ctx, parent)
    widget.setWindowFlag(Qt.WindowType.Window, True)
    widget.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    widget.resize(1000, 520)
    opener = getattr(parent, "open_ticket", None)
    if callable(opener):
        widget.ticketActivated.connect(opener)
    ctx.extras[WINDOW_KEY] = widget
    widget.destroyed.connect(lambda: ctx.extras.pop(WINDOW_KEY, None))
    widget.show()
    return widget
