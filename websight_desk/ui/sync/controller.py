"""`SyncController`: runs `BackgroundSync` for the window and brings its news to the GUI thread.

Sync threads report through Qt signals (queued to the GUI thread); the status bar refreshes
on `syncStateChanged`, the queue and ticket pane on `ticketsChanged`. A first pull (cursor 0)
runs once in the runner with a progress dialog before the background threads start.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from websight_desk.i18n import _
from websight_desk.sync import credentials
from websight_desk.sync.errors import (
    AccessRevoked,
    NoKeyringBackend,
    NotConnected,
    ProtocolMismatch,
    SyncProblem,
)
from websight_desk.sync.status import SyncStatus
from websight_desk.ui.context import UiContext
from websight_desk.ui.sync.presence import presence_of

if TYPE_CHECKING:  # the sync engine (and its HTTP client) loads once a server is configured
    from websight_desk.sync.background import BackgroundSync
    from websight_desk.sync.engine import SyncReport

log = logging.getLogger(__name__)


class SyncController(QObject):
    statusArrived = Signal(object)  # SyncStatus, from a sync thread
    fatalArrived = Signal(object)  # SyncProblem that retrying cannot fix
    pulledArrived = Signal(int)  # changes a pull brought
    progressArrived = Signal(int, int)  # first pull: done, total

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget,
        *,
        long_poll_s: int = 25,
        push_interval_s: float = 10.0,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.window = parent
        self.long_poll_s = long_poll_s
        self.push_interval_s = push_interval_s
        self.session_token: str | None = None  # typed at start without a keyring; memory only
        self.background: BackgroundSync | None = None
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None
        self.prompt: QWidget | None = None
        self.last_status: SyncStatus | None = None
        self.statusArrived.connect(self._on_status)
        self.fatalArrived.connect(self._on_fatal)
        self.pulledArrived.connect(self._on_pulled)
        self.progressArrived.connect(self._on_progress)
        ctx.events.ticketsChanged.connect(lambda _ids: self.wake())

    # --- lifecycle -----------------------------------------------------------------------

    def start(self) -> None:
        """Start syncing if a server is configured (asking for the token if none is kept)."""
        url = self.ctx.desk.settings.server_url
        if not url or self.running:
            return
        token = self.session_token
        if token is None:
            try:
                token = credentials.load_token(url)
            except NoKeyringBackend:
                token = None
        if not token:
            self._ask_token(url)
            return
        self._begin(token)

    def restart(self, token: str | None) -> None:
        """After connecting anew: stop, remember a keyring-less token in memory, start."""
        self.stop()
        self.session_token = token
        self.start()

    def stop(self) -> None:
        if self.background is not None:
            self.background.stop()
            self.background = None
        presence_of(self.ctx).stop()

    @property
    def running(self) -> bool:
        return self.background is not None and self.background.running

    def wake(self) -> None:
        if self.background is not None:
            self.background.wake()

    # --- steps ---------------------------------------------------------------------------

    def _ask_token(self, url: str) -> None:
        from websight_desk.ui.sync.dialogs import TokenPrompt

        prompt = TokenPrompt(url, self.window)
        prompt.tokenEntered.connect(self.restart)
        self.prompt = prompt
        prompt.open()

    def _begin(self, token: str) -> None:
        from websight_desk.sync.pull import read_cursor

        db = self.ctx.desk.db

        def never_pulled() -> bool:
            with db.read() as conn:
                return read_cursor(conn) == 0

        self.ctx.runner.run(never_pulled, lambda first: self._begin_with(token, first))

    def _begin_with(self, token: str, first: bool) -> None:
        if not first:
            self._start_background(token)
            return
        self.progress = QProgressDialog(
            _("Downloading the workspace from the sync server…"), "", 0, 0, self.window
        )
        self.progress.setObjectName("syncFirstPull")
        self.progress.setCancelButton(None)
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)
        self.progress.show()
        desk = self.ctx.desk
        from websight_desk.sync.engine import SyncEngine, client_for

        def first_pull() -> SyncReport:
            with client_for(desk, token=token) as client:
                return SyncEngine(desk, client).run_once(progress=self.progressArrived.emit)

        def done(_report: SyncReport) -> None:
            self._close_progress()
            self.ctx.tickets_changed([])
            self._start_background(token)

        def failed(exc: BaseException) -> None:
            self._close_progress()
            if isinstance(exc, AccessRevoked | ProtocolMismatch | NotConnected):
                self._on_fatal(exc)
                return
            if not isinstance(exc, SyncProblem):
                log.error("the first pull failed", exc_info=exc)
            self.ctx.events.syncStateChanged.emit()
            self._start_background(token)  # offline now: it retries by itself

        self.ctx.runner.run(first_pull, done, failed)

    def _start_background(self, token: str) -> None:
        from websight_desk.sync.background import BackgroundSync
        from websight_desk.sync.engine import client_for

        desk = self.ctx.desk
        self.background = BackgroundSync(
            desk,
            client_factory=lambda: client_for(desk, retries=0, token=token),
            on_status=self.statusArrived.emit,
            on_fatal=self.fatalArrived.emit,
            on_pulled=self.pulledArrived.emit,
            long_poll_s=self.long_poll_s,
            push_interval_s=self.push_interval_s,
        )
        self.background.start()
        presence_of(self.ctx).start(lambda: client_for(desk, retries=0, token=token))

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    # --- news from the sync threads (GUI thread) -----------------------------------------

    def _on_status(self, status: SyncStatus) -> None:
        self.last_status = status
        self.ctx.events.syncStateChanged.emit()

    def _on_pulled(self, _count: int) -> None:
        self.ctx.tickets_changed([])  # [] = reload: pulled changes may touch any ticket

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setMaximum(max(total, 1))
            self.progress.setValue(min(done, max(total, 1)))

    def _on_fatal(self, exc: object) -> None:
        self.stop()
        self.ctx.events.syncStateChanged.emit()
        if isinstance(exc, AccessRevoked):
            title = _("Sync access revoked")
            text = _(
                "The sync server no longer accepts this workstation's access token. Your work "
                "is kept on this computer; ask an administrator for a new token and connect "
                "again (Tools → Connect to sync server…)."
            )
        else:
            title = _("Sync stopped")
            text = str(exc)
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok)
        box.setParent(self.window, box.windowFlags())
        box.setObjectName("syncFatalMessage")
        box.setInformativeText(str(exc))
        self.message = box
        box.open()
