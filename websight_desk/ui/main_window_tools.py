"""The main window's dialogs and tool windows, and the features that plug into it."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from websight_desk import __version__
from websight_desk.i18n import N_, _
from websight_desk.ui import shortcuts
from websight_desk.ui.main_window_nav import WindowNavigation

if TYPE_CHECKING:
    from websight_desk.ui.main_window import MainWindow


class WindowTools(WindowNavigation):
    """Tools and Help menu targets: new ticket, customer, review queue, reports, about."""

    def _install_features(self) -> None:
        """Features that plug into the pane, the menus and the status bar."""
        from websight_desk.ui.callbacks.install import install_callbacks
        from websight_desk.ui.sync_problems import ClickFilter
        from websight_desk.ui.ticket import TicketPane
        from websight_desk.ui.ticket.abuse_actions import install_abuse_actions

        if isinstance(self.ticket_pane, TicketPane):
            self.end_for_abuse = install_abuse_actions(self.ticket_pane)
        install_callbacks(self)
        self._sync_click = ClickFilter(self.status.sync, self.show_sync_problems)

    def new_ticket(self) -> None:
        from websight_desk.ui.dialog_hooks import open_new_ticket

        open_new_ticket(cast("MainWindow", self))  # only MainWindow has this layer

    def show_customer(self) -> None:
        """The customer view of the open ticket's customer (Tools menu)."""
        ticket_id = self.open_ticket_id
        if ticket_id is None:
            return
        from sqlalchemy import select

        from websight_desk.storage.models import Ticket

        with self.ctx.desk.db.read() as conn:
            customer = conn.execute(
                select(Ticket.customer_id).where(Ticket.id == ticket_id)
            ).scalar_one_or_none()
        self.show_customer_by_id(customer)

    def show_customer_by_id(self, customer_id: str | None) -> None:
        from websight_desk.ui.dialog_hooks import open_customer

        open_customer(cast("MainWindow", self), customer_id, self.open_ticket_id)

    def show_review_queue(self) -> None:
        from websight_desk.ui.abuse.review_queue import ReviewQueueWidget

        self.tools.show("review_queue", N_("Review queue"), lambda: ReviewQueueWidget(self.ctx))

    def show_abuse_report(self) -> None:
        from websight_desk.ui.abuse.report import AbuseReportWidget

        self.tools.show(
            "abuse_report", N_("Abuse report"), lambda: AbuseReportWidget(self.ctx), (860, 460)
        )

    def show_sync_problems(self) -> None:
        """Changes the server refused and concurrent edits that lost, with their reasons."""
        from websight_desk.ui.sync_problems import SyncProblemsDialog

        def make() -> SyncProblemsDialog:
            dialog = SyncProblemsDialog(self.ctx)
            dialog.ticketActivated.connect(self.open_ticket)
            return dialog

        self.tools.show("sync_problems", N_("Sync problems"), make, (780, 500))

    def show_shortcuts(self) -> None:
        dialog = shortcuts.ShortcutOverview(self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx.events.languageChanged.connect(dialog.retranslate)
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            _("About Websight Desk"),
            _("Websight Desk {version}\nOffline-first support desk for Websight.").format(
                version=__version__
            ),
        )
