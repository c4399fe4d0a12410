"""The connect dialog (URL + token, test with /v1/whoami, keep the token in the keyring) and
the token prompt shown at start when no keyring holds it (the token stays in memory only)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from websight_desk.i18n import _
from websight_desk.sync import credentials
from websight_desk.sync.client import SyncClient, Whoami
from websight_desk.sync.engine import resync
from websight_desk.sync.errors import NoKeyringBackend
from websight_desk.ui.context import UiContext


@dataclass(frozen=True)
class Connected:
    me: Whoami
    kept_in_keyring: bool


def check_token(url: str, token: str) -> Whoami:
    """Ask the server who this token is (raises a SyncProblem with a clear message)."""
    with SyncClient(url, token, retries=1, timeout=15.0) as client:
        return client.whoami()


def normalise_url(url: str) -> str | None:
    url = url.strip().rstrip("/")
    return url if url.startswith(("http://", "https://")) else None


class ConnectDialog(QDialog):
    """Tools → Connect to sync server…; `connected(token or None)` after a successful connect."""

    connected = Signal(object)  # the token when it lives only in memory, else None

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("syncConnectDialog")
        self.setWindowTitle(_("Connect to sync server"))
        self.url_edit = QLineEdit(ctx.desk.settings.server_url, self)
        self.url_edit.setPlaceholderText(_("e.g. {url}").format(url="https://desk.example:8765"))
        self.token_edit = QLineEdit(self)
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.result_label = QLabel(self)
        self.result_label.setWordWrap(True)
        self.test_button = QPushButton(_("Test connection"), self)
        self.test_button.clicked.connect(self.test_connection)
        form = QFormLayout()
        form.addRow(_("Server address"), self.url_edit)
        form.addRow(_("Access token"), self.token_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(_("Connect"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.test_button)
        layout.addWidget(self.result_label)
        layout.addWidget(self.buttons)

    def _inputs(self) -> tuple[str, str] | None:
        url = normalise_url(self.url_edit.text())
        token = self.token_edit.text().strip()
        if url is None:
            self.result_label.setText(_("The address must start with http:// or https://."))
            return None
        if not token:
            self.result_label.setText(_("Enter the access token the administrator gave you."))
            return None
        return url, token

    def _failed(self, exc: BaseException) -> None:
        self.result_label.setText(_("Not connected: {error}").format(error=exc))
        self.buttons.setEnabled(True)

    def test_connection(self) -> None:
        inputs = self._inputs()
        if inputs is None:
            return
        url, token = inputs
        self.result_label.setText(_("Testing…"))

        def ok(me: Whoami) -> None:
            self.result_label.setText(
                _("Connected as {name} ({role}).").format(name=me.name, role=me.role)
            )

        self.ctx.runner.run(lambda: check_token(url, token), ok, self._failed)

    def submit(self) -> None:
        """Check the token, keep it (keyring, else memory), save the server and the agent."""
        inputs = self._inputs()
        if inputs is None:
            return
        url, token = inputs
        self.buttons.setEnabled(False)
        self.result_label.setText(_("Connecting…"))

        def work() -> Connected:
            me = check_token(url, token)
            try:
                credentials.store_token(url, token)
                kept = True
            except NoKeyringBackend:
                kept = False  # never a file: the app keeps it in memory for this session
            return Connected(me, kept)

        self.ctx.runner.run(work, lambda done: self._finish(url, token, done), self._failed)

    def _finish(self, url: str, token: str, done: Connected) -> None:
        desk = self.ctx.desk
        if desk.settings.server_url and desk.settings.server_url != url:
            resync(desk)  # another central copy: offer it everything again
        desk.settings.server_url = url
        desk.settings.agent_id = done.me.id
        desk.save_settings()
        self.connected.emit(None if done.kept_in_keyring else token)
        self.accept()


class TokenPrompt(QDialog):
    """At start, without a keyring: the token for this session (kept in memory only)."""

    tokenEntered = Signal(str)

    def __init__(self, url: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("syncTokenPrompt")
        self.setWindowTitle(_("Sync server token"))
        label = QLabel(
            _(
                "This computer has no password store, so the access token for {url} is not "
                "kept between sessions. Enter it to sync now (it stays in memory only)."
            ).format(url=url),
            self,
        )
        label.setWordWrap(True)
        self.token_edit = QLineEdit(self)
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._ok)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.token_edit)
        layout.addWidget(buttons)

    def _ok(self) -> None:
        token = self.token_edit.text().strip()
        if not token:
            return
        self.accept()
        self.tokenEntered.emit(token)
