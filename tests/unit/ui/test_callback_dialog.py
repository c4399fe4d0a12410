"""The callback dialog: happy path, refusals shown in the dialog, nothing saved half-way;
"reached" without the notice asks first; the start proposed is inside the ticket's life; the
dialog reads the database in the runner, not in its constructor."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from tests.unit.kvkk.conftest import NOW, PHONE, World, build_world
from websight_desk.domain.callbacks import ConsentState, Outcome
from websight_desk.i18n import set_language
from websight_desk.services.callback_notice import NO_NOTICE_KIND, NoNoticeWhy
from websight_desk.services.desk import open_desk
from websight_desk.storage.models import AuditEvent, Callback, CallbackPersonal
from websight_desk.ui.callbacks.dialog import CallbackDialog
from websight_desk.ui.callbacks.form_load import default_times
from websight_desk.ui.callbacks.form_parts import utc_of
from websight_desk.ui.callbacks.no_notice import NoNoticeQuestion
from websight_desk.ui.context import UiContext
from websight_desk.ui.runner import Runner

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen, when a box is shown


@pytest.fixture
def world(workspace: Path) -> Iterator[World]:
    desk = open_desk(workspace, with_triage=False)
    desk.now = lambda: NOW
    yield build_world(desk)
    desk.close()


@pytest.fixture
def dialog(qtbot: QtBot, world: World) -> CallbackDialog:
    set_language("en")
    ctx = UiContext(world.desk, runner=Runner(synchronous=True), now=lambda: NOW)
    dlg = CallbackDialog(ctx, world.ticket_id)
    qtbot.addWidget(dlg)
    return dlg


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    yield
    set_language("tr")


def saved_count(world: World) -> int:
    with world.desk.db.read() as conn:
        return int(conn.execute(select(func.count()).select_from(Callback)).scalar_one())


def test_happy_path_with_consent(dialog: CallbackDialog, world: World, qtbot: QtBot) -> None:
    assert not dialog.notes.isEnabled()  # notice first
    assert not dialog.ask_consent.isChecked()
    assert not dialog.ask_consent.isEnabled()
    dialog.notice_given.setChecked(True)
    assert dialog.notes.isEnabled()
    dialog.ask_consent.setChecked(True)
    assert dialog.consent_group.checkedButton() is None  # never pre-ticked
    dialog.granted.setChecked(True)
    dialog.recording_ref.setText("rec-2026-001")
    dialog.identity.setChecked(True)
    dialog.notes.setPlainText("Müşteriyle DNS ayarları kontrol edildi.")
    with qtbot.waitSignal(dialog.saved, timeout=1000) as signal:
        dialog.buttons.accepted.emit()
    callback_id = signal.args[0]
    with world.desk.db.read() as conn:
        row = conn.execute(select(Callback.__table__).where(Callback.id == callback_id)).one()
        p = conn.execute(select(CallbackPersonal.__table__)).one()
    assert row.recording_state == ConsentState.GRANTED.value
    assert row.consent_version == 1
    assert row.notice_version == 1
    assert row.identity_method == "customer_code"
    assert p.phone == PHONE
    assert p.recording_ref == "rec-2026-001"
    assert dialog.result() == CallbackDialog.DialogCode.Accepted


def test_refused_consent_does_not_block(dialog: CallbackDialog, world: World) -> None:
    dialog.notice_given.setChecked(True)
    dialog.ask_consent.setChecked(True)
    dialog.refused.setChecked(True)
    assert not dialog.recording_ref.isEnabled()
    dialog.submit()
    with world.desk.db.read() as conn:
        assert conn.execute(select(Callback.recording_state)).scalar_one() == "refused"


def test_no_answer_without_notice(dialog: CallbackDialog, world: World) -> None:
    dialog.outcome.setCurrentIndex(dialog.outcome.findData(Outcome.NO_ANSWER))
    dialog.submit()
    assert saved_count(world) == 1


@pytest.mark.parametrize(
    ("number", "verified", "message"),
    [
        ("0900 123 45 67", True, "Premium-rate"),
        ("+49 151 12345678", True, "Foreign"),
        ("0532 12", True, "not a valid"),
        ("0532 765 43 21", False, "Confirm the new number"),
    ],
)
def test_bad_numbers_are_refused_in_the_dialog(
    dialog: CallbackDialog, world: World, number: str, verified: bool, message: str
) -> None:
    dialog.picker.person.setCurrentIndex(dialog.picker.person.count() - 1)  # someone else
    dialog.picker.name.setText("Can Demir")
    dialog.picker.new_number.setText(number)
    dialog.picker.verified.setChecked(verified)
    dialog.notice_given.setChecked(True)
    dialog.submit()
    assert message in dialog.error.text()
    assert saved_count(world) == 0
    assert dialog.isEnabled()
    assert dialog.result() != CallbackDialog.DialogCode.Accepted


def test_end_before_start_and_long_notes(dialog: CallbackDialog, world: World) -> None:
    dialog.notice_given.setChecked(True)
    dialog.ended.setDateTime(dialog.started.dateTime().addSecs(-60))
    dialog.submit()
    assert "end before" in dialog.error.text()
    dialog.ended.setDateTime(dialog.started.dateTime().addSecs(300))
    dialog.notes.setPlainText("x" * 1001)
    assert "1001" in dialog.notes_count.text()
    dialog.submit()
    assert "1000" in dialog.error.text()
    assert saved_count(world) == 0


def test_missing_notice_version(dialog: CallbackDialog, world: World) -> None:
    dialog.notice_given.setChecked(True)
    dialog.notes.setPlainText("not")
    dialog.notice_text = dialog.notice_text.__class__(dialog.notice_text.kind, 99, "en", "")
    dialog.submit()
    assert "version 99" in dialog.error.text()
    assert saved_count(world) == 0


def test_reveal_needs_reason_and_is_audited(dialog: CallbackDialog, world: World) -> None:
    assert dialog.picker.full.text() == "+90 5•• ••• •• 67"
    dialog.picker.reveal()
    assert "why" in dialog.error.text().lower()
    dialog.picker.reason.setText("Numara doğrulaması")
    dialog.picker.reveal()
    assert dialog.picker.full.text() == PHONE
    with world.desk.db.read() as conn:
        assert conn.execute(select(AuditEvent.kind, AuditEvent.reason)).all() == [
            ("phone.reveal", "Numara doğrulaması")
        ]


@pytest.mark.parametrize("lang", ["tr", "en"])
def test_screenshot(dialog: CallbackDialog, tmp_path: Path, lang: str) -> None:
    set_language(lang)
    dlg = CallbackDialog(dialog.ctx, dialog.ticket_id)
    dlg.notice_given.setChecked(True)
    dlg.ask_consent.setChecked(True)
    dlg.resize(dlg.sizeHint())
    assert dlg.grab().save(str(tmp_path / f"callback_{lang}.png"))
    dlg.deleteLater()
    set_language("en")


class _DeferredRunner(Runner):
    """Keeps jobs until `flush()`: what a worker thread does, in a test's own order."""

    def __init__(self) -> None:
        super().__init__(synchronous=True)
        self.waiting: list[tuple[Callable[[], Any], Any, Any]] = []

    def run(self, fn: Any, on_success: Any = None, on_failure: Any = None, **_kw: Any) -> None:
        self.waiting.append((fn, on_success, on_failure))

    def flush(self) -> None:
        while self.waiting:
            fn, ok, _failed = self.waiting.pop(0)
            ok(fn())


