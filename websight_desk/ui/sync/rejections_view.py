"""The refused changes, for people: groups (by cause or by ticket) on the left, one page of
the chosen group on the right with its explanation, and the actions that resolve it.

Reads and writes go through the runner (`storage.queries.rejections`, `services.rejections`).
Keyboard: Tab moves between groups, changes and buttons; Enter opens the change's ticket;
Ctrl+C copies its details; Alt mnemonics; PageDown/PageUp at a page's edge turn the page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from websight_desk.i18n import _, ngettext
from websight_desk.services import rejections
from websight_desk.services.rejection_causes import Cause
from websight_desk.services.rejections import discardable
from websight_desk.storage.queries.rejections import RejectionRow, rejection_rows
from websight_desk.ui import errors
from websight_desk.ui.context import UiContext
from websight_desk.ui.format import date_time
from websight_desk.ui.sync import reason_text
from websight_desk.ui.sync.rejection_discard import discard_current
from websight_desk.ui.sync.rejection_groups import (
    BY_CAUSE,
    Group,
    Item,
    details,
    group,
    items_of,
)
from websight_desk.ui.sync.rejections_layout import RejectionsLayout

_OP = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Loaded:
    rows: list[RejectionRow]
    seen: frozenset[str]


class RejectionsView(QWidget):
    """`ticketActivated(ticket id)` when the user opens a change's ticket; `changed` after an
    action (the status bar's count may change)."""

    ticketActivated = Signal(str)
    changed = Signal()

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("rejectionsView")
        self.ui = RejectionsLayout(self)
        self.items: list[Item] = []
        self.seen: frozenset[str] = frozenset()
        self.groups: list[Group] = []
        self.page = 0
        ui = self.ui
        ui.group_by.currentIndexChanged.connect(lambda _i: self._regroup())
        ui.group_list.currentRowChanged.connect(lambda _r: self._show_group(reset_page=True))
        ui.table.currentItemChanged.connect(lambda *_a: self._show_current())
        ui.table.itemActivated.connect(lambda *_a: self.open_ticket())
        ui.previous.clicked.connect(lambda: self.turn(-1))
        ui.next.clicked.connect(lambda: self.turn(1))
        ui.retry.clicked.connect(self.retry_selected)
        ui.retry_group.clicked.connect(self.retry_group)
        ui.mark_seen.clicked.connect(self.mark_selected_seen)
        ui.mark_group_seen.clicked.connect(self.mark_group_seen)
        ui.discard.clicked.connect(lambda: discard_current(self, self))
        ui.open_ticket.clicked.connect(self.open_ticket)
        ui.copy.clicked.connect(self.copy_details)
        copy = QShortcut(QKeySequence(QKeySequence.StandardKey.Copy), ui.table)
        copy.setContext(Qt.ShortcutContext.WidgetShortcut)
        copy.activated.connect(self.copy_details)
        ui.table.installEventFilter(self)
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.syncStateChanged.connect(self.refresh)  # new refusals while it is open
        self.retranslate()
        self.refresh()

    def refresh(self) -> None:
        desk = self.ctx.desk

        def job() -> Loaded:
            with desk.db.read() as conn:
                rows = rejection_rows(conn)
            return Loaded(rows, rejections.seen_rejections(desk))

        self.ctx.runner.run(
            job, self._loaded, lambda e: errors.report(e, self), key=f"rejections-{id(self)}"
        )

    def _loaded(self, loaded: Loaded) -> None:
        self.items, self.seen = items_of(loaded.rows), loaded.seen
        self._regroup()

    def _regroup(self) -> None:
        ui = self.ui
        current = self.current_group()
        keep = current.key if current is not None else None
        self.groups = group(self.items, ui.group_by.currentData() or BY_CAUSE)
        ui.group_list.blockSignals(True)
        ui.group_list.clear()
        for g in self.groups:
            ui.add_group(g.title, len(g.items), g.unseen(self.seen))
        ui.group_list.blockSignals(False)
        keys = [g.key for g in self.groups]
        ui.group_list.setCurrentRow(keys.index(keep) if keep in keys else 0)
        self._show_group(reset_page=keep not in keys)
        self._summary()

    def _summary(self) -> None:
        total = len(self.items)
        new = sum(1 for i in self.items if i.row.op_id not in self.seen)
        if not total:
            self.ui.summary.setText(
                _("No change was refused. Everything you did reached the server.")
            )
            return
        self.ui.summary.setText(
            ngettext(
                "{n} change was not accepted by the server.",
                "{n} changes were not accepted by the server.",
                total,
            ).format(n=total)
            + " "
            + _("Nothing is lost: each is kept on this computer until you resolve it.")
            + " "
            + ngettext("{n} not seen yet.", "{n} not seen yet.", new).format(n=new)
        )

    # --- what is shown -------------------------------------------------------------------

    def current_group(self) -> Group | None:
        row = self.ui.group_list.currentRow()
        return self.groups[row] if 0 <= row < len(self.groups) else None

    def _show_group(self, *, reset_page: bool) -> None:
        if reset_page:
            self.page = 0
        g = self.current_group()
        ui = self.ui
        if g is not None:
            self.page = min(self.page, g.pages() - 1)
        page = g.page(self.page) if g else ()
        shown = ui.table.currentItem()
        keep = shown.data(0, _OP) if shown is not None else None  # after a reload: stay there
        ui.explain.setText(self._explanation(g))
        ui.fill_table([self._cells(i) for i in page], [i.row.op_id for i in page])
        bold = [i.row.op_id not in self.seen for i in page]
        ui.mark_new(bold)
        pages = g.pages() if g else 1
        ui.page_label.setText(_("Page {page} of {pages}").format(page=self.page + 1, pages=pages))
        ui.previous.setEnabled(self.page > 0)
        ui.next.setEnabled(self.page + 1 < pages)
        ui.retry_group.setEnabled(g is not None and any(i.retryable for i in g.items))
        ui.mark_group_seen.setEnabled(g is not None and g.unseen(self.seen) > 0)
        ids = [i.row.op_id for i in page]
        target = ui.table.topLevelItem(ids.index(keep) if keep in ids else 0)
        if target is not None:
            ui.table.setCurrentItem(target)
        self._show_current()

    def _explanation(self, g: Group | None) -> str:
        if g is None:
            return ""
        if g.ticket_id is not None or g.key.startswith("ticket:"):
            return _("The refused changes of this ticket, each with its reason.")
        if g.items[0].diagnosis.cause is Cause.OTHER:
            return _("The server gave other reasons; choose a change to read its own words.")
        return reason_text.sentence(g.items[0].diagnosis)

    def _cells(self, item: Item) -> list[str]:
        row = item.row
        ticket = f"#{row.ticket_number}" if row.ticket_number is not None else "—"
        where = _("yours") if row.source == "push" else _("a colleague's")
        return [
            date_time(row.created_at),
            f"{reason_text.change_label(row.kind, row.field)} ({where})",
            reason_text.title(item.diagnosis),
            ticket,
            _("New") if row.op_id not in self.seen else _("Seen"),
        ]

    def current_item(self) -> Item | None:
        current = self.ui.table.currentItem()
        if current is None:
            return None
        op_id = current.data(0, _OP)
        return next((i for i in self.items if i.row.op_id == op_id), None)

    def _show_current(self) -> None:
        item = self.current_item()
        ui = self.ui
        ui.details.setPlainText(self.details_of(item) if item else "")
        ui.retry.setEnabled(item is not None and item.retryable)
        ui.mark_seen.setEnabled(item is not None and item.row.op_id not in self.seen)
        ui.discard.setEnabled(item is not None and discardable(item.row.source, item.row.kind))
        ui.open_ticket.setEnabled(item is not None and item.row.ticket_number is not None)
        ui.copy.setEnabled(item is not None)

    def details_of(self, item: Item) -> str:
        return details(item)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # PageDown/Up: turn pages
        if not (watched is self.ui.table and isinstance(event, QKeyEvent)):
            return False
        if event.type() != QEvent.Type.KeyPress:
            return False
        table, key = self.ui.table, event.key()
        current = table.currentItem()
        row = -1 if current is None else table.indexOfTopLevelItem(current)
        if key == Qt.Key.Key_PageDown and row == table.topLevelItemCount() - 1:
            return self.turn(1)
        return key == Qt.Key.Key_PageUp and row == 0 and self.turn(-1)

    def turn(self, step: int) -> bool:
        """Show the next (1) or previous (-1) page; False when there is none."""
        g = self.current_group()
        if g is None or not 0 <= self.page + step < g.pages():
            return False
        self.page += step
        self._show_group(reset_page=False)
        return True

    # --- actions -------------------------------------------------------------------------

    def _run(self, job: Callable[[], Any], done_text: Callable[[Any], str]) -> None:
        def finished(result: Any) -> None:
            self.ctx.events.statusMessage.emit(done_text(result))
            self.changed.emit()
            self.ctx.events.syncStateChanged.emit()  # the status bar and this view reload

        self.ctx.runner.run(job, finished, lambda e: errors.report(e, self))

    def _retry(self, items: list[Item]) -> None:
        desk, ids = self.ctx.desk, [i.row.op_id for i in items if i.retryable]
        self._run(
            lambda: rejections.retry(desk, ids),
            lambda r: ngettext(
                "{n} change queued again; it is sent with the next sync.",
                "{n} changes queued again; they are sent with the next sync.",
                r.sent_again,
            ).format(n=r.sent_again),
        )

    def retry_selected(self) -> None:
        item = self.current_item()
        if item is not None and item.retryable:
            self._retry([item])

    def retry_group(self) -> None:
        g = self.current_group()
        if g is not None:
            self._retry(list(g.items))

    def _mark(self, items: list[Item]) -> None:
        desk, ids = self.ctx.desk, [i.row.op_id for i in items]
        self._run(
            lambda: rejections.mark_seen(desk, ids),
            lambda _r: ngettext(
                "{n} refused change marked as seen.",
                "{n} refused changes marked as seen.",
                len(ids),
            ).format(n=len(ids)),
        )

    def mark_selected_seen(self) -> None:
        item = self.current_item()
        if item is not None:
            self._mark([item])

    def mark_group_seen(self) -> None:
        g = self.current_group()
        if g is not None:
            self._mark([i for i in g.items if i.row.op_id not in self.seen])

    def open_ticket(self) -> None:
        item = self.current_item()
        if item is not None and item.row.ticket_id and item.row.ticket_number is not None:
            self.ticketActivated.emit(item.row.ticket_id)

    def copy_details(self) -> None:
        item = self.current_item()
        if item is not None:
            QGuiApplication.clipboard().setText(self.details_of(item))
            self.ctx.events.statusMessage.emit(_("Details copied."))

    def retranslate(self) -> None:
        self.ui.retranslate()
        if self.items or self.groups:
            self._regroup()
        else:
            self._summary()
