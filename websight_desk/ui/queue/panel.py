"""`QueuePanel`: filter bar + bulk bar + queue table + its model, wired to the shared context."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QTimer, Signal
from PySide6.QtWidgets import QMenu, QVBoxLayout, QWidget

from websight_desk.domain.queue_views import ViewInfo
from websight_desk.i18n import _
from websight_desk.storage.queries import queue_registry
from websight_desk.ui.context import UiContext
from websight_desk.ui.icons import icon
from websight_desk.ui.queue.bulk_actions import BulkActions
from websight_desk.ui.queue.bulk_bar import BulkBar
from websight_desk.ui.queue.filter_bar import FilterBar
from websight_desk.ui.queue.model import QueueModel
from websight_desk.ui.queue.view import QueueTable

AGE_REFRESH_MS = 60_000
DEFAULT_VIEW = "all_open"


class QueuePanel(QWidget):
    """Emits `ticketSelected(id | None)` as the cursor moves and `ticketActivated(id)` on Enter;
    `viewChanged(key)` when the agent picks another view."""

    ticketSelected = Signal(object)
    ticketActivated = Signal(str)
    viewChanged = Signal(str)

    def __init__(
        self, ctx: UiContext, views: list[ViewInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("queuePanel")
        self.model = QueueModel(ctx, self)
        self.bar = FilterBar(views, self)
        self.table = QueueTable(self.model, self)
        self.bulk = BulkActions(ctx, self.table.selected_ticket_ids, self)
        self.bulk_bar = BulkBar(self.bulk, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 0, 4)
        layout.addWidget(self.bar)
        layout.addWidget(self.bulk_bar)
        layout.addWidget(self.table, 1)
        self._selected: list[str] = []  # a multi-selection to keep across reloads
        self._resetting = False
        self.model.modelAboutToBeReset.connect(lambda: setattr(self, "_resetting", True))
        self._wanted: str | None = None  # ticket to keep selected across reloads
        self._first_on_load = False  # Return in the search box: the first result, once loaded
        self.bar.changed.connect(self._query_changed)
        self.bar.intoResults.connect(self.enter_results)
        self.model.loaded.connect(self._loaded)
        self.table.currentTicketChanged.connect(self._cursor_moved)
        self.table.ticketActivated.connect(self.ticketActivated)
        self.table.selectionCountChanged.connect(self._selection_changed)
        self.table.bulkKey.connect(self._bulk_key)
        self.table.bulkMenuRequested.connect(self._bulk_menu)
        self.bulk_bar.clearRequested.connect(self._clear_selection)
        ctx.events.ticketsChanged.connect(lambda _ids: self.model.reload())
        self._ages = QTimer(self)
        self._ages.setInterval(AGE_REFRESH_MS)
        self._ages.timeout.connect(self.model.refresh_texts)
        self._ages.start()

    def start(self, view: str | None = None) -> None:
        """First load: the remembered view (if still offered) else the default."""
        if not (view and self.bar.set_view(view, emit=False)):
            self.bar.set_view(DEFAULT_VIEW, emit=False)
        self._query_changed()

    def view_key(self) -> str:
        return self.bar.view_key() or DEFAULT_VIEW

    def set_view(self, key: str) -> bool:
        return self.bar.set_view(key)

    def set_search(self, text: str) -> None:
        self.bar.search.setText(text)
        self.bar.apply_now()

    def focus_search(self) -> None:
        self.bar.search.setFocus()
        self.bar.search.selectAll()

    def pick_view(self) -> None:
        self.bar.pick_view()

    def enter_results(self) -> None:
        """From the search box into the results: the first one (once the search is done)."""
        self.table.setFocus()
        if self.model.loading:
            self._first_on_load = True
        elif self.model.rowCount():
            self.table.select_row(0)

    def current_ticket_id(self) -> str | None:
        return self.table.current_ticket_id()

    def select_ticket(self, ticket_id: str) -> bool:
        self._wanted = ticket_id
        return self.table.select_ticket(ticket_id)

    def _query_changed(self) -> None:
        key = self.view_key()
        query = replace(
            self.model.query, view=key, search=self.bar.text(), agent_id=self.ctx.agent_id
        )
        if key != self.model.query.view:
            self.viewChanged.emit(key)
        self.model.set_query(query)

    def _show_count(self) -> None:
        self.bar.set_count(self.model.count_text())  # "10.000+ bilet" when counting stopped

    def _loaded(self, _total: int) -> None:
        self._show_count()
        try:
            self._select_after_load()
        finally:
            self._resetting = False

    def _select_after_load(self) -> None:
        if self._first_on_load:
            self._first_on_load = False
            self.table.select_row(0)
            return
        # Keep the agent on the same ticket (and selection) across reloads, else the top.
        if self._wanted is not None and self.table.select_ticket(self._wanted):
            if len(self._selected) > 1:
                self.table.select_tickets(self._selected)
            return
        # The first time (nothing chosen yet) open the newest ticket, like a mail client.
        if self.model.rowCount() and (self.table.hasFocus() or self._wanted is None):
            self.table.select_row(0)

    def _selection_changed(self, n: int) -> None:
        if not self._resetting:
            self._selected = self.table.selected_ticket_ids() if n > 1 else []
        self.bulk_bar.show_count(n)

    def _bulk_key(self, name: str) -> None:
        if name == "assign":
            self.bulk.assign_to_me()
        elif name == "assign_to":
            self.bulk.pick_assignee()
        else:
            rect = self.table.visualRect(self.table.currentIndex())
            self.bulk.status_menu(self).exec(self.table.viewport().mapToGlobal(rect.center()))

    def _bulk_menu(self, where: QPoint) -> None:
        """Right click or the menu key: the actions on the selected tickets."""
        menu = QMenu(self)
        menu.setObjectName("bulkMenu")
        menu.addAction(icon("action_assign"), _("Assign to me"), self.bulk.assign_to_me)
        menu.addAction(_("Assign to a colleague…"), self.bulk.pick_assignee)
        status = self.bulk.status_menu(menu)
        status.setTitle(_("Set the status"))
        menu.addMenu(status)
        self.bulk_menu = menu
        menu.popup(where)

    def _clear_selection(self) -> None:
        self._selected = []
        self.table.setFocus()
        if self.table.currentIndex().isValid():
            self.table.setCurrentIndex(self.table.currentIndex())
        else:
            self.table.clearSelection()

    def _cursor_moved(self, ticket_id: object) -> None:
        if isinstance(ticket_id, str):
            self._wanted = ticket_id
        self.ticketSelected.emit(ticket_id)

    def retranslate(self) -> None:
        self.bar.retranslate()
        self.bulk_bar.retranslate()
        self.table.retranslate()
        self.model.retranslate()
        self._show_count()
        self.setAccessibleName(_("Queue"))


def default_views(role: str | None) -> list[ViewInfo]:
    """The views offered to an agent with this role."""
    return queue_registry.views(role)
