"""The top of the ticket pane: number and subject, state, customer and service context."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from websight_desk.domain.enums import RequesterKind
from websight_desk.domain.mail_senders import is_unverified_code
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.i18n import _
from websight_desk.ui.format import date_time
from websight_desk.ui.theme import set_tone
from websight_desk.ui.ticket.labels import CHANNEL, PRIORITY, REQUESTER, STATUS, service_line, tr_
from websight_desk.ui.ticket.thread_html import Highlight, highlighted


def unverified_hint() -> str:
    return _(
        "This mail came from an address no customer contact holds. Check who is writing "
        "before you share account details or act on the account."
    )


class TicketHeader(QWidget):
    customerRequested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ticketHeader")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 4)
        lay.setSpacing(2)
        self.subject = QLabel()
        self.subject.setObjectName("ticketSubject")
        self.subject.setWordWrap(True)
        self.subject.setTextFormat(Qt.TextFormat.RichText)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subject.setStyleSheet("font-size:13pt;")
        lay.addWidget(self.subject)
        self.state = QLabel()
        self.state.setContentsMargins(0, 3, 0, 0)  # room for the dots of "Ö" under the subject
        self.state.setObjectName("ticketState")
        self.state.setWordWrap(True)
        set_tone(self.state, "muted")  # the theme's secondary text, light and dark
        lay.addWidget(self.state)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.customer = QPushButton()
        self.customer.setObjectName("customerButton")
        self.customer.setFlat(True)
        self.customer.setStyleSheet("text-align:left; font-weight:600; padding:0 2px;")
        self.customer.clicked.connect(self._customer_clicked)
        self.context = QLabel()
        self.context.setObjectName("serviceContext")
        self.context.setWordWrap(True)
        # A mail from an address no customer contact holds: the person is not known yet.
        self.unverified = QLabel()
        self.unverified.setObjectName("senderUnverified")
        self.unverified.setStyleSheet(
            "background:#f4c542; color:#2b2100; font-weight:600; padding:1px 6px;"
        )
        self.unverified.setVisible(False)
        row.addWidget(self.customer)
        row.addWidget(self.unverified)
        row.addWidget(self.context, 1)
        # Buttons other features add (callback, abuse…) via `add_action`, right-aligned.
        self.action_bar = QHBoxLayout()
        self.action_bar.setSpacing(4)
        row.addLayout(self.action_bar)
        lay.addLayout(row)
        self._detail: TicketDetail | None = None
        self._mark: Highlight | None = None

    def add_action(self, action: QAction) -> QToolButton:
        """A button for `action` in the header's action bar (text, tooltip, state follow it)."""
        button = QToolButton(self)
        button.setObjectName(f"headerAction_{action.objectName()}")
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)

        def named() -> None:  # the accessible name follows the action's (translated) text
            button.setAccessibleName(action.text())

        action.changed.connect(named)
        named()
        self.action_bar.addWidget(button)
        return button

    def show_detail(self, detail: TicketDetail | None, mark: Highlight | None = None) -> None:
        self._detail, self._mark = detail, mark
        self.refresh()

    def refresh(self) -> None:
        d = self._detail
        self.setVisible(d is not None)
        if d is None:
            return
        number = escape(f"#{d.number}")
        if d.provisional_number is not None:  # the number it had here before the team's
            was = _("#{number} while offline").format(number=d.provisional_number)
            number += f" <span style='font-weight:normal'>({escape(was)})</span>"
        self.subject.setText(
            f"<b>{number}</b>&nbsp; {highlighted(d.subject, self._mark, 'subject')}"
        )
        self.subject.setAccessibleName(_("Subject: {subject}").format(subject=d.subject))
        state = [
            _("Status: {status}").format(status=tr_(STATUS, d.status)),
            _("Priority: {priority}").format(priority=tr_(PRIORITY, d.priority)),
            _("Assigned to {name}").format(name=d.assignee_name)
            if d.assignee_name
            else _("Unassigned"),
            tr_(CHANNEL, d.channel),
            _("opened {when}").format(when=date_time(d.created_at)),
        ]
        self.state.setText(" · ".join(state))
        self.state.setAccessibleName(_("Ticket state"))
        name = d.customer.name or _("(no name)")  # names in full; numbers stay masked
        self.customer.setText(f"{name} · {d.customer.code}")
        self.customer.setAccessibleName(_("Open the customer {code}").format(code=d.customer.code))
        self.customer.setToolTip(_("Customer details (contacts, services, tickets)"))
        unverified = is_unverified_code(d.customer.code)
        self.unverified.setVisible(unverified)
        if unverified:
            self.unverified.setText("⚠ " + _("Sender not verified"))
            self.unverified.setToolTip(unverified_hint())
            self.unverified.setAccessibleName(_("Sender not verified"))
        context = service_line(d.service)
        if d.requester_kind is RequesterKind.RESELLER_END_CUSTOMER:
            context.insert(0, tr_(REQUESTER, d.requester_kind))
        self.context.setText(" · ".join(context))
        self.context.setAccessibleName(_("Service"))

    def _customer_clicked(self) -> None:
        if self._detail is not None:
            self.customerRequested.emit(self._detail.customer.id)
