"""The window wires presence: the colleagues line in the header, 'replying' from the draft."""

from __future__ import annotations

from typing import Any

import pytest

from tests.unit.ui.window_fixtures import open_in, pane, tctx, tdesk, tsample, win  # noqa: F401
from websight_desk.sync.presence import REPLYING, VIEWING, Colleague
from websight_desk.ui.main_window import MainWindow
from websight_desk.ui.sync.presence import presence_of
from websight_desk.ui.ticket.presence_label import PresenceLabel

pytestmark = pytest.mark.qt_log_ignore("propagateSizeHints")


class FakeLoop:
    def __init__(self) -> None:
        self.told: list[tuple[str | None, str]] = []

    def set(self, ticket_id: str | None, state: str = VIEWING) -> None:
        self.told.append((ticket_id, state))

    def stop(self) -> None:
        pass


def test_draft_means_replying_and_the_header_names_colleagues(
    win: MainWindow,  # noqa: F811
    tsample: Any,  # noqa: F811
) -> None:
    presence = presence_of(win.ctx)
    loop = FakeLoop()
    presence.loop = loop  # type: ignore[assignment]
    win.ctx.desk.settings.server_url = "https://desk.example"
    open_in(win, tsample.mail)
    assert loop.told[-1] == (tsample.mail, VIEWING)
    pane(win).composer.editor.setPlainText("Merhaba,")
    assert loop.told[-1] == (tsample.mail, REPLYING)
    pane(win).composer.editor.clear()
    assert loop.told[-1] == (tsample.mail, VIEWING)

    [label] = pane(win).header.findChildren(PresenceLabel)
    presence.boardArrived.emit([Colleague("x", "Ayşe Kaya", tsample.mail, REPLYING, 0)])
    assert "Ayşe Kaya" in label.text()
    assert not label.isHidden()
    presence.boardArrived.emit(None)
    assert label.text() == "Meslektaşlar: çevrimdışıyken bilinmiyor"
    presence.loop = None
