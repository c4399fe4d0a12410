"""Show failures the two ways STYLE.md §7 asks: environment problems vs bugs.

`EnvironmentProblem` (disk full, database locked, bad input): a friendly box with the message
and hint, and a Retry button when the caller can retry. Anything else is a bug: logged with its
traceback and reported as such; widgets keep the user's typed text (they only clear it after
a success callback).
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from websight_desk.domain.errors import EnvironmentProblem
from websight_desk.i18n import _

log = logging.getLogger("websight_desk.ui")

# Tests replace this to capture what would be shown instead of opening boxes.
Presenter = Callable[[str, str, str, Callable[[], None] | None], None]


def _show_box(title: str, text: str, detail: str, retry: Callable[[], None] | None) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, title, text)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.setAccessibleName(title)
    if detail:
        box.setInformativeText(detail)
    if retry is not None:
        box.setStandardButtons(QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Cancel)

        def clicked(button: object) -> None:
            if box.standardButton(button) == QMessageBox.StandardButton.Retry:  # type: ignore[arg-type]
                retry()

        box.buttonClicked.connect(clicked)
    else:
        box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.open()  # window-modal but non-blocking: the event loop (and the runner) keep going


_presenter: Presenter = _show_box


def set_presenter(presenter: Presenter | None) -> None:
    """Route error reports elsewhere (tests); None restores message boxes."""
    global _presenter  # noqa: PLW0603 - one process-wide presenter, swapped by tests
    _presenter = presenter if presenter is not None else _show_box


def describe(exc: BaseException) -> tuple[str, str, str]:
    """(title, message, detail) for the user."""
    if isinstance(exc, EnvironmentProblem):
        return _("Could not complete the action"), exc.message, exc.hint
    return (
        _("Unexpected error"),
        _("This is a bug in Websight Desk. Your typed text has been kept."),
        _("Details were written to the log: {error}").format(error=type(exc).__name__),
    )


def report(
    exc: BaseException, parent: QWidget | None = None, retry: Callable[[], None] | None = None
) -> None:
    """Tell the user about a failure (and log bugs with their traceback)."""
    if not isinstance(exc, EnvironmentProblem):
        log.error("unexpected error", exc_info=exc)
        retry = None  # retrying a bug repeats it
    title, message, detail = describe(exc)
    _presenter(title, message, detail, retry)
