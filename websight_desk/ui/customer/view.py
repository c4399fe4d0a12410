"""`CustomerView`: contacts (masked until revealed, with a reason), services, tickets.

`CustomerView(ctx)`; `show_customer(customer_id | None)`; signal `ticketActivated(str)` when
the agent opens one of the customer's tickets (double-click or Enter). `CustomerDialog` wraps
it in a window. Revealing writes a `contact.reveal` audit event through the desk's writer;
"Export data (KVKK)…" runs the Tools menu's audited export for this customer.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.masking import mask_email, mask_phone
from websight_desk.domain.ticket_views import ContactView, CustomerDetail
from websight_desk.i18n import _
from websight_desk.services.reveal import RevealContact, record_reveal
from websight_desk.storage.queries.customers import customer_detail
from websight_desk.ui.callbacks import actions as kvkk_actions
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.format import date_time
from websight_desk.ui.theme import set_tone
from websight_desk.ui.ticket.labels import CONTACT_ROLE, SERVICE_KIND, STATUS, tr_

_ID = Qt.ItemDataRole.UserRole


def _tree(name: str, columns: int) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setObjectName(name)
    tree.setRootIsDecorated(False)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setColumnCount(columns)
    return tree


class CustomerView(QWidget):
    ticketActivated = Signal(str)

    def __init__(
        self, ctx: UiContext, parent: QWidget | None = None, *, ticket_id: str | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("customerView")
        self._detail: CustomerDetail | None = None
        self._revealed: set[str] = set()
        self._ticket_id = ticket_id  # the ticket the agent came from (audit context)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(6, 6, 6, 6)
        self.title = QLabel()
        self.title.setObjectName("customerTitle")
        set_tone(self.title, "title")
        lay.addWidget(self.title)
        self.contacts_label = QLabel()
        lay.addWidget(self.contacts_label)
        self.contacts = _tree("contacts", 4)
        self.contacts.setMaximumHeight(120)
        lay.addWidget(self.contacts)
        reveal_row = QHBoxLayout()
        self.reason = QLineEdit()
        self.reason.setObjectName("revealReason")
        self.reason.returnPressed.connect(self.reveal_selected)
        self.reveal = QPushButton()
        self.reveal.setObjectName("revealButton")
        self.reveal.clicked.connect(self.reveal_selected)
        reveal_row.addWidget(self.reason, 1)
        reveal_row.addWidget(self.reveal)
        lay.addLayout(reveal_row)
        self.services_label = QLabel()
        lay.addWidget(self.services_label)
        self.services = _tree("services", 5)
        self.services.setMaximumHeight(130)
        lay.addWidget(self.services)
        self.tickets_label = QLabel()
        lay.addWidget(self.tickets_label)
        self.tickets = _tree("customerTickets", 4)
        self.tickets.itemActivated.connect(self._ticket_item)
        self.tickets.itemDoubleClicked.connect(self._ticket_item)
        lay.addWidget(self.tickets, 1)
        export_row = QHBoxLayout()
        export_row.addStretch(1)
        self.export = QPushButton()
        self.export.setObjectName("kvkkExportButton")
        self.export.setEnabled(False)  # until a customer is shown
        self.export.clicked.connect(self.export_data)
        export_row.addWidget(self.export)
        lay.addLayout(export_row)
        self.retranslate()
        ctx.events.languageChanged.connect(self.retranslate)

    # -- public API ----------------------------------------------------------------------
    @property
    def detail(self) -> CustomerDetail | None:
        return self._detail

    def show_customer(self, customer_id: str | None) -> None:
        self._revealed.clear()
        if customer_id is None:
            self._detail = None
            self._render()
            return
        desk = self.ctx.desk

        def job() -> CustomerDetail | None:
            with desk.db.read() as conn:
                return customer_detail(conn, customer_id)

        self.ctx.runner.run(job, self._loaded, lambda e: report(e, self), key=f"cust-{id(self)}")

    def reveal_selected(self) -> None:
        """Reveal the selected contact after recording why (the reason field)."""
        item = self.contacts.currentItem()
        if item is None or self._detail is None:
            return
        contact_id = item.data(0, _ID)
        reason = self.reason.text()
        if not reason.strip():
            self.reason.setFocus()
            self.reason.setPlaceholderText(_("A reason is required to reveal contact details"))
            return
        self.reveal_contact(contact_id, reason)

    def reveal_contact(self, contact_id: str, reason: str) -> None:
        """Audit the reveal, then show this contact's details unmasked."""
        desk, ticket_id = self.ctx.desk, self._ticket_id

        def job() -> str:
            with desk.writer() as w:
                return record_reveal(w, RevealContact(contact_id, reason, ticket_id))

        def done(_event_id: str) -> None:
            self._revealed.add(contact_id)
            self.reason.clear()
            self._render()
            self.ctx.events.syncStateChanged.emit()

        self.ctx.runner.run(job, done, lambda e: report(e, self))

    def export_data(self) -> None:
        """Export everything held about this customer (reason asked, file chosen, audited)."""
        if self._detail is None:
            return
        kvkk_actions.export_customer(
            self.ctx, self._detail.customer.id, self, ticket_id=self._ticket_id
        )

    def retranslate(self) -> None:
        self.setAccessibleName(_("Customer"))
        self.contacts_label.setText(_("Contacts (masked until revealed)"))
        self.contacts.setHeaderLabels([_("Role"), _("Name"), _("E-mail"), _("Phone")])
        self.contacts.setAccessibleName(_("Contacts"))
        self.reason.setPlaceholderText(_("Why do you need the full details? (recorded)"))
        self.reason.setAccessibleName(_("Reason for revealing the contact details"))
        self.reveal.setText(_("Reveal"))
        self.reveal.setAccessibleName(_("Reveal the selected contact's details"))
        self.export.setText(_("Export data (KVKK)…"))
        self.export.setAccessibleName(_("Export everything held about this customer (KVKK)"))
        self.services_label.setText(_("Services"))
        self.services.setHeaderLabels(
            [_("Service"), _("Kind"), _("Delivered"), _("SLA / managed"), _("Reseller")]
        )
        self.services.setAccessibleName(_("Services"))
        self.tickets_label.setText(_("Tickets (double-click to open)"))
        self.tickets.setHeaderLabels([_("No."), _("Subject"), _("Status"), _("Updated")])
        self.tickets.setAccessibleName(_("Tickets of the customer"))
        self._render()

    # -- rendering -----------------------------------------------------------------------
    def _loaded(self, detail: CustomerDetail | None) -> None:
        self._detail = detail
        self._render()

    def _render(self) -> None:
        for tree in (self.contacts, self.services, self.tickets):
            tree.clear()
        d = self._detail
        self.export.setEnabled(d is not None)
        if d is None:
            self.title.setText(_("No customer"))
            return
        kind = _("Company") if d.customer.kind == "company" else _("Individual")
        name = d.customer.name or _("(no name)")  # names in full; numbers stay masked
        self.title.setText(f"{d.customer.code} · {name} · {kind}")
        for c in d.contacts:
            self.contacts.addTopLevelItem(self._contact_item(c))
        first = self.contacts.topLevelItem(0)
        if first is not None:
            self.contacts.setCurrentItem(first)
        no = _("no")
        for s in d.services:
            extras = [t for f, t in ((s.has_sla, _("SLA")), (s.managed, _("managed"))) if f]
            delivered = (
                (date_time(s.delivered_at) if s.delivered_at else no) if s.kind.is_server else "—"
            )
            reseller = (s.reseller.name or s.reseller.code) if s.reseller else "—"
            row = [
                s.label,
                tr_(SERVICE_KIND, s.kind),
                delivered,
                " + ".join(extras) or no,
                reseller,
            ]
            self.services.addTopLevelItem(QTreeWidgetItem(row))
        for t in d.tickets:
            item = QTreeWidgetItem(
                [str(t.number), t.subject, tr_(STATUS, t.status), date_time(t.updated_at)]
            )
            item.setData(0, _ID, t.id)
            self.tickets.addTopLevelItem(item)
        for tree in (self.contacts, self.services, self.tickets):
            for col in range(tree.columnCount() - 1):
                tree.resizeColumnToContents(col)

    def _contact_item(self, c: ContactView) -> QTreeWidgetItem:
        shown = c.id in self._revealed
        if c.erased:
            values = [_("(erased)")] * 3
        else:
            values = [
                c.name or "",
                (c.email or "") if shown else mask_email(c.email),
                (c.phone or "") if shown else mask_phone(c.phone),
            ]
        item = QTreeWidgetItem([tr_(CONTACT_ROLE, c.role), *values])
        item.setData(0, _ID, c.id)
        return item

    def _ticket_item(self, item: QTreeWidgetItem) -> None:
        ticket_id = item.data(0, _ID)
        if isinstance(ticket_id, str):
            self.ticketActivated.emit(ticket_id)


class CustomerDialog(QDialog):
    """The customer view in its own window; re-emits `ticketActivated`."""

    ticketActivated = Signal(str)

    def __init__(
        self,
        ctx: UiContext,
        customer_id: str,
        parent: QWidget | None = None,
        *,
        ticket_id: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Customer"))
        self.resize(720, 520)
        lay = QVBoxLayout(self)
        self.view = CustomerView(ctx, self, ticket_id=ticket_id)
        self.view.ticketActivated.connect(self.ticketActivated)
        lay.addWidget(self.view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.setAccessibleName(_("Close"))
        lay.addWidget(buttons)
        self.view.show_customer(customer_id)
