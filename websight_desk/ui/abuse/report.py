"""The shift lead's abuse report: terminations per week and per agent, overturns, review time."""

from __future__ import annotations

from babel.numbers import format_percent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from websight_desk.i18n import _, babel_locale, ngettext
from websight_desk.storage.queries.abuse_report import AbuseReport, abuse_report
from websight_desk.ui import errors
from websight_desk.ui.abuse.chart import BarChart
from websight_desk.ui.context import UiContext
from websight_desk.ui.format import number, to_istanbul


class AbuseReportWidget(QWidget):
    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("abuseReport")
        self.report: AbuseReport | None = None
        self.summary = QLabel()
        self.summary.setObjectName("reportSummary")
        self.summary.setWordWrap(True)
        self.weekly = BarChart()
        self.weekly.setObjectName("weeklyChart")
        self.per_agent = BarChart()
        self.per_agent.setObjectName("agentChart")
        charts = QHBoxLayout()
        charts.addWidget(self.weekly, 3)
        charts.addWidget(self.per_agent, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addLayout(charts, 1)
        ctx.events.languageChanged.connect(self._render)
        self.refresh()

    def refresh(self) -> None:
        desk, now = self.ctx.desk, self.ctx.now()

        def job() -> AbuseReport:
            with desk.db.read() as conn:
                return abuse_report(conn, now)

        self.ctx.runner.run(job, self._loaded, lambda exc: errors.report(exc, self))

    def _loaded(self, report: AbuseReport) -> None:
        self.report = report
        self._render()

    def _render(self) -> None:
        r = self.report
        if r is None:
            return
        self.weekly.set_data(
            _("Terminations per week (last {n} weeks)").format(n=len(r.weeks)),
            [(to_istanbul(w).strftime("%d.%m"), n, number(n)) for w, n in r.weeks],
        )
        self.per_agent.set_data(
            _("Terminations per agent (last {n} weeks)").format(n=len(r.weeks)),
            [(name, n, number(n)) for name, n in r.per_agent],
        )
        rate = (
            "—"
            if r.overturn_rate is None
            else str(format_percent(r.overturn_rate, locale=babel_locale()))
        )
        if r.median_review_hours is None:
            review_time = "—"
        else:
            hours = round(r.median_review_hours)
            review_time = ngettext("{n} hour", "{n} hours", hours).format(n=hours)
        self.summary.setText(
            _(
                "Overturn rate: {rate} ({overturned} of {reviewed} reviewed) · "
                "median time to review: {time} · waiting for review: {pending}"
            ).format(
                rate=rate,
                overturned=r.overturned,
                reviewed=r.reviewed,
                time=review_time,
                pending=r.pending,
            )
        )
