"""`TicketPane`: one ticket — header, thread, composer — and the writes an agent makes on it.

Public API (embedded by the main window):

* `TicketPane(ctx)`; `show_ticket(ticket_id | None)`; `highlight(field, start, end)`;
  `perform_action(action)` (a policy `Action` value: inserts its canned reply);
  `insert_canned(key)`; `send()`; `change_status(value)`; `assign_to_me()`. A reply to a
  refused or pending-review customer asks `ask_override_reason(state)` first (cancel = the
  text stays) and is sent with the reason (`services.replies.send_reply`).
* Signals: `ticketChanged(str)` after a write; `decisionChanged(object)` with the ticket's
  `Decision | None` (feed the `PolicyPanel`); `customerRequested(str)` customer id.
* Shortcuts (`pane_keys`): Ctrl+Enter send (inside the pane); Ctrl+R reply, Ctrl+Shift+N
  note, Ctrl+M assign to me, Ctrl+Shift+S status, Ctrl+Shift+H canned replies (window-wide).
* Features plug in without editing this file (`ui/callbacks`, `ui/abuse`): `add_action(QAction)`
  puts a header button (shortcut window-wide); `set_action_handler(action, fn)` makes a
  checklist action call `fn()` instead; `add_read(key, fn)`: `loaded.reads[key]`, read with it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QLabel, QSplitter, QStackedLayout, QToolButton, QVBoxLayout, QWidget

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.enums import MessageKind
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.i18n import _
from websight_desk.policy.model import Decision
from websight_desk.services.abuse import RefusalState
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.icons import header_button_icon
from websight_desk.ui.theme import set_tone
from websight_desk.ui.ticket import canned
from websight_desk.ui.ticket.canned_insert import CannedInserter
from websight_desk.ui.ticket.canned_picker import CannedPicker
from websight_desk.ui.ticket.header import TicketHeader
from websight_desk.ui.ticket.jobs import LoadedTicket, Read, load_job
from websight_desk.ui.ticket.override_prompt import ask_override_reason
from websight_desk.ui.ticket.pane_keys import bind_keys
from websight_desk.ui.ticket.reply_box import ReplyBox
from websight_desk.ui.ticket.thread_html import Highlight
from websight_desk.ui.ticket.thread_view import ThreadView


class TicketPane(QWidget):
    """Placeholder | header, thread and reply box, for the ticket picked in the queue."""

    ticketChanged = Signal(str)
    decisionChanged = Signal(object)
    customerRequested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ticketPane")
        self._ticket_id: str | None = None
        self._loaded: LoadedTicket | None = None
        self._mark: Highlight | None = None
        self._actions: list[QAction] = []
        self._handlers: dict[str, Callable[[], object]] = {}
        self._reads: dict[str, Read] = {}
        self.canned_picker: CannedPicker | None = None  # the last one opened (Ctrl+Shift+H)
        self._build()
        self._connect()
        self.shortcuts: dict[str, QShortcut] = bind_keys(self, self)
        self.retranslate()
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketsChanged.connect(self._tickets_changed)
        self._show_state()

    def _build(self) -> None:
        self._stack = QStackedLayout(self)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("ticketPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_tone(self.placeholder, "muted")
        self._stack.addWidget(self.placeholder)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        self.header = TicketHeader()
        lay.addWidget(self.header)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.thread_view = ThreadView(self.ctx)
        split.addWidget(self.thread_view)
        self.reply = ReplyBox(self.ctx)
        split.addWidget(self.reply)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        self._stack.addWidget(page)
        # The reply box's parts, as the pane has always offered them.
        self.composer = self.reply.composer
        self.new_bar = self.reply.new_bar
        self.send_anyway = self.new_bar.send_anyway
        self.keep_editing = self.new_bar.keep_editing
        self._canned = CannedInserter(self.ctx, self.composer, lambda: self.ticket_id, self)

    def _connect(self) -> None:
        self.header.customerRequested.connect(self.customerRequested)
        self.reply.changed.connect(self._changed)
        self.reply.arrived.connect(self.show_ticket)
        self.reply.acknowledged.connect(self._render)
        self.reply.overrideNeeded.connect(self._override_needed)
        self.composer.cannedChosen.connect(self.insert_canned)

    @property
    def ticket_id(self) -> str | None:
        return self._ticket_id

    @property
    def loaded(self) -> LoadedTicket | None:
        return self._loaded

    @property
    def detail(self) -> TicketDetail | None:
        return self._loaded.detail if self._loaded else None

    @property
    def decision(self) -> Decision | None:
        return self._loaded.decision if self._loaded else None

    @property
    def callbacks(self) -> tuple[CallbackView, ...]:
        return self._loaded.callbacks if self._loaded else ()

    def show_ticket(self, ticket_id: str | None) -> None:
        """Open a ticket (None = nothing); the draft of the previous one is kept."""
        if ticket_id != self._ticket_id:
            self._ticket_id = ticket_id
            self._loaded, self._mark = None, None
            self.thread_view.reset(ticket_id)
            self.reply.switch_to(ticket_id)
        if ticket_id is None:
            self._show_state()
            self.decisionChanged.emit(None)
            return
        job = load_job(self.ctx.desk, ticket_id, self.ctx.ruleset, self.ctx.now(), self._reads)
        failed = partial(report, parent=self)
        self.ctx.runner.run(job, self._show_loaded, failed, key=f"ticket-pane-{id(self)}")

    def highlight(self, field: str, start: int, end: int) -> None:
        """Show the policy's evidence: mark `field[start:end]` and scroll to it."""
        self._mark = Highlight(field, start, end)
        self.thread_view.open_quote_of(self._mark)
        self._render()
        if field != "subject":
            self.thread_view.scroll_to_mark()

    def field_names(self) -> dict[str, str]:
        """Names of evidence fields for the policy panel ("Message 2 · 14:05")."""
        detail = self.detail
        if detail is None:
            return {}
        names = {"subject": _("Subject")}
        for i, m in enumerate(detail.messages, start=1):
            names[m.field] = _("Message {n}").format(n=i)
        return names

    def _show_loaded(self, loaded: LoadedTicket) -> None:
        detail = loaded.detail
        if detail is None or detail.id != self._ticket_id:
            if detail is None:
                self._loaded = None
                self.reply.loaded(None)
                self._show_state()
                self.decisionChanged.emit(None)
            return
        first = self.detail is None
        self._loaded = loaded
        self.reply.loaded(detail)
        self._fill_canned()
        self._show_state()
        if first:
            self.thread_view.clear()
        self.thread_view.preset(loaded.extras)
        self._render()
        if first and self._mark is None:
            self.thread_view.scroll_to_end()
        self.decisionChanged.emit(loaded.decision)

    def _render(self) -> None:
        if (detail := self.detail) is None:
            return
        self.header.show_detail(detail, self._mark)
        self.thread_view.show_thread(
            detail.messages, mark=self._mark, new_ids=self.reply.unseen, callbacks=self.callbacks
        )

    def _show_state(self) -> None:
        has = self.detail is not None
        self._stack.setCurrentIndex(1 if has else 0)
        for sc in self.shortcuts.values():
            sc.setEnabled(has)
        for action in self._actions:
            action.setEnabled(has)

    def _tickets_changed(self, ids: list[str]) -> None:
        if self._ticket_id is not None and (not ids or self._ticket_id in ids):
            self.show_ticket(self._ticket_id)

    def send(self, *, force: bool = False, override_reason: str | None = None) -> None:
        """Post the composer's text; if messages arrived since writing began, ask first; a
        reply to a refused or pending-review customer asks for an override reason first."""
        self.reply.send(force=force, override_reason=override_reason)

    def ask_override_reason(self, state: RefusalState) -> str | None:
        """Why the agent replies to a refused or pending customer (None = cancelled)."""
        return ask_override_reason(self, state)

    def _override_needed(self, state: RefusalState) -> None:
        reason = self.ask_override_reason(state)
        if reason is None:  # cancelled: the typed text stays in the composer
            self.ctx.events.statusMessage.emit(_("Reply not sent; your text is kept."))
            self.composer.editor.setFocus()
            return
        self.send(override_reason=reason)

    def change_status(self, value: str) -> None:
        self.reply.change_status(value)

    def assign_to_me(self) -> None:
        self.reply.assign_to_me()

    def _changed(self, ticket_id: str) -> None:
        self.ticketChanged.emit(ticket_id)
        self.ctx.tickets_changed([ticket_id])

    def add_action(self, action: QAction) -> QToolButton:
        """Add a feature's action: a header button plus its shortcut, window-wide."""
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setEnabled(self.detail is not None)
        self.addAction(action)
        self._actions.append(action)
        button = self.header.add_action(action)
        header_button_icon(action, button)  # narrow, and no font-dependent ⛔ or ☎
        return button

    def set_action_handler(self, action: str, handler: Callable[[], object]) -> None:
        """Let a policy checklist action (an `Action` value) call `handler()` instead."""
        self._handlers[action] = handler

    def add_read(self, key: str, read: Read) -> None:
        """Read a feature's facts of each shown ticket with it: `loaded.reads[key]`."""
        self._reads[key] = read

    def focus_composer(self, kind: MessageKind) -> None:
        if self.detail is not None:
            self.composer.set_kind(kind)
            self.composer.editor.setFocus()

    def pick_status(self) -> None:
        """Ctrl+Shift+S: the status list, open; arrows and Enter choose."""
        if self.detail is not None:
            self.composer.status.setFocus()
            self.composer.status.showPopup()

    def pick_canned(self) -> None:
        """Ctrl+Shift+H: the canned replies to type into (`canned_picker`)."""
        if self.detail is not None:
            self.canned_picker = self._canned.pick(*canned.entries(self.decision))

    def perform_action(self, action: str) -> None:
        """A checklist item of the policy panel: a feature's handler, else its canned reply."""
        handler = self._handlers.get(action)
        if handler is not None:
            if self.detail is not None:
                handler()
            return
        if action in canned.DIALOG_ACTIONS:
            return  # the callbacks and abuse features connect their dialogs to the panel
        key = canned.key_for_action(action, self.decision)
        if key is not None:
            self.insert_canned(key)

    def insert_canned(self, key: str) -> None:
        """Insert canned reply `key`, filled; the first value left to the agent is selected."""
        if self.detail is not None:
            self._canned.insert(key)

    def _fill_canned(self) -> None:
        entries, suggested = canned.entries(self.decision)
        self.composer.set_canned(entries, suggested)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Ticket"))
        self.placeholder.setText(_("Select a ticket in the queue to read and answer it."))
        self.thread_view.setAccessibleName(_("Messages of the ticket"))
        self.reply.retranslate()
        self.header.refresh()
        self._render()
        if self.detail is not None:
            self._fill_canned()
