"""Where the server token lives: the OS keyring, or `WEBSIGHT_DESK_TOKEN`. Never a file.

`find_token` is the one place that looks for it (a token typed in this session, then the
environment, then the keyring); `keep_token` the one place that keeps it.
"""

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


def env_token() -> str | None:
    """`WEBSIGHT_DESK_TOKEN`, stripped; None when unset or blank."""
    return os.environ.get(ENV_TOKEN, "").strip() or None


def load_token(server_url: str) -> str | None:
    """The token for this server: the environment wins, then the keyring; None if absent.

    Raises NoKeyringBackend when the token would have to come from a keyring there is none of.
    """
    env = env_token()
    if env:
        return env
    import keyring
    from keyring.errors import KeyringError

    if not _keyring_usable():
        raise _no_backend()
    try:
        return keyring.get_password(SERVICE, server_url)
    except KeyringError as exc:
        raise _no_backend(exc) from exc


def find_token(server_url: str, session_token: str | None = None) -> str | None:
    """The token to sync with: one typed in this session (kept in memory only), else the
    environment, else the keyring; None when none is kept (or there is no keyring)."""
    if session_token:
        return session_token
    try:
        return load_token(server_url)
    except NoKeyringBackend:
        return None


def keep_token(server_url: str, token: str) -> bool:
    """Keep the token in the keyring; False (nothing written anywhere) without a keyring."""
    try:
        store_token(server_url, token)
    except NoKeyringBackend:
        return False
    return True


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
