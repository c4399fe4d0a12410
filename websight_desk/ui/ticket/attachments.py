"""Opening and saving the files of an inbound mail, downloaded from the sync server.

A file is never run: "Open" is offered only for types a viewer shows (`mail_html.SAFE_TO_OPEN`)
and goes through a private copy (a new 0700 directory, the file 0400, a cleaned name) that the
system's viewer opens; every other type can only be saved where the agent chooses.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from websight_desk.i18n import _
from websight_desk.services.desk import Desk
from websight_desk.sync.mail_states import AttachmentInfo
from websight_desk.ui.context import UiContext
from websight_desk.ui.errors import report
from websight_desk.ui.ticket.mail_html import can_open

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_TEMP_DIRS: list[Path] = []


def safe_filename(name: str) -> str:
    """A name that is only a name: no directories, control or reserved characters."""
    base = _UNSAFE.sub("_", name.replace("\\", "/").rpartition("/")[2]).strip(" .")
    if not base:
        return "attachment"
    stem, dot, ext = base.rpartition(".")
    if dot and len(base) > 120:
        return stem[: 119 - len(ext)] + "." + ext[:16]
    return base[:120]


def private_copy(filename: str, data: bytes) -> Path:
    """Write `data` to a new private directory; the copy is read-only and removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="websight-desk-"))
    folder.chmod(0o700)
    _TEMP_DIRS.append(folder)
    path = folder / safe_filename(filename)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(data)
    path.chmod(0o400)
    return path


@atexit.register
def _remove_copies() -> None:
    for folder in _TEMP_DIRS:
        for copy in folder.glob("*"):
            with contextlib.suppress(OSError):
                copy.chmod(0o600)  # Windows will not delete a read-only file
        shutil.rmtree(folder, ignore_errors=True)


def download_job(desk: Desk, attachment_id: str) -> Callable[[], bytes]:
    from websight_desk.sync.engine import client_for  # (the HTTP client: not at start-up)

    def job() -> bytes:
        with client_for(desk, retries=1) as client:
            return client.attachment(attachment_id)

    return job


def _view(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _ask_path(parent: QWidget, suggested: str) -> str | None:
    path, _filter = QFileDialog.getSaveFileName(parent, _("Save attachment"), suggested)
    return path or None


class AttachmentActions:
    """Open / Save of the thread's attachment links; `viewer` and `ask_path` are for tests."""

    def __init__(
        self,
        ctx: UiContext,
        parent: QWidget,
        *,
        viewer: Callable[[Path], None] = _view,
        ask_path: Callable[[QWidget, str], str | None] = _ask_path,
    ) -> None:
        self.ctx = ctx
        self.parent = parent
        self.viewer = viewer
        self.ask_path = ask_path

    def open(self, att: AttachmentInfo) -> None:
        if not can_open(att):  # the link is not offered; a crafted one opens nothing
            self.ctx.events.statusMessage.emit(
                _("{name} can only be saved, not opened here.").format(name=att.filename)
            )
            return

        def opened(data: bytes) -> None:
            self.viewer(private_copy(att.filename, data))
            self.ctx.events.statusMessage.emit(_("Opened {name}").format(name=att.filename))

        self._download(att, opened)

    def save(self, att: AttachmentInfo) -> None:
        target = self.ask_path(self.parent, safe_filename(att.filename))
        if target is None:
            return

        def saved(data: bytes) -> None:
            Path(target).write_bytes(data)
            self.ctx.events.statusMessage.emit(_("Saved {path}").format(path=target))

        self._download(att, saved)

    def _download(self, att: AttachmentInfo, done: Callable[[bytes], None]) -> None:
        def failed(exc: BaseException) -> None:
            report(exc, self.parent)

        self.ctx.runner.run(download_job(self.ctx.desk, att.id), done, failed)


__all__ = ["AttachmentActions", "private_copy", "safe_filename"]
