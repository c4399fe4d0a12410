"""Moving around the main window: open a ticket in the panes, focus and cycle the panes."""

from __future__ import annotations

import itertools
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QWidget

from websight_desk.ui import errors
from websight_desk.ui.abuse.banner import (
    BannerFacts,
    banner_facts,
    banner_key,
    show_banner_facts,
)
from websight_desk.ui.context import UiContext
from websight_desk.ui.policy import PolicyPanel
from websight_desk.ui.queue.panel import QueuePanel
from websight_desk.ui.ticket import TicketPane


def first_focusable(widget: QWidget) -> QWidget:
    """The widget itself if it takes focus, else its first descendant that does."""
    if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
        return widget
    for child in widget.findChildren(QWidget):
        if child.focusPolicy() & Qt.FocusPolicy.TabFocus and child.isVisibleTo(widget):
            return child
    return widget


BANNER_READ = "refusal-banner"  # the ticket pane's read of the banner (`add_read`)
Stamped = tuple[int, BannerFacts | None]  # (when it was read: a newer reading wins, facts)


class Navigation:
    """The open ticket and keyboard focus. The ticket pane loads the ticket and feeds the
    policy panel (`ui.ticket.link`), so the panel never decides the same ticket again; the
    panel's refusal banner is read with the ticket too (one trip to the runner per switch)."""

    def __init__(
        self,
        ctx: UiContext,
        window: QMainWindow,
        queue: QueuePanel,
        ticket_pane: TicketPane,
        policy_panel: PolicyPanel,
    ) -> None:
        self.ctx = ctx
        self.window = window
        self.queue = queue
        self.ticket_pane = ticket_pane
        self.policy_panel = policy_panel
        self.open_ticket_id: str | None = None
        self._stamps = itertools.count()  # taken as the banner's facts are read (any thread)
        self._banner_stamp = -1  # of the facts shown
        ticket_pane.add_read(BANNER_READ, self._read_banner)
        ticket_pane.decisionChanged.connect(self._pane_loaded)

    def show_ticket(self, ticket_id: object) -> None:
        """Show this ticket in the ticket pane and the policy panel (None clears them)."""
        tid = ticket_id if isinstance(ticket_id, str) else None
        if tid == self.open_ticket_id:
            return
        self.open_ticket_id = tid
        try:
            self.ticket_pane.show_ticket(tid)  # its load reads the banner too
        except Exception as exc:  # a broken pane must not break moving in the queue
            errors.report(exc, self.window)
            self.refresh_banner()
        if tid is None:
            self.refresh_banner()
        self.ctx.events.ticketSelected.emit(tid)

    def tickets_changed(self, ids: list[str]) -> None:
        """Tickets were written: the banner is read again (with the ticket, when the pane
        reloads the open one)."""
        if self.open_ticket_id is None or (ids and self.open_ticket_id not in ids):
            self.refresh_banner()

    def refresh_banner(self) -> None:
        """The policy panel's refusal banner for the open ticket's customer (or none)."""
        tid = self.open_ticket_id
        if tid is None:
            self._banner_stamp = next(self._stamps)
            show_banner_facts(self.policy_panel, None)
            return
        desk = self.ctx.desk

        def job() -> Stamped:
            with desk.db.read() as conn:
                return self._read_banner(conn, tid)

        def done(stamped: Stamped) -> None:
            self._show_banner(tid, stamped)

        self.ctx.runner.run(job, done, errors.report, key=banner_key(self.policy_panel))

    def _read_banner(self, conn: Any, ticket_id: str) -> Stamped:
        return next(self._stamps), banner_facts(conn, ticket_id)

    def _pane_loaded(self, _decision: object) -> None:
        tid, loaded = self.open_ticket_id, self.ticket_pane.loaded
        if tid is None or self.ticket_pane.ticket_id != tid:
            return
        if loaded is None or loaded.detail is None:  # the ticket does not exist (any more)
            self._show_banner(tid, (next(self._stamps), None))
            return
        stamped = loaded.reads.get(BANNER_READ)
        if isinstance(stamped, tuple):
            self._show_banner(tid, stamped)
        else:
            self.refresh_banner()

    def _show_banner(self, ticket_id: str, stamped: Stamped) -> None:
        stamp, facts = stamped
        if ticket_id != self.open_ticket_id or stamp < self._banner_stamp:
            return  # another ticket is open, or newer facts are shown
        self._banner_stamp = stamp
        show_banner_facts(self.policy_panel, facts)

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
        """The pane holding the keyboard (0 queue, 1 ticket, 2 policy), -1 if none."""
        focus = self.window.focusWidget()
        for i, pane in enumerate(self.panes()):
            if focus is not None and (focus is pane or pane.isAncestorOf(focus)):
                return i
        return 0 if focus is self.queue.bar.search else -1

    def cycle_pane(self, step: int) -> None:
        self.focus_pane((self.current_pane() + step) % len(self.panes()))
