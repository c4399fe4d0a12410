"""The main window: queue | ticket | policy panel in a splitter, menus, keyboard, status bar.

The window owns its panes and its helpers: `layout_state` (`WindowLayout`: the remembered
geometry, splitter and view), `nav` (`Navigation`: the open ticket and pane focus), `dialogs`
(`WindowDialogs`: what the menus open), `tools` (`ToolWindows`) and `menus` (`MenuBuilder`,
filled by `main_window_menus.build_menus`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QMainWindow, QSplitter, QWidget

from websight_desk.domain.queue_views import AgentSummary, ViewInfo
from websight_desk.i18n import _, current_language
from websight_desk.storage.queries.agents import agent_summary
from websight_desk.storage.queries.planner import ensure_statistics
from websight_desk.ui import errors
from websight_desk.ui.abuse.pane_actions import install_abuse_actions
from websight_desk.ui.callbacks.install import install_callbacks
from websight_desk.ui.click_filter import ClickFilter
from websight_desk.ui.context import UiContext
from websight_desk.ui.icons import app_icon
from websight_desk.ui.language import switch_language
from websight_desk.ui.main_window_dialogs import WindowDialogs
from websight_desk.ui.main_window_layout import STATE_KEY, WindowLayout
from websight_desk.ui.main_window_menus import LANGUAGE_NAMES, build_menus, enable_for_role
from websight_desk.ui.main_window_nav import Navigation, first_focusable
from websight_desk.ui.menus import MenuBuilder
from websight_desk.ui.policy import PolicyPanel
from websight_desk.ui.queue.panel import QueuePanel
from websight_desk.ui.status_bar import DeskStatusBar
from websight_desk.ui.sync import install_sync
from websight_desk.ui.ticket import TicketPane, link
from websight_desk.ui.ticket.presence_install import install_presence
from websight_desk.ui.tool_windows import ToolWindows

__all__ = ["LANGUAGE_NAMES", "STATE_KEY", "MainWindow", "first_focusable"]


class MainWindow(QMainWindow):
    def __init__(self, ctx: UiContext, views: list[ViewInfo], *, remember: bool = True) -> None:
        super().__init__()
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.setWindowIcon(app_icon())
        self.role: str | None = None  # the agent's role, read in the background
        self.queue = QueuePanel(ctx, views, self)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.ticket_pane = TicketPane(ctx, self.splitter)
        self.policy_panel = PolicyPanel(ctx, self.splitter)
        for i, (pane, stretch) in enumerate(
            ((self.queue, 5), (self.ticket_pane, 5), (self.policy_panel, 2))
        ):
            self.splitter.addWidget(pane)
            self.splitter.setStretchFactor(i, stretch)
        self.setCentralWidget(self.splitter)
        self.status = DeskStatusBar(ctx, self)
        self.setStatusBar(self.status)
        # remember=False: a fixed layout and nothing saved (screenshots)
        self.layout_state = WindowLayout(self, self.splitter, ctx.desk, remember=remember)
        self.nav = Navigation(ctx, self, self.queue, self.ticket_pane, self.policy_panel)
        self.tools = ToolWindows(ctx, self)
        self.dialogs = WindowDialogs(ctx, self, self.nav, self.tools)
        self.menus = MenuBuilder(self)
        self.view_actions: dict[str, QAction] = {}
        self.language_actions: dict[str, QAction] = {}
        build_menus(self, views)
        self._connect()
        self._install_features()
        self.resize(1400, 860)
        self.layout_state.restore()
        self.retranslate()
        self._read_role()
        install_sync(self)  # last: it may ask for the server token at start

    def _connect(self) -> None:
        self.queue.ticketSelected.connect(self.nav.show_ticket)
        self.queue.ticketActivated.connect(self.nav.activate_ticket)
        self.queue.viewChanged.connect(self._view_changed)
        self.ctx.events.languageChanged.connect(self.retranslate)
        self.ctx.events.ticketsChanged.connect(self.nav.tickets_changed)
        # The pane decides once per load and feeds the panel (decision, evidence clicks,
        # checklist actions), so the panel does not decide the same ticket again.
        link(self.ticket_pane, self.policy_panel)
        self.ticket_pane.customerRequested.connect(self.dialogs.show_customer_by_id)
        self.queue.table.columns.changed.connect(self._columns_changed)

    def _install_features(self) -> None:
        """Features that plug into the pane, the menus and the status bar."""
        self.end_for_abuse = install_abuse_actions(self.ticket_pane)
        install_callbacks(self)
        install_presence(self.ticket_pane)
        self._sync_click = ClickFilter(self.status.sync, self.dialogs.show_sync_problems)

    def _read_role(self) -> None:
        desk, agent_id = self.ctx.desk, self.ctx.agent_id

        def job() -> AgentSummary | None:
            with desk.db.read() as conn:
                return agent_summary(conn, agent_id)

        def known(agent: AgentSummary | None) -> None:
            self.role = agent.role if agent else None
            enable_for_role(self, self.role)

        self.ctx.runner.run(job, known, lambda exc: errors.report(exc, self))

    def start(self) -> None:
        """Load the queue in the remembered view (call once the window is set up)."""
        view = self.layout_state.state().get("view")
        if self.layout_state.remember:
            self.queue.table.restore_columns(self.layout_state.state().get("queue_columns"))
        self.queue.start(view if isinstance(view, str) else None)
        self.status.refresh()
        db = self.ctx.desk.db
        self.ctx.runner.run(
            lambda: ensure_statistics(db),
            lambda analysed: self.queue.model.reload() if analysed else None,
            lambda exc: None,  # statistics only speed queries up; never bother the agent
        )

    # -- what tests, the app and other features call on the window ---------------------
    @property
    def open_ticket_id(self) -> str | None:
        return self.nav.open_ticket_id

    def show_ticket(self, ticket_id: object) -> None:
        self.nav.show_ticket(ticket_id)

    def open_ticket(self, ticket_id: str) -> None:
        self.nav.open_ticket(ticket_id)

    def panes(self) -> list[QWidget]:
        return self.nav.panes()

    def focus_pane(self, index: int) -> None:
        self.nav.focus_pane(index)

    def current_pane(self) -> int:
        return self.nav.current_pane()

    def cycle_pane(self, step: int) -> None:
        self.nav.cycle_pane(step)

    def set_language(self, code: str) -> None:
        if code != current_language():
            switch_language(self.ctx, code)

    def refresh(self) -> None:
        self.ctx.events.ticketsChanged.emit([])

    def _columns_changed(self) -> None:
        self.layout_state.save(queue_columns=self.queue.table.column_state())

    def _view_changed(self, key: str) -> None:
        if key in self.view_actions:
            self.view_actions[key].setChecked(True)
        self.layout_state.save(view=key)

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

    def closeEvent(self, event: QCloseEvent) -> None:
        try:
            self.layout_state.save_all(self.queue.view_key())
        except Exception as exc:  # never trap the user in a window that cannot close
            errors.report(exc, self)
        self.ctx.runner.shutdown()
        super().closeEvent(event)
