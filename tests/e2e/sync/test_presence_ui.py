"""Presence in the window against a real server: a colleague's open ticket and draft, live."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.e2e.sync.serverproc import ServerProc, Workstation, free_port
from websight_desk import i18n
from websight_desk.sync.client import SyncClient
from websight_desk.sync.engine import client_for
from websight_desk.ui.context import UiContext
from websight_desk.ui.runner import Runner
from websight_desk.ui.sync.presence import presence_of
from websight_desk.ui.ticket.presence_label import PresenceLabel

pytestmark = pytest.mark.parametrize("server", ["sqlite"], indirect=True)
TICKET = "0193aaaa-bbbb-7ccc-8ddd-0000000000t1"


def test_the_header_shows_a_colleague_live_and_says_when_it_cannot_know(
    server: ServerProc, make_ws: Callable[..., Workstation], qtbot: Any
) -> None:
    i18n.set_language("en")
    me, colleague = make_ws("ayse", "agent"), make_ws("mehmet", "agent")
    ctx = UiContext(me.desk, runner=Runner(synchronous=True))
    label = PresenceLabel(ctx)
    qtbot.addWidget(label)
    presence = presence_of(ctx)
    token = me.client._http.headers["Authorization"].removeprefix("Bearer ")
    presence.start(lambda: client_for(me.desk, retries=0, token=token))
    try:
        ctx.events.ticketSelected.emit(TICKET)
        label.show_ticket(TICKET)
        colleague.client.set_presence(TICKET, "viewing")
        qtbot.waitUntil(lambda: "Also viewing: mehmet" in label.text(), timeout=15_000)
        colleague.client.set_presence(TICKET, "replying")
        qtbot.waitUntil(lambda: "Writing a reply: mehmet" in label.text(), timeout=15_000)
        label.show_ticket("another-ticket")
        assert label.isHidden()

        # and mine reaches the colleague: selected ticket, then a draft
        label.show_ticket(TICKET)
        presence.set_replying(True)

        def mine() -> list[str]:
            board = colleague.client.presence(-1)["entries"]
            return [e["state"] for e in board if e["agent_id"] == me.agent_id]

        qtbot.waitUntil(lambda: mine() == ["replying"], timeout=15_000)
    finally:
        presence.stop()
    assert mine() == []  # closing leaves the board at once
    offline = SyncClient(f"http://127.0.0.1:{free_port()}", token, retries=0)
    presence.start(lambda: offline)
    try:
        qtbot.waitUntil(lambda: label.text() == "Colleagues: unknown while offline", timeout=15_000)
    finally:
        presence.stop()
    i18n.set_language("tr")
