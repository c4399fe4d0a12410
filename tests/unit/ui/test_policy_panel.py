# ruff: noqa: F811
# (the fixtures imported from tests.unit.ui.fixtures_ticket reappear as test parameters)
"""The policy panel renders a ticket's decision: verdict first, clause, evidence, checklist."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk import i18n
from websight_desk.policy.model import Action, Verdict
from websight_desk.services.triage import decide
from websight_desk.ui.context import UiContext
from websight_desk.ui.policy import PolicyPanel
from websight_desk.ui.ticket import TicketPane, link


def _panel(qtbot, ctx: UiContext) -> PolicyPanel:  # type: ignore[no-untyped-def]
    panel = PolicyPanel(ctx)
    qtbot.addWidget(panel)
    panel.resize(320, 700)
    return panel


def test_shows_the_decision_of_the_picked_ticket(qtbot, tctx: UiContext, tsample: TicketSample):
    panel = _panel(qtbot, tctx)
    panel.show_ticket(tsample.theme)
    with tctx.desk.db.read() as conn:
        expected = decide(conn, tsample.theme, tctx.ruleset, tctx.now())
    assert panel.decision == expected
    assert expected is not None
    assert expected.verdict is Verdict.OUT_OF_SCOPE
    assert panel.verdict.text() == "⊘  Kapsam dışı"  # symbol + word, not colour alone
    clause = tctx.ruleset.clause(expected.primary_clause)
    assert panel.clause_title.text() == clause.title("tr")
    assert panel.clause_text.text() == clause.text("tr")
    assert panel.evidence.count() == len(expected.evidence)
    assert not panel.abuse.isVisibleTo(panel)


@pytest.mark.qt_log_ignore("propagateSizeHints")  # offscreen platform, when a window is shown
def test_evidence_click_emits_its_range(qtbot, tctx: UiContext, tsample: TicketSample):
    panel = _panel(qtbot, tctx)
    panel.show_ticket(tsample.theme)
    assert panel.decision is not None
    first = panel.decision.evidence[0]
    panel.show()
    qtbot.waitExposed(panel)
    rect = panel.evidence.visualItemRect(panel.evidence.item(0))
    with qtbot.waitSignal(panel.evidenceActivated) as signal:
        qtbot.mouseClick(panel.evidence.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert signal.args == [first.field, first.start, first.end]


def test_checklist_action_emits_the_action(qtbot, tctx: UiContext, tsample: TicketSample):
    panel = _panel(qtbot, tctx)
    panel.show_ticket(tsample.mail)
    buttons = {b.objectName(): b for b in panel.action_buttons()}
    button = buttons[f"action_{Action.SEND_SETUP_ARTICLE.value}"]
    assert button.accessibleName()
    with qtbot.waitSignal(panel.actionActivated) as signal:
        button.click()
    assert signal.args == ["send_setup_article"]
    assert button.text().startswith("☑")


def test_abuse_suggestion_banner_and_shift(qtbot, tctx: UiContext, tsample: TicketSample):
    panel = _panel(qtbot, tctx)
    panel.show_ticket(tsample.abusive)
    assert panel.abuse.isVisibleTo(panel)
    assert "⚠" in panel.abuse.text()
    assert "14:00" in panel.shift.text()  # Istanbul time of the fixed clock
    assert not panel.banner.isVisibleTo(panel)
    panel.set_banner("Hizmet reddedildi", "error")
    assert panel.banner.isVisibleTo(panel)
    assert panel.banner.text() == "✖ Hizmet reddedildi"
    panel.set_banner(None)
    assert not panel.banner.isVisibleTo(panel)


def test_redirect_for_a_resellers_customer(qtbot, tctx: UiContext, tsample: TicketSample):
    panel = _panel(qtbot, tctx)
    panel.show_ticket(tsample.reseller_ticket)
    assert panel.decision is not None
    assert panel.decision.verdict is Verdict.REDIRECT
    assert panel.verdict.text().startswith("↪")


def test_language_switch_rerenders(qtbot, tctx: UiContext, tsample: TicketSample):
    panel = _panel(qtbot, tctx)
    panel.show_ticket(tsample.theme)
    i18n.set_language("en")
    tctx.events.languageChanged.emit()
    assert panel.verdict.text() == "⊘  Out of scope"
    assert panel.decision is not None
    assert panel.clause_title.text() == tctx.ruleset.clause(panel.decision.primary_clause).title(
        "en"
    )


def test_linked_to_the_ticket_pane(qtbot, tctx: UiContext, tsample: TicketSample):
    pane, panel = TicketPane(tctx), _panel(qtbot, tctx)
    qtbot.addWidget(pane)
    link(pane, panel)
    pane.show_ticket(tsample.theme)
    assert panel.decision is not None
    assert panel.decision == pane.decision
    names = pane.field_names()
    assert names["subject"] == "Konu"
    texts = [panel.evidence.item(i).text() for i in range(panel.evidence.count())]
    assert any(t.endswith(names["subject"]) for t in texts)
    pane.show_ticket(None)
    assert panel.decision is None
    assert panel.empty.isVisibleTo(panel)


def test_a_wrapped_label_measures_again_when_its_text_or_font_changes(qtbot: Any) -> None:
    """The panel's labels remember their height for a width (`sections.WrapLabel`), never a
    stale one: new text, new wrapping or a new font measure anew, like a plain QLabel."""
    from PySide6.QtGui import QFont
    from PySide6.QtWidgets import QLabel

    from websight_desk.ui.policy.sections import WrapLabel

    label, plain = WrapLabel(), QLabel()
    for w in (label, plain):
        qtbot.addWidget(w)
        w.setWordWrap(True)
        w.setText("kısa")
    short = label.heightForWidth(120)
    assert short == plain.heightForWidth(120)
    long_text = "Müşteriye kurulum makalesini gönderin ve sonucu bilete not olarak yazın. " * 3
    for w in (label, plain):
        w.setText(long_text)
    assert label.heightForWidth(120) == plain.heightForWidth(120) > short
    big = QFont(label.font())
    big.setPointSize(big.pointSize() * 2)
    for w in (label, plain):
        w.setFont(big)
    assert label.heightForWidth(120) == plain.heightForWidth(120)
    for w in (label, plain):
        w.setWordWrap(False)
    assert label.heightForWidth(120) == plain.heightForWidth(120)