def test_constructor_reads_nothing_save_waits(qtbot: QtBot, world: World) -> None:
    set_language("en")
    runner = _DeferredRunner()
    ctx = UiContext(world.desk, runner=runner, now=lambda: NOW)
    dlg = CallbackDialog(ctx, world.ticket_id)
    qtbot.addWidget(dlg)
    save = dlg.buttons.button(dlg.buttons.StandardButton.Save)
    assert dlg.cfg is None
    assert dlg.notice_text is None
    assert not save.isEnabled()
    assert len(runner.waiting) == 1
    runner.flush()
    assert save.isEnabled()
    assert dlg.notice_text is not None
    assert f"({dlg.notice_text.version})" in dlg.notice_box.title().replace("version ", "")
    assert dlg.picker.full.text() == "+90 5•• ••• •• 67"  # the profile number arrived


def _question(dialog: CallbackDialog) -> NoNoticeQuestion:
    box = dialog.question
    assert box is not None
    assert box.isVisible()
    return box


def test_reached_without_notice_asks_and_no_keeps_the_dialog(
    dialog: CallbackDialog, world: World, qtbot: QtBot
) -> None:
    assert dialog.outcome.currentData() == Outcome.REACHED
    dialog.submit()
    box = _question(dialog)
    assert "notice" in box.text.text()
    assert box.back.isDefault()  # Enter = No
    assert not box.save.isEnabled()  # saving without the notice needs a reason
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # Esc = No
    assert saved_count(world) == 0
    assert dialog.question is None
    assert dialog.result() != CallbackDialog.DialogCode.Accepted
    dialog.submit()
    _question(dialog).back.click()
    assert saved_count(world) == 0


