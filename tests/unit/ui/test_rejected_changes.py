# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.window_fixtures reappear as test parameters)
"""The refused-changes window, for people: reasons in plain words (Turkish and English),
grouped by reason or by ticket, paged without a cap, one Close button, actions that work
(retry, mark as seen, open the ticket, copy details) and the keyboard."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from sqlalchemy import insert, select, update

from tests.unit.ui.fixtures_ticket import T_NOW, TicketSample, tctx, tdesk, tsample  # noqa: F401
from tests.unit.ui.window_fixtures import win  # noqa: F401
from websight_desk.domain.ids import new_id
from websight_desk.i18n import set_language
from websight_desk.services.rejection_causes import Cause, cause_of, retryable
from websight_desk.storage.models import SyncOutbox, SyncQuarantine
from websight_desk.ui.context import UiContext
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.sync import reason_text
from websight_desk.ui.sync.problems_window import SyncProblemsWidget

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")

AGENT_MISSING = (
    "message.create: author_agent_id refers to agents 0193aa00-0000-7000-8000-000000000001, "
    "which does not exist"
)
CLOCK = (
    "the change is timestamped 11 minutes ahead of the server clock (limit 5 minutes): set "
    "this computer's date and time correctly and make the change again"
)
DECIDED = "a termination that is confirmed cannot be overturned"


@pytest.mark.parametrize(
    ("reason", "cause", "words_tr", "words_en"),
    [
        (AGENT_MISSING, Cause.MISSING, "çalışma arkadaşının hesabı", "a colleague's account"),
        (CLOCK, Cause.CLOCK_AHEAD, "11 dakika", "11 minutes ahead"),
        (
            "depends on 0193, which was rejected in the same batch",
            Cause.DEPENDS,
            "Yeniden",
            "Retry",
        ),
        (DECIDED, Cause.RULE, "onaylandı", "(confirmed)"),
        (
            "ticket.set_field needs the role shift_lead; the account 'x' has the role agent",
            Cause.ROLE,
            "Vardiya sorumlusu",
            "Shift lead",
        ),
    ],
)
def test_reasons_in_plain_words(reason: str, cause: Cause, words_tr: str, words_en: str) -> None:
    diagnosis = cause_of(reason)
    assert diagnosis.cause is cause
    try:
        set_language("en")
        english = reason_text.sentence(diagnosis)
        set_language("tr")
        turkish = reason_text.sentence(diagnosis)
    finally:
        set_language("tr")
    assert words_en in english
    assert words_tr in turkish
    assert "refers to agents" not in english + turkish  # never the developer's text
    assert "0193" not in english + turkish  # nor record ids
    assert retryable(reason, "push", "message.create") is (cause in (Cause.MISSING, Cause.DEPENDS))
    assert not retryable(reason, "pull", "message.create")  # a colleague's: not ours to send
    assert not retryable(reason, "push", "termination.create")  # sealed: made anew instead


def _refuse(
    tctx: UiContext, ticket_id: str, reason: str, n: int, *, outbox: bool = False
) -> list[str]:
    """Quarantine n refused replies of a ticket (and their outbox rows when asked)."""
    ids = []
    with tctx.desk.db.write() as conn:
        for i in range(0 if outbox else n):
            op_id = new_id()
            payload = {"id": new_id(), "ticket_id": ticket_id, "kind": "note", "body": f"not {i}"}
            when = T_NOW - timedelta(minutes=i)
            conn.execute(
                insert(SyncQuarantine).values(
                    op_id=op_id,
                    kind="message.create",
                    payload=json.dumps(payload),
                    reason=reason,
                    source="push",
                    created_at=when,
                )
            )
            ids.append(op_id)
    if outbox:  # real ops: the sample's own outbox rows, refused
        with tctx.desk.db.write() as conn:
            rows = conn.execute(
                select(SyncOutbox).where(SyncOutbox.kind == "message.create").limit(n)
            ).all()
            conn.execute(
                update(SyncOutbox)
                .where(SyncOutbox.op_id.in_([r.op_id for r in rows]))
                .values(state="rejected")
            )
            for r in rows:
                conn.execute(
                    insert(SyncQuarantine).values(
                        op_id=r.op_id,
                        kind=r.kind,
                        payload=r.payload,
                        reason=reason,
                        source="push",
                        created_at=T_NOW,
                    )
                )
            ids = [r.op_id for r in rows]
    return ids


def _open(win: MainWindow) -> SyncProblemsWidget:
    win.dialogs.show_sync_problems()
    content = win.tools.open["sync_problems"].content
    assert isinstance(content, SyncProblemsWidget)
    return content


def test_one_close_button_and_no_cap(
    win: MainWindow, tsample: TicketSample, tctx: UiContext, qtbot: Any
) -> None:
    _refuse(tctx, tsample.theme, AGENT_MISSING, 250)
    _refuse(tctx, tsample.mail, CLOCK, 3)
    problems = _open(win)
    window = win.tools.open["sync_problems"]
    closes = [b for b in window.findChildren(QPushButton) if b.text() in ("Kapat", "Close")]
    assert len(closes) == 1
    view = problems.rejections
    assert "253" in view.ui.summary.text()
    assert view.ui.group_list.count() == 2
    assert view.ui.group_list.item(0).text().endswith("(250)")  # the largest group first
    assert view.ui.table.topLevelItemCount() == 100
    assert view.ui.page_label.text() == "Sayfa 1 / 3"
    view.ui.table.setFocus()
    for _press in range(30):  # to the last change of the page, then over the edge
        qtbot.keyClick(view.ui.table, Qt.Key.Key_PageDown)
        if view.page == 1:
            break
    assert view.page == 1
    qtbot.keyClick(view.ui.table, Qt.Key.Key_PageUp)  # first change of page 2: back
    assert view.page == 0
    view.ui.next.click()
    view.ui.next.click()
    assert view.ui.table.topLevelItemCount() == 50
    assert not view.ui.next.isEnabled()
    assert "hesabı" in view.ui.explain.text()  # a colleague's account, in Turkish
    # grouped by ticket
    view.ui.group_by.setCurrentIndex(1)
    titles = [view.ui.group_list.item(i).text() for i in range(view.ui.group_list.count())]
    assert len(titles) == 2
    assert all(t.startswith("Talep #") for t in titles)
    window.close()


def test_mark_seen_open_ticket_and_copy(
    win: MainWindow, tsample: TicketSample, tctx: UiContext, qtbot: Any
) -> None:
    set_language("en")
    ids = _refuse(tctx, tsample.theme, DECIDED, 2)
    problems = _open(win)
    view = problems.rejections
    assert "2 not seen yet" in view.ui.summary.text()
    assert view.ui.mark_seen.isEnabled()
    assert not view.ui.retry.isEnabled()  # a decided review cannot be sent again
    view.ui.mark_seen.click()
    assert "1 not seen yet" in view.ui.summary.text()
    assert set(tctx.desk.settings.extra["seen_rejections"]) <= set(ids)
    view.ui.mark_group_seen.click()
    assert "0 not seen yet" in view.ui.summary.text()
    assert not view.ui.mark_group_seen.isEnabled()
    with qtbot.waitSignal(problems.ticketActivated) as opened:
        qtbot.keyClick(view.ui.table, Qt.Key.Key_Return)
    assert opened.args == [tsample.theme]
    assert win.open_ticket_id == tsample.theme
    view.ui.copy.click()
    copied = QApplication.clipboard().text()
    assert "Another shift lead decided on this termination first" in copied
    assert "Change id:" in copied
    assert "not 0" not in copied  # the change's own text (personal data) is not copied


def test_retry_queues_the_change_again(
    win: MainWindow, tsample: TicketSample, tctx: UiContext
) -> None:
    [op_id] = _refuse(tctx, tsample.theme, AGENT_MISSING, 1, outbox=True)
    with tctx.desk.db.read() as conn:
        payload = conn.execute(
            select(SyncOutbox.payload).where(SyncOutbox.op_id == op_id)
        ).scalar_one()
    view = _open(win).rejections
    assert view.ui.retry.isEnabled()
    view.ui.retry.click()
    with tctx.desk.db.read() as conn:
        assert (
            conn.execute(select(SyncQuarantine.op_id).where(SyncQuarantine.op_id == op_id)).first()
            is None
        )
        assert (
            conn.execute(select(SyncOutbox.op_id).where(SyncOutbox.op_id == op_id)).first() is None
        )
        # Compared as read back: a bulky op's payload is stored packed (`outbox_codec`).
        [again] = [
            row
            for row in conn.execute(select(SyncOutbox.state, SyncOutbox.op_id, SyncOutbox.payload))
            if row.payload == payload
        ]
    assert again.state == "pending"
    assert again.op_id != op_id  # a new op: the server remembers the refused id
    assert view.items == []  # nothing refused any more
    assert view.ui.group_list.count() == 0


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_every_cause_has_words(lang: str) -> None:
    from websight_desk.services.rejection_causes import Diagnosis

    try:
        set_language(lang)
        for cause in Cause:
            diagnosis = Diagnosis(cause, {"detail": "x", "minutes": "7", "role": "admin"})
            assert reason_text.title(diagnosis)
            assert "{" not in reason_text.sentence(diagnosis)
    finally:
        set_language("tr")


def test_language_switch_retranslates_the_window(
    win: MainWindow, tsample: TicketSample, tctx: UiContext
) -> None:
    _refuse(tctx, tsample.theme, CLOCK, 1)
    problems = _open(win)
    assert problems.tabs.tabText(0) == "Reddedilen değişiklikler"
    assert problems.rejections.ui.group_list.item(0).text().startswith("Bu bilgisayarın saati")
    set_language("en")
    tctx.events.languageChanged.emit()
    assert problems.tabs.tabText(0) == "Refused changes"
    assert problems.rejections.ui.group_list.item(0).text().startswith("This computer's clock")
    assert "11 minutes ahead" in problems.rejections.ui.explain.text()


def test_new_refusals_appear_and_the_selection_stays(
    win: MainWindow, tsample: TicketSample, tctx: UiContext
) -> None:
    ids = _refuse(tctx, tsample.theme, CLOCK, 3)
    view = _open(win).rejections
    view.ui.table.setCurrentItem(view.ui.table.topLevelItem(2))
    chosen = view.current_item()
    assert chosen is not None
    assert chosen.row.op_id == ids[2]
    _refuse(tctx, tsample.mail, CLOCK, 1)  # refused by a push in the background
    tctx.events.syncStateChanged.emit()
    assert view.ui.table.topLevelItemCount() == 4
    current = view.current_item()
    assert current is not None
    assert current.row.op_id == ids[2]


def test_discard_asks_then_deletes_the_refused_reply_here(
    win: MainWindow, tsample: TicketSample, tctx: UiContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from websight_desk.storage.models import Message

    [op_id] = _refuse(tctx, tsample.theme, AGENT_MISSING, 1, outbox=True)
    with tctx.desk.db.read() as conn:
        payload = json.loads(
            conn.execute(select(SyncOutbox.payload).where(SyncOutbox.op_id == op_id)).scalar_one()
        )
    view = _open(win).rejections
    assert view.ui.discard.isEnabled()
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: answers.pop(0))
    view.ui.discard.click()  # No: nothing happens
    assert [i.row.op_id for i in view.items] == [op_id]
    view.ui.discard.click()  # Yes
    with tctx.desk.db.read() as conn:
        assert conn.execute(select(Message.id).where(Message.id == payload["id"])).first() is None
        assert conn.execute(select(SyncQuarantine.op_id)).first() is None
    assert view.items == []
