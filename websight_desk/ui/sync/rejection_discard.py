""" "Discard…" in the refused-changes window: give up a change of ours, after a clear question."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtWidgets import QMessageBox, QWidget

from websight_desk.i18n import _
from websight_desk.services import rejections
from websight_desk.ui.context import UiContext
from websight_desk.ui.sync.rejection_groups import Item


class View(Protocol):
    """What of the refused-changes view this action uses."""

    ctx: UiContext

    def current_item(self) -> Item | None: ...

    def _run(self, job: Callable[[], Any], done_text: Callable[[Any], str]) -> None: ...


def discard_current(view: View, parent: QWidget) -> None:
    item = view.current_item()
    if item is None or not rejections.discardable(item.row.source, item.row.kind):
        return
    if item.row.kind == "message.create":
        question = _(
            "Discard this reply or note? It was never stored on the server and is deleted "
            "from this computer too. This cannot be undone."
        )
    else:
        question = _(
            "Discard this change? The ticket keeps the team's value; the change is not sent again."
        )
    buttons = QMessageBox.StandardButton
    yes, no = buttons.Yes, buttons.No
    answer = QMessageBox.question(parent, _("Discard"), question, yes | no, no)
    if answer != yes:
        return
    desk, op_id = view.ctx.desk, item.row.op_id
    view._run(
        lambda: rejections.discard(desk, [op_id]),
        lambda n: _("{n} refused change discarded.").format(n=n),
    )
