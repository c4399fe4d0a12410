"""What the main window's File, Tools and Help menus open: dialogs and tool windows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMessageBox

from websight_desk import __version__
from websight_desk.i18n import N_, _
from websight_desk.storage.queries.ticket_owner import customer_of_ticket
from websight_desk.ui import errors, shortcuts
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window_nav import Navigation
from websight_desk.ui.tool_windows import ToolWindows

if TYPE_CHECKING:  # each dialog loads when first opened (not before the first rows)
    from websight_desk.ui.customer import CustomerDialog
    from websight_desk.ui.dialogs.new_ticket import NewTicketDialog
    from websight_desk.ui.sync_problems import SyncProblemsDialog


class WindowDialogs:
    """New ticket, customer view, review queue, abuse report, sync problems, shortcuts and
    About, for one main window; a ticket chosen in one of them opens in the window."""

    def __init__(
        self, ctx: UiContext, window: QMainWindow, nav: Navigation, tools: ToolWindows
    ) -> None:
        self.ctx = ctx
        self.window = window
        self.nav = nav
        self.tools = tools

    def new_ticket(self) -> NewTicketDialog:
        """Open "New ticket"; the created ticket is selected in the queue and opened."""
        from websight_desk.ui.dialogs.new_ticket import NewTicketDialog

        dialog = NewTicketDialog(self.ctx, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.ticketCreated.connect(self.nav.open_ticket)
        dialog.open()
        return dialog

    def show_customer(self) -> None:
        """The customer view of the open ticket's customer (Tools menu)."""
        ticket_id = self.nav.open_ticket_id
        if ticket_id is None:
            return
        desk = self.ctx.desk

        def job() -> str | None:
            with desk.db.read() as conn:
                return customer_of_ticket(conn, ticket_id)

        def found(customer_id: str | None) -> None:
            self.show_customer_by_id(customer_id)

        self.ctx.runner.run(job, found, lambda e: errors.report(e, self.window))

    def show_customer_by_id(self, customer_id: str | None) -> CustomerDialog | None:
        """Open the customer view (reveals are audited against the open ticket); activating
        one of the customer's tickets closes it and opens that ticket."""
        if customer_id is None:
            return None
        from websight_desk.ui.customer import CustomerDialog

        dialog = CustomerDialog(
            self.ctx, customer_id, self.window, ticket_id=self.nav.open_ticket_id
        )
        dialog.setObjectName("customerDialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def activated(chosen: str) -> None:
            dialog.accept()
            self.nav.open_ticket(chosen)

        dialog.ticketActivated.connect(activated)
        dialog.open()
        return dialog

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
            dialog.ticketActivated.connect(self.nav.open_ticket)
            return dialog

        self.tools.show("sync_problems", N_("Sync problems"), make, (780, 500))

    def show_shortcuts(self) -> None:
        dialog = shortcuts.ShortcutOverview(self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.ctx.events.languageChanged.connect(dialog.retranslate)
        dialog.open()

    def show_about(self) -> None:
        QMessageBox.about(
            self.window,
            _("About Websight Desk"),
            _("Websight Desk {version}\nOffline-first support desk for Websight.").format(
                version=__version__
            ),
        )
