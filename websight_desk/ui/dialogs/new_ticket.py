"""New ticket for a customer who phoned or wrote outside the ticket system.

Find the customer (code or name, Turkish-aware), pick the service, write the subject and what
the customer said; `OpenTicket` goes to `services.tickets.open_ticket` and the desk's hook
triages it in the same transaction. Emits `ticketCreated(ticket_id)`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.enums import Channel, MessageKind, RequesterKind
from websight_desk.domain.ticket_views import CustomerSummary, ServiceView
from websight_desk.i18n import _
from websight_desk.services.desk import Desk
from websight_desk.services.tickets import OpenedTicket, OpenTicket, open_ticket
from websight_desk.storage.queries.customers import find_customers
from websight_desk.storage.queries.ticket_detail import services_of_customer
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.shortcuts import key_sequences
from websight_desk.ui.theme import set_tone
from websight_desk.ui.ticket.labels import CHANNEL, REQUESTER, SERVICE_KIND, tr_

_DATA = Qt.ItemDataRole.UserRole
SEARCH_DELAY_MS = 200


def create_ticket_job(desk: Desk, cmd: OpenTicket) -> Callable[[], OpenedTicket]:
    def job() -> OpenedTicket:
        with desk.writer() as w:
            return open_ticket(w, cmd)

    return job


class NewTicketDialog(QDialog):
    ticketCreated = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("newTicketDialog")
        self.setWindowTitle(_("New ticket"))
        self.resize(560, 560)
        self._customer: CustomerSummary | None = None
        form = QFormLayout()
        self.search = QLineEdit()
        self.search.setObjectName("customerSearch")
        self.search.setPlaceholderText(_("Customer code or name, e.g. WS0001234 or Şahin"))
        self.search.setAccessibleName(_("Find the customer by code or name"))
        self.search.setClearButtonEnabled(True)
        form.addRow(_("Customer"), self.search)
        self.results = QListWidget()
        self.results.setObjectName("customerResults")
        self.results.setAccessibleName(_("Matching customers"))
        self.results.setMaximumHeight(120)
        self.results.currentItemChanged.connect(self._picked)
        form.addRow("", self.results)
        self.service = QComboBox()
        self.service.setObjectName("serviceCombo")
        self.service.setAccessibleName(_("Service the ticket is about"))
        form.addRow(_("Service"), self.service)
        self.requester = QComboBox()
        self.requester.setObjectName("requesterCombo")
        self.requester.setAccessibleName(_("Who is asking"))
        for kind in RequesterKind:
            self.requester.addItem(tr_(REQUESTER, kind), kind.value)
        form.addRow(_("Requester"), self.requester)
        self.channel = QComboBox()
        self.channel.setObjectName("channelCombo")
        self.channel.setAccessibleName(_("How the customer reached us"))
        for ch in (Channel.PHONE, Channel.EMAIL, Channel.WEB):
            self.channel.addItem(tr_(CHANNEL, ch), ch.value)
        form.addRow(_("Channel"), self.channel)
        self.subject = QLineEdit()
        self.subject.setObjectName("subjectEdit")
        self.subject.setAccessibleName(_("Subject"))
        self.subject.setMaxLength(500)
        form.addRow(_("Subject"), self.subject)
        self.body = QPlainTextEdit()
        self.body.setObjectName("firstMessage")
        self.body.setAccessibleName(_("What the customer said"))
        self.body.setPlaceholderText(_("The customer's request in their words"))
        self.body.setTabChangesFocus(True)
        form.addRow(_("Message"), self.body)
        self.problem = QLabel()
        self.problem.setObjectName("formProblem")
        set_tone(self.problem, "error")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(_("Create ticket"))
        self.create_button.setAccessibleName(_("Create the ticket"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setAccessibleName(_("Cancel"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        for keys in key_sequences("send"):  # Ctrl+Enter creates, as it sends in the composer
            QShortcut(keys, self, self.submit)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(self.problem)
        lay.addWidget(self.buttons)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SEARCH_DELAY_MS)
        self._timer.timeout.connect(self.run_search)
        self.search.textChanged.connect(lambda _t: self._timer.start())
        self.search.returnPressed.connect(self.run_search)
        self._set_services(())

    # -- customer and service ------------------------------------------------------------
    @property
    def customer(self) -> CustomerSummary | None:
        return self._customer

    def run_search(self) -> None:
        self._timer.stop()
        query, desk = self.search.text(), self.ctx.desk

        def job() -> tuple[CustomerSummary, ...]:
            with desk.db.read() as conn:
                return find_customers(conn, query, limit=30)

        self.ctx.runner.run(job, self._results, lambda e: report(e, self), key=f"nt-{id(self)}")

    def _results(self, found: tuple[CustomerSummary, ...]) -> None:
        self.results.clear()
        for c in found:
            # Names in full: the agent must tell customers apart (KVKK masks phone numbers
            # in lists, not the names an agent works with).
            item = QListWidgetItem(f"{c.name or _('(no name)')} · {c.code}")
            item.setData(_DATA, c)
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)

    def _picked(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        customer = item.data(_DATA) if item is not None else None
        self._customer = customer if isinstance(customer, CustomerSummary) else None
        if self._customer is None:
            self._set_services(())
            return
        desk, customer_id = self.ctx.desk, self._customer.id

        def job() -> tuple[ServiceView, ...]:
            with desk.db.read() as conn:
                return services_of_customer(conn, customer_id)

        self.ctx.runner.run(
            job, self._set_services, lambda e: report(e, self), key=f"ns-{id(self)}"
        )

    def _set_services(self, services: tuple[ServiceView, ...]) -> None:
        self.service.clear()
        for s in services:
            extra = f" ({s.reseller.name or s.reseller.code})" if s.reseller else ""
            self.service.addItem(f"{s.label} · {tr_(SERVICE_KIND, s.kind)}{extra}", s)
        self.service.addItem(_("No specific service"), None)
        self.service.setCurrentIndex(0)
        resold = bool(services) and services[0].reseller is not None
        wanted = RequesterKind.RESELLER_END_CUSTOMER if resold else RequesterKind.CUSTOMER
        self.requester.setCurrentIndex(self.requester.findData(wanted.value))

    # -- creating ------------------------------------------------------------------------
    def command(self) -> OpenTicket | None:
        """The `OpenTicket` the form describes, or None (with the problem shown)."""
        problem = ""
        if self._customer is None:
            problem = _("Find and pick the customer first.")
        elif not self.subject.text().strip():
            problem = _("Write a subject.")
        elif not self.body.toPlainText().strip():
            problem = _("Write what the customer asked for.")
        self.problem.setText(problem)
        if problem or self._customer is None:
            return None
        service = self.service.currentData()
        return OpenTicket(
            customer_id=self._customer.id,
            subject=self.subject.text(),
            body=self.body.toPlainText(),
            service_id=service.id if isinstance(service, ServiceView) else None,
            requester_kind=RequesterKind(self.requester.currentData()),
            channel=Channel(self.channel.currentData()),
            first_message_kind=MessageKind.INBOUND,
        )

    def submit(self) -> None:
        cmd = self.command()
        if cmd is None:
            return
        self.create_button.setEnabled(False)

        def failed(exc: BaseException) -> None:
            self.create_button.setEnabled(True)
            report(exc, self)

        self.ctx.runner.run(create_ticket_job(self.ctx.desk, cmd), self._created, failed)

    def _created(self, opened: OpenedTicket) -> None:
        self.create_button.setEnabled(True)
        self.ticketCreated.emit(opened.ticket_id)
        self.ctx.tickets_changed([opened.ticket_id])
        self.ctx.events.statusMessage.emit(
            _("Ticket #{number} created.").format(number=opened.number)
        )
        self.accept()
