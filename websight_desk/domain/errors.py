"""The two kinds of error (STYLE.md §7).

`EnvironmentProblem`: the world failed or the input is bad (disk full, database locked,
server unreachable, invalid phone number). Show a clear message, offer a retry, lose nothing.
Anything else that escapes is a bug: logged with its traceback.
"""

from __future__ import annotations


class EnvironmentProblem(Exception):
    """A failure the user can understand and act on; `message` is shown as is."""

    def __init__(self, message: str, *, hint: str = "", path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.path = path

    def __str__(self) -> str:
        return f"{self.message} {self.hint}".strip()


class ValidationError(EnvironmentProblem):
    """User input that cannot be accepted; nothing was written."""


class NotFound(EnvironmentProblem):
    """A referenced record does not exist."""


class PermissionDenied(EnvironmentProblem):
    """The acting agent's role does not allow this action."""


class StorageProblem(EnvironmentProblem):
    """The local database cannot be opened, read or written."""
