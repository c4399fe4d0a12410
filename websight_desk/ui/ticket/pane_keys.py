"""The ticket pane's keys: send (and set a status), reply, note, assign, status, canned
replies.

Ctrl+Enter sends inside the pane; the others work window-wide while a ticket is shown (the
pane enables them). The keys of the overview table (`ui.shortcuts.SHORTCUTS`) are used as
listed there, so F1 never shows a key that does something else.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QWidget

from websight_desk.domain.enums import MessageKind, TicketStatus
from websight_desk.ui.shortcuts import SHORTCUTS
from websight_desk.ui.ticket.reply_box import ReplyBox


class Pane(Protocol):
    """What the keys call on the pane (`ui.ticket.pane.TicketPane`)."""

    @property
    def reply(self) -> ReplyBox: ...

    def send(self) -> None: ...

    def focus_composer(self, kind: MessageKind) -> None: ...

    def assign_to_me(self) -> None: ...

    def pick_status(self) -> None: ...

    def pick_canned(self) -> None: ...


def _send_then(pane: Pane, status: TicketStatus) -> Callable[[], object]:
    return lambda: pane.reply.send(then_status=status)


def bind_keys(widget: QWidget, pane: Pane) -> dict[str, QShortcut]:
    """Create the pane's shortcuts on `widget`; keyed by their portable text."""
    inside = Qt.ShortcutContext.WidgetWithChildrenShortcut
    window = Qt.ShortcutContext.WindowShortcut
    table: list[tuple[str, Qt.ShortcutContext, Callable[[], object]]] = [
        ("Ctrl+Return", inside, pane.send),
        ("Ctrl+Enter", inside, pane.send),
        ("Ctrl+R", window, lambda: pane.focus_composer(MessageKind.OUTBOUND)),
        ("Ctrl+Shift+N", window, lambda: pane.focus_composer(MessageKind.NOTE)),
        ("Ctrl+M", window, pane.assign_to_me),
    ]
    table += [(k, window, pane.pick_status) for k in SHORTCUTS["status"].keys]
    table += [(k, window, pane.pick_canned) for k in SHORTCUTS["canned"].keys]
    table += [(k, window, pane.reply.pick_assignee) for k in SHORTCUTS["assign_to"].keys]
    for name, status in (
        ("send_pending", TicketStatus.PENDING),
        ("send_solved", TicketStatus.RESOLVED),
    ):
        table += [(k, inside, _send_then(pane, status)) for k in SHORTCUTS[name].keys]
    shortcuts: dict[str, QShortcut] = {}
    for keys, context, slot in table:
        sc = QShortcut(QKeySequence(keys), widget)
        sc.setContext(context)
        sc.activated.connect(slot)
        shortcuts[keys] = sc
    return shortcuts


__all__ = ["bind_keys"]
