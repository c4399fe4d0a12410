"""The app's sync wiring against a real server: connect dialog, first pull with progress,
live background sync, token prompt without a keyring, revocation message, stop on close."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QMainWindow, QMessageBox

from tests.e2e.sync.data import make_tickets
from tests.e2e.sync.serverproc import ServerProc, Workstation
from websight_desk import i18n
from websight_desk.services.desk import open_desk
from websight_desk.sync.status import read_status
from websight_desk.ui.context import UiContext
from websight_desk.ui.runner import Runner
from websight_desk.ui.sync import install_sync
from websight_desk.ui.sync.controller import SyncController
from websight_desk.ui.sync.dialogs import ConnectDialog, TokenPrompt
from websight_desk.ui.sync.install import tools_menu

pytestmark = [
    pytest.mark.parametrize("server", ["sqlite"], indirect=True),
    pytest.mark.qt_log_ignore("propagateSizeHints"),
]


def _window(ctx: UiContext) -> QMainWindow:
    window = QMainWindow()
    window.ctx = ctx  # type: ignore[attr-defined]
    window.menuBar().addMenu("Tools").setObjectName("menu_tools")
    return window


def _tickets(desk: Any) -> int:
    with desk.db.read() as conn:
        from websight_desk.storage.stats import record_counts

        return int(record_counts(conn)["tickets"])


def test_connect_first_pull_live_sync_prompt_revoked_and_close(
    server: ServerProc,
    make_ws: Callable[..., Workstation],
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    keyring.set_keyring(fail.Keyring())  # no keyring: the token must stay in memory
    b = make_ws("burak")
    make_tickets(b.desk, 30, prefix="B")
    b.engine.run_once()
    _, token = server.add_account("ayse", "admin")
    desk = open_desk(tmp_path / "a", with_triage=False)
    ctx = UiContext(desk, runner=Runner())
    window = _window(ctx)
    qtbot.addWidget(window)
    changed: list[list[str]] = []
    ctx.events.ticketsChanged.connect(changed.append)
    install_sync(window)
    controller: SyncController = ctx.extras["sync"]
    controller.long_poll_s, controller.push_interval_s = 1, 0.2
    menu = tools_menu(window)
    assert menu is not None
    [action] = [a for a in menu.actions() if a.objectName() == "action_sync_connect"]

    # connect: test, then connect; the token is not kept anywhere but in memory
    action.trigger()
    dialog = controller.prompt
    assert isinstance(dialog, ConnectDialog)
    dialog.url_edit.setText(server.url + "/")
    dialog.token_edit.setText("wrong")
    dialog.test_connection()
    failed = i18n._("Not connected: {error}").format(error="")  # the UI language is Turkish
    qtbot.waitUntil(lambda: failed in dialog.result_label.text(), timeout=10_000)
    dialog.token_edit.setText(token)
    dialog.test_connection()
    qtbot.waitUntil(lambda: "ayse" in dialog.result_label.text(), timeout=10_000)
    dialog.submit()
    qtbot.waitUntil(lambda: controller.running, timeout=20_000)
    assert desk.settings.server_url == server.url
    assert controller.session_token == token
    assert _tickets(desk) == 30  # the first pull brought everything
    assert [] in changed
    for path in (tmp_path / "a").rglob("*"):
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path

    # a local write is pushed at once; a remote one arrives through the long-poll
    make_tickets(desk, 2, prefix="A")
    ctx.tickets_changed([])
    qtbot.waitUntil(lambda: read_status(desk).pending == 0, timeout=15_000)
    changed.clear()
    make_tickets(b.desk, 1, prefix="B2")
    b.engine.run_once()
    qtbot.waitUntil(lambda: _tickets(desk) == 33 and bool(changed), timeout=15_000)
    qtbot.waitUntil(lambda: controller.last_status is not None, timeout=5_000)
    assert controller.last_status is not None
    assert controller.last_status.online

    # next start without a keyring: a prompt asks for the token
    controller.stop()
    controller.session_token = None
    controller.start()
    prompt = controller.prompt
    assert isinstance(prompt, TokenPrompt)
    prompt.token_edit.setText(token)
    prompt._ok()
    qtbot.waitUntil(lambda: controller.running, timeout=10_000)

    # revoked: a clear message, sync stops
    store = server.store()
    with store.write() as conn:
        from websight_desk.server.accounts import revoke

        revoke(conn, "ayse")
    store.close()
    make_tickets(desk, 1, prefix="A2")
    ctx.tickets_changed([])
    qtbot.waitUntil(lambda: isinstance(controller.message, QMessageBox), timeout=15_000)
    assert controller.message is not None
    assert "revoked" in controller.message.informativeText()
    qtbot.waitUntil(lambda: not controller.running, timeout=10_000)

    controller.restart(token)  # still refused; closing the window stops the threads cleanly
    window.close()
    assert controller.background is None
    ctx.runner.shutdown()
    desk.close()
