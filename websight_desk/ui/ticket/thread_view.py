"""The thread of the ticket pane: messages, phone callbacks and decisions, quoted history
folded; replies with their mail state (live) and inbound mail with its files (open / save)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QTextBrowser, QWidget

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.enums import MessageKind
from websight_desk.domain.ticket_views import MessageView
from websight_desk.storage.queries.ticket_timeline import TimelineEvent
from websight_desk.sync.mail_states import AttachmentInfo, MailStates, states_for
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.ticket.attachments import AttachmentActions
from websight_desk.ui.ticket.mail_html import OPEN_LINK, SAVE_LINK, MailInfo
from websight_desk.ui.ticket.thread_extras import ThreadExtras, extras_job
from websight_desk.ui.ticket.thread_html import (
    HIGHLIGHT_ANCHOR,
    QUOTE_LINK,
    Highlight,
    needs_expanding,
    render_thread,
)

log = logging.getLogger(__name__)
POLL_MS = 1500  # how often the mail states (in memory) are compared with what is shown


class ThreadView(QTextBrowser):
    """Shows one ticket's thread; a click on a fold opens (or closes) that message's quoted
    history. Re-rendering keeps the reader's place, or the end if they were at the end.

    With a `ctx` it also shows the ticket's decisions and, on a connected workstation, the mail
    state of each reply, re-rendered as the sync thread learns new states."""

    def __init__(self, ctx: UiContext | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thread")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self._ctx = ctx
        self._messages: Sequence[MessageView] = ()
        self._callbacks: Sequence[CallbackView] = ()
        self._mark: Highlight | None = None
        self._new_ids: frozenset[str] = frozenset()
        self._expanded: set[str] = set()
        self._ticket_id: str | None = None
        self._extras: ThreadExtras | None = None
        self._preset: ThreadExtras | None = None
        self._shown_mail: dict[str, MailInfo] | None = None
        self._shown_acks: tuple[TimelineEvent, ...] = ()
        self.mail_states: MailStates | None = None
        self.attachments: AttachmentActions | None = None
        if ctx is not None:
            self.mail_states = states_for(ctx.desk.paths.root)
            self.attachments = AttachmentActions(ctx, self)
            self._poll_timer = QTimer(self)
            self._poll_timer.setInterval(POLL_MS)
            self._poll_timer.timeout.connect(self.poll)
            self._poll_timer.start()
        self.anchorClicked.connect(self._link)

    def reset(self, ticket_id: str | None = None) -> None:
        """A new ticket (its decisions and local mail state are read when it is shown):
        forget the folds opened for the previous one."""
        self._expanded.clear()
        self._ticket_id = ticket_id
        self._extras = None

    def show_thread(
        self,
        messages: Sequence[MessageView],
        *,
        mark: Highlight | None = None,
        new_ids: frozenset[str] = frozenset(),
        callbacks: Sequence[CallbackView] = (),
    ) -> None:
        """Render the thread; `new_ids` are marked NEW, `mark` is highlighted. The decisions of
        the ticket given to `reset` and its replies' local mail state are read in the background."""
        self._messages, self._callbacks = messages, callbacks
        self._mark, self._new_ids = mark, new_ids
        preset, self._preset = self._preset, None
        if preset is not None and preset.ticket_id == self._ticket_id:
            self._extras = preset  # read with the ticket: one render, no second read
            self._render()
            return
        self._render()
        self._load_extras()

    def preset(self, extras: ThreadExtras | None) -> None:
        """Extras read in the ticket's own snapshot (`jobs.load_job`): the next `show_thread`
        shows them instead of reading them."""
        self._preset = extras

    @property
    def events(self) -> tuple[TimelineEvent, ...]:
        """The decisions shown in the thread, and the server's acknowledgement mails."""
        decisions = self._extras.events if self._extras else ()
        return decisions + self._ack_events()

    def _ack_events(self) -> tuple[TimelineEvent, ...]:
        if self.mail_states is None or self._ticket_id is None or not self._connected():
            return ()
        return tuple(
            TimelineEvent(a.id, "ack", a.updated_at, None, a.state, a.reason)
            for a in self.mail_states.acks_of(self._ticket_id)
        )

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

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        """Nothing is ever loaded: no remote content, no local files (the thread has no images)."""
        return None

    def poll(self) -> None:
        """Re-render when the mail states of the shown replies changed; re-read the local
        outbox while a reply still waits in it."""
        if self._ticket_id is None or not self.isVisibleTo(self.window()):
            return
        if self._mail_infos() != self._shown_mail or self._ack_events() != self._shown_acks:
            self._render()
        if self._extras is not None and self._extras.unpushed:
            self._load_extras(quiet=True)

    def _connected(self) -> bool:
        return self._ctx is not None and bool(self._ctx.desk.settings.server_url)

    def _load_extras(self, *, quiet: bool = False) -> None:
        """Read the extras in the background; `quiet`: a poll's failure is only logged (the
        next poll tries again) instead of a message box every few seconds."""
        ctx, ticket_id = self._ctx, self._ticket_id
        if ctx is None or ticket_id is None:
            return
        job = extras_job(ctx.desk, ticket_id, self._messages, self._connected())

        def loaded(extras: ThreadExtras) -> None:
            if extras.ticket_id == self._ticket_id and extras != self._extras:
                self._extras = extras
                self._render()

        def failed(exc: BaseException) -> None:
            if quiet:
                log.warning("thread extras not read: %s", exc)
            else:
                report(exc, self)

        ctx.runner.run(job, loaded, failed, key=f"thread-extras-{id(self)}")

    def _mail_infos(self) -> dict[str, MailInfo] | None:
        """Mail of each customer mail and reply; None when there is no server to mail them."""
        if self.mail_states is None or not self._connected():
            return None
        ids = [m.id for m in self._messages if m.kind is not MessageKind.NOTE]
        found = self.mail_states.of_messages(ids)
        unpushed = self._extras.unpushed if self._extras else {}
        answered = self.mail_states.answered
        return {i: MailInfo(found.get(i), unpushed.get(i), answered) for i in ids}

    def _attachment(self, attachment_id: str) -> AttachmentInfo | None:
        if self.mail_states is None:
            return None
        for state in self.mail_states.of_messages(m.id for m in self._messages).values():
            for att in state.attachments:
                if att.id == attachment_id:
                    return att
        return None

    def _render(self) -> None:
        bar = self.verticalScrollBar()
        at_end = bar.value() >= bar.maximum() - 4
        keep = bar.value()
        self._shown_mail = mail = self._mail_infos()
        self._shown_acks = self._ack_events()
        self.setHtml(
            render_thread(
                self._messages,
                expanded=frozenset(self._expanded),
                mark=self._mark,
                new_ids=self._new_ids,
                callbacks=self._callbacks,
                mail=mail,
                events=self.events,
                now=self._ctx.now() if self._ctx else None,
            )
        )
        bar.setValue(bar.maximum() if at_end else keep)

    def _link(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith(QUOTE_LINK):
            self._expanded.symmetric_difference_update({text[len(QUOTE_LINK) :]})
            self._render()
            return
        for prefix in (OPEN_LINK, SAVE_LINK):
            if text.startswith(prefix) and self.attachments is not None:
                att = self._attachment(text[len(prefix) :])
                if att is not None and att.kept:
                    if prefix == OPEN_LINK:
                        self.attachments.open(att)
                    else:
                        self.attachments.save(att)


__all__ = ["ThreadView"]
