"""Loading and rendering the ticket pane's thread: open a ticket, refresh it, mark evidence."""

from __future__ import annotations

from websight_desk.domain.callbacks import CallbackView
from websight_desk.domain.enums import MessageKind
from websight_desk.domain.ticket_views import TicketDetail
from websight_desk.i18n import _
from websight_desk.policy.model import Decision
from websight_desk.ui.errors import report
from websight_desk.ui.ticket import canned
from websight_desk.ui.ticket.pane_widgets import Draft, PaneWidgets
from websight_desk.ui.ticket.thread_html import (
    HIGHLIGHT_ANCHOR,
    QUOTE_LINK,
    Highlight,
    needs_expanding,
    render_thread,
)
from websight_desk.ui.ticket.writes import Loaded, load_job


class PaneThread(PaneWidgets):
    """Shows one ticket (loaded in the background) and keeps each ticket's unsent draft."""

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

    def field_names(self) -> dict[str, str]:
        """Names of evidence fields for the policy panel ("Message 2 · 14:05")."""
        if self._detail is None:
            return {}
        names = {"subject": _("Subject")}
        for i, m in enumerate(self._detail.messages, start=1):
            names[m.field] = _("Message {n}").format(n=i)
        return names

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
            self._drafts[self._ticket_id] = Draft(
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