def test_reached_without_notice_saved_with_why_when_confirmed(
    dialog: CallbackDialog, world: World
) -> None:
    dialog.submit()
    box = _question(dialog)
    box.reason.setCurrentIndex(box.reason.findData(NoNoticeWhy.HUNG_UP.value))
    assert box.save.isEnabled()
    box.save.click()
    assert saved_count(world) == 1
    assert dialog.result() == CallbackDialog.DialogCode.Accepted
    with world.desk.db.read() as conn:
        callback_id = conn.execute(select(Callback.id)).scalar_one()
        event = conn.execute(
            select(
                AuditEvent.kind, AuditEvent.subject_type, AuditEvent.subject_id, AuditEvent.reason
            )
        ).one()
    assert tuple(event) == (NO_NOTICE_KIND, "callback", callback_id, "hung_up")


def test_reached_with_notice_asks_nothing(dialog: CallbackDialog, world: World) -> None:
    dialog.notice_given.setChecked(True)
    dialog.submit()
    assert dialog.question is None
    assert saved_count(world) == 1


def test_default_start_never_before_the_first_message() -> None:
    now = datetime(2026, 3, 10, 11, 0, tzinfo=UTC)
    # a ticket two minutes old: the call cannot have begun before it
    assert default_times(now, now - timedelta(minutes=2)) == (now - timedelta(minutes=2), now)
    # an old ticket: five minutes up to now
    assert default_times(now, now - timedelta(days=3)) == (now - timedelta(minutes=5), now)
    # a first message "in the future" (another clock): never after now
    assert default_times(now, now + timedelta(hours=1)) == (now, now)
    assert default_times(now, None) == (now - timedelta(minutes=5), now)


def test_dialog_proposes_a_start_inside_the_ticket(qtbot: QtBot, world: World) -> None:
    with world.desk.db.read() as conn:
        from websight_desk.storage.queries.callback_form import first_message_at

        began = first_message_at(conn, world.ticket_id)
    assert began is not None
    now = began + timedelta(minutes=1)  # the ticket arrived a minute ago
    ctx = UiContext(world.desk, runner=Runner(synchronous=True), now=lambda: now)
    dlg = CallbackDialog(ctx, world.ticket_id)
    qtbot.addWidget(dlg)
    assert utc_of(dlg.started) >= began.replace(microsecond=0)
    assert utc_of(dlg.started) <= utc_of(dlg.ended) <= now
