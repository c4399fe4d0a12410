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

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QToolButton, QWidget

from websight_desk.domain.enums import MessageKind
from websight_desk.i18n import _
from websight_desk.policy.model import Action
from websight_desk.ui.context import UiContext
from websight_desk.ui.ticket import canned
from websight_desk.ui.ticket.pane_send import PaneSend

# Checklist actions that open a dialog of another feature instead of inserting a reply.
_DIALOG_ACTIONS = frozenset({Action.OFFER_PHONE_CALLBACK.value, Action.CONSIDER_TERMINATION.value})


class TicketPane(PaneSend):
    """The ticket pane; its layers: `pane_widgets` → `pane_thread` → `pane_send` → this
    (wiring, shortcuts, action bar, canned replies, translation)."""

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self._connect()
        self._shortcuts()
        self.retranslate()
        ctx.events.languageChanged.connect(self.retranslate)
        ctx.events.ticketsChanged.connect(self._tickets_changed)
        self._show_state()

    def _connect(self) -> None:
        self.header.customerRequested.connect(self.customerRequested)
        self.thread_view.anchorClicked.connect(self._link)
        self.send_anyway.clicked.connect(lambda: self.send(force=True))
        self.keep_editing.clicked.connect(self._acknowledge_new)
        self.composer.sendRequested.connect(self.send)
        self.composer.cannedChosen.connect(self.insert_canned)
        self.composer.statusChosen.connect(self.change_status)
        self.composer.assignRequested.connect(self.assign_to_me)
        self.composer.draftStarted.connect(self._draft_started)

    def _shortcuts(self) -> None:
        pane = Qt.ShortcutContext.WidgetWithChildrenShortcut
        window = Qt.ShortcutContext.WindowShortcut
        self._bind_shortcut("Ctrl+Return", pane, self.send)
        self._bind_shortcut("Ctrl+Enter", pane, self.send)
        self._bind_shortcut("Ctrl+R", window, lambda: self.focus_composer(MessageKind.OUTBOUND))
        self._bind_shortcut("Ctrl+Shift+N", window, lambda: self.focus_composer(MessageKind.NOTE))
        self._bind_shortcut("Ctrl+M", window, self.assign_to_me)

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

    def focus_composer(self, kind: MessageKind) -> None:
        if self._detail is None:
            return
        self.composer.set_kind(kind)
        self.composer.editor.setFocus()

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
