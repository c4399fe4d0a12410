"""pytest-qt: the terminate dialog, the review queue, the report chart and the banner."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from tests.unit.abuse.conftest import World, make_world, terminate_ticket
from websight_desk import i18n
from websight_desk.domain.abuse import AbuseCategory, RefusalStatus
from websight_desk.services import abuse
from websight_desk.services.abuse_evidence import EvidencePrefill
from websight_desk.storage.models import AbuseTermination, Ticket
from websight_desk.ui.abuse.banner import show_refusal_banner
from websight_desk.ui.abuse.report import AbuseReportWidget
from websight_desk.ui.abuse.review_queue import ReviewQueueWidget
from websight_desk.ui.abuse.terminate_dialog import TerminateDialog, after_call
from websight_desk.ui.context import UiContext
from websight_desk.ui.runner import Runner

SHOTS = os.environ.get("ABUSE_SCREENSHOTS")  # a directory: also save PNGs to look at


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    wd = make_world(tmp_path / "ws")
    yield wd
    wd.desk.close()


@pytest.fixture
def ctx(world: World, qapp: Any) -> UiContext:
    return UiContext(world.desk, runner=Runner(synchronous=True))


def _shot(widget: QWidget, name: str) -> None:
    if SHOTS:
        widget.grab().save(str(Path(SHOTS) / f"{name}-{i18n.current_language()}.png"))


def test_terminate_dialog_from_ticket(ctx: UiContext, world: World, qtbot: Any) -> None:
    prefill = EvidencePrefill(
        world.message, "Beceriksiz herifler, sitem yine çöktü!", ("Beceriksiz",), True
    )
    dlg = TerminateDialog(ctx, ticket_id=world.ticket, prefill=prefill)
    qtbot.addWidget(dlg)
    assert dlg.evidence.toPlainText().startswith("Beceriksiz")
    assert not dlg.ok.isEnabled()  # note and confirmation are required
    dlg.note.setPlainText("Ekibe hakaret.")
    assert not dlg.ok.isEnabled()
    dlg.confirm.setChecked(True)
    assert dlg.ok.isEnabled()
    dlg.category.setCurrentIndex(dlg.category.findData(AbuseCategory.PROFANITY.value))
    with qtbot.waitSignal(dlg.terminated) as got:
        dlg.ok.click()
    with world.desk.db.read() as conn:
        row = conn.execute(select(AbuseTermination.__table__)).one()
        status = conn.execute(select(Ticket.status).where(Ticket.id == world.ticket)).scalar()
    assert got.args == [row.id]
    assert (row.category, row.evidence_message_id, row.detector_suggested) == (
        "profanity",
        world.message,
        True,
    )
    assert status == "terminated"


def test_terminate_dialog_after_call(ctx: UiContext, world: World, qtbot: Any) -> None:
    dlg = after_call(ctx, world.customer)
    qtbot.addWidget(dlg)
    assert not dlg.words.isVisible()
    dlg.evidence.setPlainText("Telefonda küfretti.")
    dlg.note.setPlainText("Uyarıya rağmen devam etti.")
    dlg.confirm.setChecked(True)
    with qtbot.waitSignal(dlg.terminated):
        dlg.ok.click()
    with world.desk.db.read() as conn:
        assert abuse.refusal_state(conn, world.customer).status is RefusalStatus.PENDING_REVIEW


def test_review_queue_lead_confirms_and_overturns(ctx: UiContext, world: World, qtbot: Any) -> None:
    first = terminate_ticket(world)
    with world.desk.writer() as w:  # a second one: the customer insulted an agent on the phone
        second = abuse.terminate(
            w,
            abuse.TerminateConversation(
                channel=abuse.AbuseChannel.PHONE,
                category=abuse.AbuseCategory.INSULT,
                note="Telefonda hakaret etti.",
                evidence_excerpt="Beceriksiz herifler, diye bağırdı.",
                customer_id=world.customer,
            ),
        )
    world.desk.settings.agent_id = world.lead
    queue = ReviewQueueWidget(ctx)
    qtbot.addWidget(queue)
    assert queue.is_lead
    assert queue.list.count() == 2
    assert "Beceriksiz" in queue.detail.toPlainText()
    assert not queue.confirm.isEnabled()  # a note is required
    queue.note.setPlainText("Kanıt açık.")
    with qtbot.waitSignal(queue.reviewed):
        queue.confirm.click()
    queue.list.setCurrentRow(1)
    queue.note.setPlainText("Hakaret değil.")
    with qtbot.waitSignal(queue.reviewed) as got:
        queue.overturn.click()
    assert got.args == [second, "overturned"]
    with world.desk.db.read() as conn:
        assert abuse.termination(conn, first).awaiting_server
    assert all(item.awaiting_server for item in queue.items)


def test_review_queue_hidden_for_agents(ctx: UiContext, world: World, qtbot: Any) -> None:
    terminate_ticket(world)
    queue = ReviewQueueWidget(ctx)
    qtbot.addWidget(queue)
    assert not queue.is_lead
    assert queue.list.count() == 0
    assert "shift lead" in queue.heading.text() or "vardiya" in queue.heading.text().lower()


class _Panel:
    def __init__(self) -> None:
        self.calls: list[tuple[str | None, str]] = []

    def set_banner(self, text: str | None, severity: str = "error") -> None:
        self.calls.append((text, severity))


def test_banner_for_every_ticket_of_the_customer(ctx: UiContext, world: World) -> None:
    panel = _Panel()
    show_refusal_banner(ctx, panel, world.other_ticket)
    assert panel.calls == [(None, "error")]
    terminate_ticket(world)
    show_refusal_banner(ctx, panel, world.other_ticket)
    text, severity = panel.calls[-1]
    assert severity == "warning"
    assert text is not None
    assert "Mehmet Yılmaz" in text


@pytest.mark.filterwarnings("ignore:The Result.tuples:DeprecationWarning")
@pytest.mark.parametrize("lang", ["tr", "en"])
def test_screens_render(lang: str, tmp_path: Path, qtbot: Any, qapp: Any) -> None:
    from websight_desk.demo.run import add_demo_data
    from websight_desk.services.desk import open_desk

    i18n.set_language(lang)
    desk = open_desk(tmp_path / "demo")
    add_demo_data(desk, 250, seed=2)  # with the demo terminations
    try:
        from websight_desk.storage.models import Agent

        with desk.db.read() as conn:
            desk.settings.agent_id = (
                conn.execute(select(Agent.id).where(Agent.role == "shift_lead")).scalars().first()
                or ""
            )
        c = UiContext(desk, runner=Runner(synchronous=True))
        queue = ReviewQueueWidget(c)
        qtbot.addWidget(queue)
        queue.resize(900, 520)
        assert queue.list.count() >= 2
        report = AbuseReportWidget(c)
        qtbot.addWidget(report)
        report.resize(900, 360)
        assert report.report is not None
        assert sum(n for _w, n in report.report.weeks) >= 1
        assert report.report.reviewed >= 3
        assert report.report.overturned >= 1
        with desk.db.read() as conn:
            ticket = (
                conn.execute(
                    select(AbuseTermination.ticket_id).where(AbuseTermination.channel == "ticket")
                )
                .scalars()
                .first()
            )
        dlg = TerminateDialog(
            c,
            ticket_id=ticket,
            prefill=EvidencePrefill(
                None, "What a bunch of incompetent morons.", ("incompetent", "morons"), True
            ),
        )
        qtbot.addWidget(dlg)
        call = after_call(c, "x")
        qtbot.addWidget(call)
        for widget, name in (
            (queue, "review-queue"),
            (report, "report"),
            (dlg, "terminate"),
            (call, "terminate-call"),
        ):
            _shot(widget, name)
    finally:
        desk.close()
