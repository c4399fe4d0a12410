# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.fixtures_ticket reappear as test parameters)
"""Decisions in the thread (issue #14): status changes, reassignments, an abuse termination and
the shift lead's overturn and reinstatement — with who, when and the note."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from tests.unit.ui.fixtures_ticket import T_NOW, TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk import i18n
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel, ReviewDecision
from websight_desk.domain.enums import Role, TicketField
from websight_desk.services import abuse, people, tickets
from websight_desk.storage.models import SyncOutbox
from websight_desk.storage.queries.ticket_timeline import timeline
from websight_desk.ui.context import UiContext
from websight_desk.ui.ticket import TicketPane


@pytest.fixture(autouse=True)
def _english() -> Any:
    i18n.set_language("en")
    yield
    i18n.set_language("tr")


def _at(ctx: UiContext, minutes: int) -> None:
    ctx.desk.now = lambda: T_NOW + timedelta(minutes=minutes)


def _decide(ctx: UiContext, s: TicketSample) -> str:
    with ctx.desk.writer() as w:
        lead = people.add_agent(w, people.NewAgent("zeynep", "Zeynep Kaya", Role.SHIFT_LEAD))
    _at(ctx, 1)
    with ctx.desk.writer() as w:
        tickets.change_field(w, tickets.ChangeField(s.abusive, TicketField.STATUS, "open"))
    _at(ctx, 2)
    with ctx.desk.writer() as w:
        tickets.change_field(w, tickets.ChangeField(s.abusive, TicketField.ASSIGNEE, lead))
    _at(ctx, 3)
    with ctx.desk.writer() as w:
        ended = abuse.terminate(
            w,
            abuse.TerminateConversation(
                channel=AbuseChannel.TICKET,
                category=AbuseCategory.INSULT,
                note="Müşteri ekibe hakaret etti.",
                evidence_excerpt="Beceriksizler",
                ticket_id=s.abusive,
                evidence_words=("Beceriksizler",),
            ),
        )
    _at(ctx, 4)
    with ctx.desk.writer(author_id=lead) as w:
        abuse.review(
            w, abuse.ReviewTermination(ended, ReviewDecision.CONFIRMED, "Kayıt açık, onaylıyorum.")
        )
    with ctx.desk.db.write() as conn:  # the server accepted the confirmation
        conn.execute(update(SyncOutbox).values(state="acked"))
    _at(ctx, 5)
    with ctx.desk.writer(author_id=lead) as w:
        abuse.review(
            w, abuse.ReviewTermination(ended, ReviewDecision.REINSTATED, "Müşteri özür diledi.")
        )
    return lead


def test_timeline_reads_the_decisions_in_order(tctx: UiContext, tsample: TicketSample) -> None:
    _decide(tctx, tsample)
    with tctx.desk.db.read() as conn:
        events = timeline(conn, tsample.abusive)
    assert [(e.kind, e.value, e.actor) for e in events] == [
        ("status", "open", "Mehmet Yılmaz"),
        ("assignee", "Zeynep Kaya", "Mehmet Yılmaz"),
        ("termination", "insult", "Mehmet Yılmaz"),  # its status change is not repeated
        ("review", "confirmed", "Zeynep Kaya"),
        ("review", "reinstated", "Zeynep Kaya"),
    ]
    assert events[3].note == "Kayıt açık, onaylıyorum."
    with tctx.desk.db.read() as conn:
        assert timeline(conn, tsample.theme) == ()  # what a ticket was opened with is no event


def test_the_thread_shows_who_decided_what_when_and_why(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    _decide(tctx, tsample)
    pane = TicketPane(tctx)
    qtbot.addWidget(pane)
    pane.show_ticket(tsample.abusive)
    text = pane.thread_view.toPlainText()
    lines = [
        "◆ Status changed to Open · Mehmet Yılmaz",
        "⇄ Assigned to Zeynep Kaya · Mehmet Yılmaz",
        "Conversation ended for abuse (insult) · Mehmet Yılmaz",  # after the SVG icon
        "Note: Müşteri ekibe hakaret etti.",
        "Shift lead confirmed the termination · Zeynep Kaya",
        "Note: Kayıt açık, onaylıyorum.",
        "↺ Shift lead reinstated the customer · Zeynep Kaya",
        "Note: Müşteri özür diledi.",
    ]
    positions = [text.index(line) for line in lines]
    assert positions == sorted(positions)
    assert pane.thread_view.toHtml().count("action_end.svg") == 2  # drawn by Qt, not a font
    assert text.index("Beceriksizler") < positions[0]  # the customer's message came first
    assert "26/11/2026" in text  # when, in Istanbul time

    i18n.set_language("tr")
    pane.retranslate()
    assert "Vardiya amiri müşteriyi yeniden hizmete aldı" in pane.thread_view.toPlainText()
