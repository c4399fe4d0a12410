"""`TicketPane`: one ticket — header, thread, composer — and the writes an agent makes on it.

Public API (embedded by the main window):

* `TicketPane(ctx)`; `show_ticket(ticket_id | None)`; `highlight(field, start, end)`;
  `perform_action(action)` (a policy `Action` value: inserts its canned reply);
  `insert_canned(key)`; `send()`; `change_status(value)`; `assign_to_me()`. A reply to a
  refused or pending-review customer asks `ask_override_reason(state)` first (cancel = the
  text stays) and is sent with the reason through `services.abuse.reply_with_override`.
* Signals: `ticketChanged(str)` after a write; `decisionChanged(object)` with the ticket's
  `Decision | None` (feed the `PolicyPanel`); `customerRequested(str)` customer id.
* Shortcuts: Ctrl+Enter send (inside the pane); Ctrl+R reply, Ctrl+Shift+N internal note,
  Ctrl+M assign to me (window-wide while the pane is visible).
* Other features plug in without editing this file: `add_action(QAction)` puts a button in
  the header's action bar (its shortcut works window-wide; enabled only while a ticket is
  shown); `set_action_handler(action, fn)` makes a policy checklist action (e.g.
  "offer_phone_callback") call `fn()` instead of inserting a reply. The thread shows the
  ticket's phone callbacks as entries of their own (`ui/callbacks/thread_entry.py`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QStackedLayout,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.enums import MessageKind, TicketField, TicketStatus
from websight_desk.domain.errors import ValidationError
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.i18n import _
from websight_desk.policy.model import Action, Decision
from websight_desk.services.abuse import RefusalState
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.ticket import canned
from websight_desk.ui.ticket.composer import Composer
from websight_desk.ui.ticket.header import TicketHeader
from websight_desk.ui.ticket.thread_html import (
    HIGHLIGHT_ANCHOR,
    QUOTE_LINK,
    Highlight,
    needs_expanding,
    render_thread,
)
from websight_desk.ui.ticket.writes import (
    Loaded,
    SendOutcome,
    change_field_job,
    load_job,
    send_job,
)

# Checklist actions that open a dialog of another feature instead of inserting a reply.
_DIALOG_ACTIONS = frozenset({Action.OFFER_PHONE_CALLBACK.value, Action.CONSIDER_TERMINATION.value})


@dataclass
class _Draft:
    kind: MessageKind
    text: str
    base: frozenset[str]  # the messages the agent had seen when they started writing


class TicketPane(QWidget):
    ticketChanged = Signal(str)
    decisionChanged = Signal(object)
    customerRequested = Signal(str)

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("ticketPane")
        self._ticket_id: str | None = None
        self._detail: TicketDetail | None = None
        self._decision: Decision | None = None
        self._callbacks: tuple[CallbackView, ...] = ()
        self._actions: list[QAction] = []
        self._handlers: dict[str, Callable[[], object]] = {}
        self._mark: Highlight | None = None
        self._expanded: set[str] = set()
        self._base: frozenset[str] = frozenset()
        self._unseen: frozenset[str] = frozenset()
        self._drafts: dict[str, _Draft] = {}
        self._sending = False
        self._build()
        self._shortcuts()
        self.retranslate()
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketsChanged.connect(self._tickets_changed)
        self._show_state()

    # -- construction --------------------------------------------------------------------
    def _build(self) -> None:
        self._stack = QStackedLayout(self)
        self.placeholder = QLabel()
        self.placeholder.setObjectName("ticketPlaceholder")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setStyleSheet("color:#6b7682;")
        self._stack.addWidget(self.placeholder)
        page = QWidget()
        lay = QVBoxLayout(page)
        lay.setContentsMargins(6, 6, 6, 6)
        lay.setSpacing(4)
        self.header = TicketHeader()
        self.header.customerRequested.connect(self.customerRequested)
        lay.addWidget(self.header)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        self.thread_view = QTextBrowser()
        self.thread_view.setObjectName("thread")
        self.thread_view.setOpenLinks(False)
        self.thread_view.anchorClicked.connect(self._link)
        split.addWidget(self.thread_view)
        lower = QWidget()
        lower_lay = QVBoxLayout(lower)
        lower_lay.setContentsMargins(0, 0, 0, 0)
        self.new_bar = QFrame()
        self.new_bar.setObjectName("newMessageBar")
        self.new_bar.setStyleSheet(
            "#newMessageBar { background:#fff4ce; border:1px solid #d9b44a; }"
        )
        bar = QHBoxLayout(self.new_bar)
        bar.setContentsMargins(6, 3, 6, 3)
        self.new_label = QLabel()
        self.new_label.setWordWrap(True)
        self.send_anyway = QPushButton()
        self.send_anyway.setObjectName("sendAnyway")
        self.send_anyway.clicked.connect(lambda: self.send(force=True))
        self.keep_editing = QPushButton()
        self.keep_editing.setObjectName("keepEditing")
        self.keep_editing.clicked.connect(self._acknowledge_new)
        bar.addWidget(self.new_label, 1)
        bar.addWidget(self.send_anyway)
        bar.addWidget(self.keep_editing)
        self.new_bar.setVisible(False)
        lower_lay.addWidget(self.new_bar)
        self.composer = Composer()
        self.composer.sendRequested.connect(self.send)
        self.composer.cannedChosen.connect(self.insert_canned)
        self.composer.statusChosen.connect(self.change_status)
        self.composer.assignRequested.connect(self.assign_to_me)
        self.composer.draftStarted.connect(self._draft_started)
        lower_lay.addWidget(self.composer)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 1)
        lay.addWidget(split, 1)
        self._stack.addWidget(page)

    def _shortcuts(self) -> None:
        pane = Qt.ShortcutContext.WidgetWithChildrenShortcut
        window = Qt.ShortcutContext.WindowShortcut
        bindings = [
            ("Ctrl+Return", pane, self.send),
            ("Ctrl+Enter", pane, self.send),
            ("Ctrl+R", window, lambda: self.focus_composer(MessageKind.OUTBOUND)),
            ("Ctrl+Shift+N", window, lambda: self.focus_composer(MessageKind.NOTE)),
            ("Ctrl+M", window, self.assign_to_me),
        ]
        self.shortcuts: dict[str, QShortcut] = {}
        for keys, context, slot in bindings:
            sc = QShortcut(QKeySequence(keys), self)
            sc.setContext(context)
            sc.activated.connect(slot)
            self.shortcuts[keys] = sc

    # -- public API ----------------------------------------------------------------------
    @property
    def ticket_id(self) -> str | None:
        return self._ticket_id

    @property
    def detail(self) -> TicketDetail | None:
        return self._detail

    @property
    def decision(self) -> Decision | None:
        return self._decision

    @property
    def callbacks(self) -> tuple[CallbackView, ...]:
        """The phone callbacks of the shown ticket, as the thread shows them."""
        return self._callbacks

    def add_action(self, action: QAction) -> QToolButton:
        """Add a feature's action: a header button plus its shortcut, window-wide."""
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setEnabled(self._detail is not None)
        self.addAction(action)
        self._actions.append(action)
        return self.header.add_action(action)

    def set_action_handler(self, action: str, handler: Callable[[], object]) -> None:
        """Let a policy checklist action (an `Action` value) call `handler()` instead."""
        self._handlers[action] = handler

    def show_ticket(self, ticket_id: str | None) -> None:
        """Open a ticket (None = nothing); the draft of the previous one is kept."""
        if ticket_id != self._ticket_id:
            self._stash_draft()
            self._ticket_id = ticket_id
            self._detail, self._decision, self._mark = None, None, None
            self._callbacks = ()
            self._expanded.clear()
            self._restore_draft()
        if ticket_id is None:
            self._show_state()
            self.decisionChanged.emit(None)
            return
        job = load_job(self.ctx.desk, ticket_id, self.ctx.ruleset, self.ctx.now())
        self.ctx.runner.run(job, self._loaded, self._failed, key=f"ticket-pane-{id(self)}")

    def highlight(self, field: str, start: int, end: int) -> None:
        """Show the policy's evidence: mark `field[start:end]` and scroll to it."""
        self._mark = Highlight(field, start, end)
        if self._detail is not None:
            for m in self._detail.messages:
                if m.field == field and needs_expanding(m.body, self._mark):
                    self._expanded.add(m.id)
        self._render()
        if field != "subject":
            self.thread_view.scrollToAnchor(HIGHLIGHT_ANCHOR)

    def focus_composer(self, kind: MessageKind) -> None:
        if self._detail is None:
            return
        self.composer.set_kind(kind)
        self.composer.editor.setFocus()

    def ask_override_reason(self, state: RefusalState) -> str | None:
        """Why the agent replies to a refused or pending customer (None = cancelled)."""
        from websight_desk.ui.abuse.banner import ask_override_reason

        return ask_override_reason(self, state)

    def field_names(self) -> dict[str, str]:
        """Names of evidence fields for the policy panel ("Message 2 · 14:05")."""
        if self._detail is None:
            return {}
        names = {"subject": _("Subject")}
        for i, m in enumerate(self._detail.messages, start=1):
            names[m.field] = _("Message {n}").format(n=i)
        return names

    def perform_action(self, action: str) -> None:
        """A checklist item of the policy panel: a feature's handler, else its canned reply."""
        handler = self._handlers.get(action)
        if handler is not None:
            if self._detail is not None:
                handler()
            return
        if action in _DIALOG_ACTIONS:
            return  # the callbacks and abuse features connect their dialogs to the panel
        key = canned.key_for_action(action, self._decision)
        if key is not None:
            self.insert_canned(key)

    def insert_canned(self, key: str) -> None:
        if self._detail is None:
            return
        text = canned.fill(key, self._detail, self.ctx)
        if text:
            self.composer.set_kind(MessageKind.OUTBOUND)
            self.composer.insert(text)

    def send(self, *, force: bool = False, override_reason: str | None = None) -> None:
        """Post the composer's text; if messages arrived since writing began, ask first; a
        reply to a refused or pending-review customer asks for an override reason first."""
        if self._detail is None or self._sending:
            return
        body = self.composer.text()
        if not body.strip():
            self.ctx.events.statusMessage.emit(_("Write something before sending."))
            return
        if force:
            self._acknowledge_new()
        self._sending = True
        self.composer.send.setEnabled(False)
        job = send_job(
            self.ctx.desk,
            self._detail.id,
            self.composer.kind,
            body,
            self._base,
            override_reason=override_reason,
        )
        self.ctx.runner.run(job, self._sent, self._write_failed)

    def change_status(self, value: str) -> None:
        if self._detail is None or value == self._detail.status.value:
            return
        self._write_field(TicketField.STATUS, TicketStatus(value).value)

    def assign_to_me(self) -> None:
        if self._detail is None:
            return
        me = self.ctx.agent_id
        if me is None:
            report(ValidationError(_("Choose who you are (an agent) first.")), self)
            return
        if self._detail.assignee_id != me:
            self._write_field(TicketField.ASSIGNEE, me)

    def retranslate(self) -> None:
        self.setAccessibleName(_("Ticket"))
        self.placeholder.setText(_("Select a ticket in the queue to read and answer it."))
        self.thread_view.setAccessibleName(_("Messages of the ticket"))
        self.new_label.setText(
            "⚠ " + _("A new message arrived while you were writing. Read it before sending.")
        )
        self.send_anyway.setText(_("Send anyway"))
        self.send_anyway.setAccessibleName(_("Send my text anyway"))
        self.keep_editing.setText(_("Keep editing"))
        self.keep_editing.setAccessibleName(_("Keep editing my text"))
        self.composer.retranslate()
        self.header.refresh()
        self._render()
        if self._detail is not None:
            self._fill_canned()

    # -- rendering -----------------------------------------------------------------------
    def _show_state(self) -> None:
        has = self._detail is not None
        self._stack.setCurrentIndex(1 if has else 0)
        for sc in self.shortcuts.values():
            sc.setEnabled(has)
        for action in self._actions:
            action.setEnabled(has)

    def _render(self) -> None:
        d = self._detail
        if d is None:
            return
        self.header.show_detail(d, self._mark)
        bar = self.thread_view.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        keep = bar.value()
        self.thread_view.setHtml(
            render_thread(
                d.messages,
                expanded=frozenset(self._expanded),
                mark=self._mark,
                new_ids=self._unseen,
                callbacks=self._callbacks,
            )
        )
        bar.setValue(bar.maximum() if at_end else keep)

    def _fill_canned(self) -> None:
        entries, suggested = canned.entries(self._decision)
        self.composer.set_canned(entries, suggested)

    # -- reactions -----------------------------------------------------------------------
    def _loaded(self, result: Loaded) -> None:
        detail, decision, calls = result
        if detail is None or detail.id != self._ticket_id:
            if detail is None:
                self._detail = None
                self._show_state()
                self.decisionChanged.emit(None)
            return
        first = self._detail is None
        self._detail, self._decision, self._callbacks = detail, decision, calls
        if self.composer.text().strip():
            self._unseen = detail.message_ids - self._base
        else:
            self._base, self._unseen = detail.message_ids, frozenset()
        self.new_bar.setVisible(bool(self._unseen))
        self.composer.set_status(detail.status)
        self.composer.assign.setEnabled(detail.assignee_id != self.ctx.agent_id)
        self._fill_canned()
        self._show_state()
        if first:
            self.thread_view.clear()
        self._render()
        if first and self._mark is None:
            bar = self.thread_view.verticalScrollBar()
            bar.setValue(bar.maximum())
        self.decisionChanged.emit(decision)

    def _draft_started(self) -> None:
        if self._detail is not None:
            self._base = self._detail.message_ids

    def _acknowledge_new(self) -> None:
        if self._detail is not None:
            self._base = self._detail.message_ids
        self._unseen = frozenset()
        self.new_bar.setVisible(False)
        self._render()
        self.composer.editor.setFocus()

    def _sent(self, outcome: SendOutcome) -> None:
        self._sending = False
        self.composer.send.setEnabled(True)
        ticket_id = self._ticket_id
        if ticket_id is None:
            return
        if outcome.unseen:
            # Someone wrote meanwhile: show it, keep the text, wait for the agent's answer.
            self.show_ticket(ticket_id)
            self.new_bar.setVisible(True)
            self.send_anyway.setFocus()
            return
        if outcome.refusal is not None:
            # Nothing was written: the customer is refused or pending review.
            reason = self.ask_override_reason(outcome.refusal)
            if reason is None:  # cancelled: the typed text stays in the composer
                self.ctx.events.statusMessage.emit(_("Reply not sent; your text is kept."))
                self.composer.editor.setFocus()
                return
            self.send(override_reason=reason)
            return
        self.composer.clear()
        self._drafts.pop(ticket_id, None)
        self._done(ticket_id)

    def _done(self, ticket_id: str) -> None:
        self.ticketChanged.emit(ticket_id)
        self.ctx.tickets_changed([ticket_id])

    def _write_field(self, field: TicketField, value: str) -> None:
        assert self._detail is not None
        ticket_id = self._detail.id
        job = change_field_job(self.ctx.desk, ticket_id, field, value)
        self.ctx.runner.run(job, lambda _r: self._done(ticket_id), self._write_failed)

    def _write_failed(self, exc: BaseException) -> None:
        self._sending = False
        self.composer.send.setEnabled(True)
        if self._detail is not None:
            self.composer.set_status(self._detail.status)
        report(exc, self)

    def _failed(self, exc: BaseException) -> None:
        report(exc, self)

    def _tickets_changed(self, ids: list[str]) -> None:
        if self._ticket_id is not None and (not ids or self._ticket_id in ids):
            self.show_ticket(self._ticket_id)

    def _link(self, url: object) -> None:
        text = url.toString() if hasattr(url, "toString") else str(url)
        if text.startswith(QUOTE_LINK):
            message_id = text[len(QUOTE_LINK) :]
            self._expanded.symmetric_difference_update({message_id})
            self._render()

    def _stash_draft(self) -> None:
        if self._ticket_id is not None and self.composer.text().strip():
            self._drafts[self._ticket_id] = _Draft(
                self.composer.kind, self.composer.text(), self._base
            )
        self.composer.clear()
        self.new_bar.setVisible(False)
        self._unseen = frozenset()

    def _restore_draft(self) -> None:
        draft = self._drafts.pop(self._ticket_id, None) if self._ticket_id else None
        self.composer.set_kind(draft.kind if draft else MessageKind.OUTBOUND)
        if draft is not None:
            self.composer.editor.setPlainText(draft.text)
            self._base = draft.base
        else:
            self._base = frozenset()
