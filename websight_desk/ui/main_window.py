"""The main window: queue | ticket | policy panel in a splitter, menus, keyboard, status bar.

Layers: `main_window_state` (layout saved) → `main_window_nav` (open ticket, pane focus) →
`main_window_tools` (dialogs, features) → `MainWindow` here; menus in `main_window_menus`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QSplitter

from websight_desk.domain.queue_views import ViewInfo
from websight_desk.i18n import _, current_language
from websight_desk.storage.queries import queue_registry
from websight_desk.storage.queries.agents import agent_summary
from websight_desk.ui.context import UiContext
from websight_desk.ui.language import switch_language
from websight_desk.ui.main_window_menus import LANGUAGE_NAMES, build_menus
from websight_desk.ui.main_window_nav import first_focusable
from websight_desk.ui.main_window_state import STATE_KEY
from websight_desk.ui.main_window_tools import WindowTools
from websight_desk.ui.menus import MenuBuilder
from websight_desk.ui.panes import make_policy_panel, make_ticket_pane
from websight_desk.ui.queue.panel import QueuePanel
from websight_desk.ui.status_bar import DeskStatusBar
from websight_desk.ui.tool_windows import ToolWindows

__all__ = ["LANGUAGE_NAMES", "STATE_KEY", "MainWindow", "first_focusable"]


class MainWindow(WindowTools):
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
        build_menus(self, views)
        self._connect()
        self._install_features()
        self.resize(1400, 860)
        self.restore_state()
        self.retranslate()
        from websight_desk.ui.sync import install_sync

        install_sync(self)  # last: it may ask for the server token at start

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

    def set_language(self, code: str) -> None:
        if code != current_language():
            switch_language(self.ctx, code)

    def refresh(self) -> None:
        self.ctx.events.ticketsChanged.emit([])

    def _view_changed(self, key: str) -> None:
        if key in self.view_actions:
            self.view_actions[key].setChecked(True)
        self._save_state(view=key)

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
