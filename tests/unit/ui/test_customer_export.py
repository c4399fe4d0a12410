# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.fixtures_ticket reappear as test parameters)
"""KVKK from the customer view ("Export data (KVKK)…") and abuse evidence in the purge preview."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox
from sqlalchemy import select

from tests.unit.ui.fixtures_ticket import (  # noqa: F401
    T_NOW,
    TicketSample,
    sign_in_admin,
    tctx,
    tdesk,
    tsample,
)
from websight_desk.domain.abuse import AbuseCategory, AbuseChannel
from websight_desk.services import abuse
from websight_desk.services.audit_chain import verify_desk
from websight_desk.storage.models import AbuseTermination, AuditEvent
from websight_desk.ui.callbacks import actions
from websight_desk.ui.context import UiContext
from websight_desk.ui.customer import CustomerDialog, CustomerView

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints", "does not support raise")


def _exports(ctx: UiContext) -> list[Any]:
    with ctx.desk.db.read() as conn:
        return conn.execute(
            select(AuditEvent.__table__).where(AuditEvent.kind == "kvkk.export")
        ).all()


def _patch_dialogs(monkeypatch: Any, reason: str | None, target: Path | None) -> list[str]:
    """Answer the reason prompt (keep its suggestion when `reason` is None) and the file dialog."""
    seen: list[str] = []

    def get_text(_p: Any, _t: str, _label: str, _mode: Any, text: str) -> tuple[str, bool]:
        seen.append(text)
        return (text if reason is None else reason), True

    def save_name(_p: Any, _t: str, name: str, _f: str) -> tuple[str, str]:
        seen.append(name)
        assert target is not None, "the file dialog should not have been shown"
        return str(target), ""

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_name)
    return seen


def test_export_button_in_the_customer_dialog(
    qtbot: Any, tctx: UiContext, tsample: TicketSample, monkeypatch: Any, tmp_path: Path
) -> None:
    target = tmp_path / "ayse.json"
    admin = sign_in_admin(tctx.desk)  # exports are the data-protection admin's
    seen = _patch_dialogs(monkeypatch, "Veri sahibi e-postayla başvurdu", target)
    dialog = CustomerDialog(tctx, tsample.ayse)
    qtbot.addWidget(dialog)
    button = dialog.view.export
    assert button.isEnabled()
    assert button.text() == "Verileri dışa aktar (KVKK)…"
    button.click()
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["customer"]["id"] == tsample.ayse
    assert seen == ["", "kvkk-export-C-1001-2026-11-26.json"]  # no ticket: no reason guessed
    (audit,) = _exports(tctx)
    assert (audit.subject_id, audit.reason) == (tsample.ayse, "Veri sahibi e-postayla başvurdu")
    assert audit.actor_agent_id == admin


def test_export_from_a_ticket_suggests_the_ticket_as_reason(
    qtbot: Any, tctx: UiContext, tsample: TicketSample, monkeypatch: Any, tmp_path: Path
) -> None:
    target = tmp_path / "out.json"
    sign_in_admin(tctx.desk)
    seen = _patch_dialogs(monkeypatch, None, target)
    view = CustomerView(tctx, ticket_id=tsample.theme)
    qtbot.addWidget(view)
    view.show_customer(tsample.ayse)
    view.export.click()
    (audit,) = _exports(tctx)
    assert seen[0].startswith("KVKK başvurusu, talep #")
    assert "#" in seen[0]
    assert audit.reason == seen[0]
    assert json.loads(target.read_text(encoding="utf-8"))["customer"]["id"] == tsample.ayse


def test_export_without_a_reason_asks_no_file_and_audits_nothing(
    qtbot: Any,
    tctx: UiContext,
    tsample: TicketSample,
    monkeypatch: Any,
    reported: list[Any],
) -> None:
    seen = _patch_dialogs(monkeypatch, "   ", None)
    view = CustomerView(tctx)
    qtbot.addWidget(view)
    view.show_customer(None)
    assert not view.export.isEnabled()  # nobody to export yet
    view.show_customer(tsample.ayse)
    view.export.click()
    assert reported
    assert len(seen) == 1  # the reason prompt only; no file dialog
    assert _exports(tctx) == []


def test_purge_preview_shows_abuse_evidence_and_destroys_it(
    tctx: UiContext, tsample: TicketSample, monkeypatch: Any
) -> None:
    desk = tctx.desk
    desk.now = lambda: T_NOW - timedelta(days=800)
    with desk.writer() as w:
        tid = abuse.terminate(
            w,
            abuse.TerminateConversation(
                channel=AbuseChannel.TICKET,
                category=AbuseCategory.INSULT,
                note="Hakaret.",
                evidence_excerpt="Beceriksizler, salaklar!",
                ticket_id=tsample.abusive,
                evidence_words=("salaklar",),
            ),
        )
    desk.now = lambda: T_NOW
    asked: list[str] = []
    told: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *_a: asked.append(text) or answer[0]
    )
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *_a: told.append(text))
    actions.run_destruction_job(tctx, None)
    assert "1 kötüye kullanım sonlandırmasının kanıtı" in asked[0]
    assert "imha edilecek" in asked[0]
    answer[0] = QMessageBox.StandardButton.Yes
    actions.run_destruction_job(tctx, None)
    with desk.db.read() as conn:
        excerpt = conn.execute(
            select(AbuseTermination.evidence_excerpt).where(AbuseTermination.id == tid)
        ).scalar_one()
    assert excerpt == ""
    assert "imha edildi" in told[0]
    assert verify_desk(desk).ok
