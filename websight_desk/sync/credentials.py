"""Where the server token lives: the OS keyring, or `WEBSIGHT_DESK_TOKEN`. Never a file."""

from __future__ import annotations

import contextlib
import os

from websight_desk.sync.errors import NoKeyringBackend

SERVICE = "websight-desk"
ENV_TOKEN = "WEBSIGHT_DESK_TOKEN"


def _keyring_usable() -> bool:
    import keyring
    from keyring.backends import fail

    backend = keyring.get_keyring()
    if isinstance(backend, fail.Keyring):
        return False
    # The chainer with nothing behind it is as good as no backend.
    priority = getattr(backend, "priority", 1)
    return bool(priority is None or priority > 0)


def _no_backend(exc: BaseException | None = None) -> NoKeyringBackend:
    detail = f" ({exc})" if exc else ""
    return NoKeyringBackend(
        f"This computer has no password store (keyring) for the server token{detail}.",
        hint="Enter the token at each start, or set WEBSIGHT_DESK_TOKEN for scripts.",
    )


def load_token(server_url: str) -> str | None:
    """The token for this server: the environment wins, then the keyring; None if absent."""
    env = os.environ.get(ENV_TOKEN)
    if env:
        return env.strip()
    import keyring
    from keyring.errors import KeyringError

    if not _keyring_usable():
        raise _no_backend()
    try:
        return keyring.get_password(SERVICE, server_url)
    except KeyringError as exc:
        raise _no_backend(exc) from exc


def store_token(server_url: str, token: str) -> None:
    """Keep the token in the OS keyring; raises NoKeyringBackend rather than use a file."""
    import keyring
    from keyring.errors import KeyringError

    if not _keyring_usable():
        raise _no_backend()
    try:
        keyring.set_password(SERVICE, server_url, token)
    except KeyringError as exc:
        raise _no_backend(exc) from exc


def forget_token(server_url: str) -> None:
    import keyring
    from keyring.errors import KeyringError, PasswordDeleteError

    with contextlib.suppress(PasswordDeleteError, KeyringError):
        keyring.delete_password(SERVICE, server_url)
