"""Putting a canned reply into the composer: filled in the runner, then inserted with the
first value left to the agent selected (typing replaces it); or picked by typing first."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from websight_desk.domain.enums import MessageKind
from websight_desk.policy.canned import Rendered
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.ticket import canned
from websight_desk.ui.ticket.canned_picker import CannedPicker
from websight_desk.ui.ticket.composer import Composer


class CannedInserter:
    """Inserts canned replies for the ticket `current()` returns, into `composer`."""

    def __init__(
        self, ctx: UiContext, composer: Composer, current: Callable[[], str | None], owner: QWidget
    ) -> None:
        self.ctx, self.composer, self._current, self._owner = ctx, composer, current, owner

    def pick(self, entries: list[tuple[str, str]], suggested: int) -> CannedPicker:
        """Open the type-ahead picker over the owner; the reply chosen is inserted."""
        picker = CannedPicker(entries, suggested, self._owner)
        picker.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        picker.chosen.connect(self.insert)
        # The reply box is where the keyboard goes next, also when the main window gets its
        # focus back after the insertion (a quick fill would otherwise lose it to the queue).
        picker.accepted.connect(self.composer.editor.setFocus)
        picker.open()
        picker.filter.setFocus()
        return picker

    def insert(self, key: str) -> None:
        ticket_id = self._current()
        if ticket_id is None:
            return
        job = canned.fill_job(self.ctx.desk, ticket_id, key)
        self.ctx.runner.run(job, partial(self._inserted, ticket_id), self._failed)

    def _inserted(self, ticket_id: str, rendered: Rendered) -> None:
        if ticket_id != self._current() or not rendered.text:
            return  # another ticket is shown by now
        self.composer.set_kind(MessageKind.OUTBOUND)
        editor = self.composer.editor
        start = editor.textCursor().position()
        self.composer.insert(rendered.text)
        if rendered.missing:
            cursor = editor.textCursor()
            cursor.setPosition(start)
            editor.setTextCursor(cursor)
            self.composer.placeholders.select_first()

    def _failed(self, exc: BaseException) -> None:
        report(exc, self._owner)


__all__ = ["CannedInserter"]
