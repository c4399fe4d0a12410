"""The main window: queue | ticket | policy panel in a splitter, menus, keyboard, status bar."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSplitter, QWidget

from websight_desk import __version__
from websight_desk.domain.enums import Role
from websight_desk.domain.queue_views import ViewInfo
from websight_desk.i18n import LANGUAGES, N_, _, current_language
from websight_desk.storage.queries import queue_registry
from websight_desk.storage.queries.agents import agent_summary
from websight_desk.ui import shortcuts
from websight_desk.ui.context import UiContext
from websight_desk.ui.language import switch_language
from websight_desk.ui.menus import MenuBuilder
from websight_desk.ui.panes import make_policy_panel, make_ticket_pane
from websight_desk.ui.queue.panel import QueuePanel
from websight_desk.ui.status_bar import DeskStatusBar
from websight_desk.ui.tool_windows import ToolWindows

STATE_KEY = "ui"  # Settings.extra["ui"]: geometry, splitter sizes, last view
LANGUAGE_NAMES = {"tr": "Türkçe", "en": "English"}  # each in its own language, never translated


def first_focusable(widget: QWidget) -> QWidget:
    """The widget itself if it takes focus, else its first descendant that does."""
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return widget
    for child in widget.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isVisibleTo(widget):
            return child
    return widget


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, views: list[ViewInfo], *, remember: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.remember = remember  # False: fixed layout, nothing saved (screenshots)
        self.setObjectName("mainWindow")
        # Features register queue views and flags (review queue, ⛔ ☎ ⧗) on import.
        queue_registry.load_extensions()
        with ctx.desk.db.read() as conn:
            agent = agent_summary(conn, ctx.agent_id)
        self.role: str | None = agent.role if agent else None
        self.tools = ToolWindows(ctx, self)
        self.linked = False  # ticket pane and policy panel linked (the pane decides)
        self.queue = QueuePanel(ctx, views, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(self.queue)
        self.ticket_pane = make_ticket_pane(ctx, self.splitter)
        self.policy_panel = make_policy_panel(ctx, self.splitter)
        self.splitter.addWidget(self.ticket_pane)
        self.splitter.addWidget(self.policy_panel)
        self.splitter.setStretchFactor(0, 5)
        self.splitter.setStretchFactor(1, 5)
        self.splitter.setStretchFactor(2, 2)
        self.setCentralWidget(self.splitter)
        self.status = DeskStatusBar(ctx, self)
        self.setStatusBar(self.status)
        self.open_ticket_id: str | None = None
        self.menus = MenuBuilder(self)
        self.view_actions: dict[str, QAction] = {}
        self.language_actions: dict[str, QAction] = {}
        self._build_menus(views)
        self._connect()
        self._install_features()
        self.resize(1400, 860)
        self.restore_state()
        self.retranslate()
        from websight_desk.ui.sync import install_sync

        install_sync(self)  # last: it may ask for the server token at start

    # --- building ------------------------------------------------------------------------

    def _build_menus(self, views: list[ViewInfo]) -> None:
        m = self.menus
        file_menu = m.menu("file", N_("File"))
        m.action(file_menu, "new_ticket", N_("New ticket…"), self.new_ticket, "new_ticket")
        file_menu.addSeparator()
        m.action(file_menu, "quit", N_("Quit"), self.close, "quit")

        view_menu = m.menu("view", N_("View"))
        queue_views = m.submenu(view_menu, "queue_views", N_("Queue view"))
        group = QActionGroup(self)
        for v in views:
            act = m.action(queue_views, f"view:{v.key}", v.label, self._pick_view(v.key))
            act.setCheckable(True)
            group.addAction(act)
            self.view_actions[v.key] = act
        language = m.submenu(view_menu, "language", N_("Language"))
        lang_group = QActionGroup(self)
        for code in LANGUAGES:
            act = m.action(language, f"lang:{code}", "", self._pick_language(code))
            act.setText(LANGUAGE_NAMES[code])
            act.setCheckable(True)
            lang_group.addAction(act)
            self.language_actions[code] = act
        view_menu.addSeparator()
        m.action(view_menu, "search", N_("Search"), self.queue.focus_search, "search")
        m.action(view_menu, "queue", N_("Queue"), lambda: self.focus_pane(0), "queue")
        m.action(view_menu, "ticket", N_("Ticket"), lambda: self.focus_pane(1), "ticket")
        m.action(view_menu, "policy", N_("Policy panel"), lambda: self.focus_pane(2), "policy")
        m.action(view_menu, "next_pane", N_("Next pane"), lambda: self.cycle_pane(1), "next_pane")
        m.action(
            view_menu,
            "previous_pane",
            N_("Previous pane"),
            lambda: self.cycle_pane(-1),
            "previous_pane",
        )

        tools = m.menu("tools", N_("Tools"))
        m.action(tools, "customer", N_("Customer details…"), self.show_customer)
        m.action(tools, "refresh", N_("Refresh"), self.refresh, "refresh")
        tools.addSeparator()
        review = m.action(tools, "review_queue", N_("Review queue…"), self.show_review_queue)
        review.setEnabled(self.role == Role.SHIFT_LEAD.value)  # the service refuses others too
        m.action(tools, "abuse_report", N_("Abuse report…"), self.show_abuse_report)
        m.action(tools, "sync_problems", N_("Sync problems…"), self.show_sync_problems)

        help_menu = m.menu("help", N_("Help"))
        m.action(help_menu, "help", N_("Keyboard shortcuts"), self.show_shortcuts, "help")
        m.action(help_menu, "about", N_("About Websight Desk"), self.show_about)

        from websight_desk.ui import dialog_hooks

        m.get("new_ticket").setEnabled(dialog_hooks.new_ticket_available())
        m.get("customer").setEnabled(dialog_hooks.customer_available())

    def _connect(self) -> None:
        self.queue.ticketSelected.connect(self.show_ticket)
        self.queue.ticketActivated.connect(self.activate_ticket)
        self.queue.viewChanged.connect(self._view_changed)
        self.ctx.events.languageChanged.connect(self.retranslate)
        self.ctx.events.ticketsChanged.connect(lambda _ids: self.refresh_banner())
        from websight_desk.ui.policy.panel import PolicyPanel
        from websight_desk.ui.ticket import TicketPane, link

        if isinstance(self.ticket_pane, TicketPane) and isinstance(self.policy_panel, PolicyPanel):
            # The pane decides once per load and feeds the panel (decision, evidence clicks,
            # checklist actions), so the panel does not decide the same ticket again.
            link(self.ticket_pane, self.policy_panel)
            self.ticket_pane.customerRequested.connect(self.show_customer_by_id)
            self.linked = True

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

    def _pick_view(self, key: str):  # type: ignore[no-untyped-def]
        return lambda: self.queue.set_view(key)

    def _pick_language(self, code: str):  # type: ignore[no-untyped-def]
        return lambda: self.set_language(code)

    # --- behaviour -----------------------------------------------------------------------

    def start(self) -> None:
        """Load the queue in the remembered view (call once the window is set up)."""
        view = self._state().get("view")
        self.queue.start(view if isinstance(view, str) else None)
        self.status.refresh()
        from websight_desk.storage.queries.planner import ensure_statistics

        db = self.ctx.desk.db
        self.ctx.runner.run(
            lambda: ensure_statistics(db),
            lambda analysed: self.queue.model.reload() if analysed else None,
            lambda exc: None,  # statistics only speed queries up; never bother the agent
        )

    def show_ticket(self, ticket_id: object) -> None:
        """Show this ticket in the ticket pane and the policy panel (None clears them)."""
        tid = ticket_id if isinstance(ticket_id, str) else None
        if tid == self.open_ticket_id:
            return
        self.open_ticket_id = tid
        panes = [self.ticket_pane] if self.linked else [self.ticket_pane, self.policy_panel]
        for pane in panes:
            try:
                pane.show_ticket(tid)  # type: ignore[attr-defined]
            except Exception as exc:  # one broken pane must not break moving in the queue
                from websight_desk.ui import errors

                errors.report(exc, self)
        self.refresh_banner()
        self.ctx.events.ticketSelected.emit(tid)

    def refresh_banner(self) -> None:
        """The policy panel's refusal banner for the open ticket's customer (or none)."""
        if hasattr(self.policy_panel, "set_banner"):
            from websight_desk.ui.abuse.banner import show_refusal_banner

            show_refusal_banner(self.ctx, self.policy_panel, self.open_ticket_id)

    def activate_ticket(self, ticket_id: str) -> None:
        """Enter on a queue row: open it and move the keyboard to the ticket."""
        self.show_ticket(ticket_id)
        self.focus_pane(1)

    def open_ticket(self, ticket_id: str) -> None:
        """Open a ticket from outside the queue (command line, another dialog); the queue
        selects it as soon as it shows it (also after the reload a new ticket causes)."""
        self.queue.select_ticket(ticket_id)
        self.show_ticket(ticket_id)

    def panes(self) -> list[QWidget]:
        return [self.queue.table, self.ticket_pane, self.policy_panel]

    def focus_pane(self, index: int) -> None:
        pane = self.panes()[index]
        first_focusable(pane).setFocus(Qt.FocusReason.ShortcutFocusReason)
        if index == 0 and not self.queue.table.currentIndex().isValid():
            self.queue.table.select_row(0)

    def current_pane(self) -> int:
        focus = self.focusWidget()
        for i, pane in enumerate(self.panes()):
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                return i
        return 0 if focus is self.queue.bar.search else -1

    def cycle_pane(self, step: int) -> None:
        self.focus_pane((self.current_pane() + step) % len(self.panes()))

    def set_language(self, code: str) -> None:
        if code != current_language():
            switch_language(self.ctx, code)

    def refresh(self) -> None:
        self.ctx.events.ticketsChanged.emit([])

    def new_ticket(self) -> None:
        from websight_desk.ui.dialog_hooks import open_new_ticket

        open_new_ticket(self)

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

        open_customer(self, customer_id, self.open_ticket_id)

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

    def _view_changed(self, key: str) -> None:
        if key in self.view_actions:
            self.view_actions[key].setChecked(True)
        self._save_state(view=key)

    # --- state ---------------------------------------------------------------------------

    def _state(self) -> dict[str, object]:
        state = self.ctx.desk.settings.extra.get(STATE_KEY)
        return dict(state) if isinstance(state, dict) else {}

    def _save_state(self, **values: object) -> None:
        if not self.remember:
            return
        state = self._state()
        state.update(values)
        self.ctx.desk.settings.extra[STATE_KEY] = state
        self.ctx.desk.save_settings()

    def restore_state(self) -> None:
        state = self._state() if self.remember else {}
        geometry = state.get("geometry")
        if isinstance(geometry, str):
            self.restoreGeometry(QByteArray.fromBase64(geometry.encode("ascii")))
        sizes = state.get("splitter")
        if isinstance(sizes, list) and len(sizes) == 3 and all(isinstance(s, int) for s in sizes):
            self.splitter.setSizes(sizes)
        else:
            width = max(self.width(), 900)
            self.splitter.setSizes([width * 44 // 100, width * 34 // 100, width * 22 // 100])

    def save_state(self) -> None:
        self._save_state(
            geometry=bytes(self.saveGeometry().toBase64().data()).decode("ascii"),
            splitter=self.splitter.sizes(),
            view=self.queue.view_key(),
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.save_state()
        except Exception as exc:  # never trap the user in a window that cannot close
            from websight_desk.ui import errors

            errors.report(exc, self)
        self.ctx.runner.shutdown()
        super().closeEvent(event)

    def retranslate(self) -> None:
        self.setWindowTitle(_("Websight Desk"))
        self.setAccessibleName(_("Websight Desk"))
        self.splitter.setAccessibleName(_("Workspace panes"))
        self.menus.retranslate()
        for code, act in self.language_actions.items():
            act.setChecked(code == current_language())
        key = self.queue.view_key()
        if key in self.view_actions:
            self.view_actions[key].setChecked(True)
        self.queue.retranslate()
        self.status.retranslate()
        self.status.sync.setToolTip(
            _("Click to see the changes the server refused and the edits that lost")
        )
