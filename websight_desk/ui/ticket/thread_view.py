"""The thread of the ticket pane: messages and phone callbacks, quoted history folded."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.ticket_views import MessageView
from websight_desk.ui.ticket.thread_html import (
    HIGHLIGHT_ANCHOR,
    QUOTE_LINK,
    Highlight,
    needs_expanding,
    render_thread,
)


class ThreadView(QTextBrowser):
    """Shows one ticket's thread; a click on a fold opens (or closes) that message's quoted
    history. Re-rendering keeps the reader's place, or the end if they were at the end."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thread")
        self.setOpenLinks(False)
        self._messages: Sequence[MessageView] = ()
        self._callbacks: Sequence[CallbackView] = ()
        self._mark: Highlight | None = None
        self._new_ids: frozenset[str] = frozenset()
        self._expanded: set[str] = set()
        self.anchorClicked.connect(self._link)

    def reset(self) -> None:
        """Forget the folds opened for the previous ticket."""
        self._expanded.clear()

    def show_thread(
        self,
        messages: Sequence[MessageView],
        *,
        mark: Highlight | None = None,
        new_ids: frozenset[str] = frozenset(),
        callbacks: Sequence[CallbackView] = (),
    ) -> None:
        """Render the thread; `new_ids` are marked NEW, `mark` is highlighted."""
        self._messages, self._callbacks = messages, callbacks
        self._mark, self._new_ids = mark, new_ids
        self._render()

    def open_quote_of(self, mark: Highlight) -> None:
        """Unfold the quoted history the marked words are in (takes effect when shown)."""
        for m in self._messages:
            if m.field == mark.field and needs_expanding(m.body, mark):
                self._expanded.add(m.id)

    def scroll_to_mark(self) -> None:
        self.scrollToAnchor(HIGHLIGHT_ANCHOR)

    def scroll_to_end(self) -> None:
        bar = self.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _render(self) -> None:
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        keep = bar.value()
        self.setHtml(
            render_thread(
                self._messages,
                expanded=frozenset(self._expanded),
                mark=self._mark,
                new_ids=self._new_ids,
                callbacks=self._callbacks,
            )
        )
        bar.setValue(bar.maximum() if at_end else keep)

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(QUOTE_LINK):
            self._expanded.symmetric_difference_update({text[len(QUOTE_LINK) :]})
            self._render()


__all__ = ["ThreadView"]
