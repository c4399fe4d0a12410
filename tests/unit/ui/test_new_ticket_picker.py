# ruff: noqa: F811
"""The new-ticket dialog's customer picker shows names in full (issue 18: seven identical
"Şa** A." hits for "sahin"), and its placeholder matches the real codes ("WS…")."""

from __future__ import annotations

from typing import Any

from tests.unit.ui.fixtures_ticket import TicketSample, tctx, tdesk, tsample  # noqa: F401
from websight_desk.services import people
from websight_desk.ui.context import UiContext
from websight_desk.ui.dialogs.new_ticket import NewTicketDialog


def test_names_in_full_and_a_real_code_in_the_placeholder(
    qtbot: Any, tctx: UiContext, tsample: TicketSample
) -> None:
    with tctx.desk.writer() as w:
        people.add_customer(w, people.NewCustomer("WS0000123", "individual", "Şahin Aksoy"))
        people.add_customer(w, people.NewCustomer("WS0000124", "individual", "Şahika Akın"))
    dlg = NewTicketDialog(tctx)
    qtbot.addWidget(dlg)
    assert "WS0001234" in dlg.search.placeholderText()
    assert "C-1001" not in dlg.search.placeholderText()
    dlg.search.setText("sahi")
    dlg.run_search()
    texts = sorted(dlg.results.item(i).text() for i in range(dlg.results.count()))
    assert texts == ["Ömer Şahin · C-1002", "Şahika Akın · WS0000124", "Şahin Aksoy · WS0000123"]
    assert not any("*" in t for t in texts)
