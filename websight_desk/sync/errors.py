"""Typed sync failures; all are environment problems the UI can show as they are."""

from __future__ import annotations

from websight_desk.domain.errors import EnvironmentProblem


class SyncProblem(EnvironmentProblem):
    """Sync could not run; local work is safe and sync will be retried."""


class ServerUnreachable(SyncProblem):
    """No answer from the server (network down, server stopped, wrong address)."""


class UntrustedCertificate(SyncProblem):
    """The server answered over TLS with a certificate this computer does not trust
    (self-signed, expired, another name). Retrying will not help; the network is fine."""


class NotConnected(SyncProblem):
    """No server URL or no token configured on this workstation."""


class AccessRevoked(SyncProblem):
    """The server refused the token (401): revoked or unknown. Retrying will not help."""


class ServerRefused(SyncProblem):
    """The server answered a 4xx that is not about the token."""

    def __init__(self, message: str, *, status: int, code: str, body: dict[str, object]) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.body = body


class ResyncRequired(SyncProblem):
    """The server no longer matches this workstation's cursor (e.g. restored from a backup)."""


class NoKeyringBackend(SyncProblem):
    """The OS has no usable keyring: the UI asks for the token at each start."""


class ProtocolMismatch(SyncProblem):
    """Client and server speak different sync protocol versions; one must be updated."""
