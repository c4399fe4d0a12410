"""Start server processes from a fork server that has already imported the server.

A fresh interpreter importing FastAPI, SQLAlchemy, Alembic and the server costs about a
second of CPU; the end-to-end tests start some hundred servers. multiprocessing's fork server
imports them once (a clean, single-threaded process — never a fork of the test process with its
Qt and database threads) and forks a ready child for each server: still a real process that a
test can SIGKILL, with its own stdout/stderr file and the environment of the moment of start.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from multiprocessing.process import BaseProcess
from pathlib import Path

PRELOAD = [
    "websight_desk.server.cli",
    "websight_desk.server.app",
    "websight_desk.server.serve",
    "websight_desk.server.retention",
    "websight_desk.server.mail.workers",
    "uvicorn",
]

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(PRELOAD)


def _serve(argv: list[str], log_path: str, environ: dict[str, str]) -> None:
    """In the child: the test's environment, output to the log file, then the server's main."""
    os.environ.clear()
    os.environ.update(environ)
    fd = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    sys.stdout.flush()
    sys.stderr.flush()
    os.dup2(fd, 1)
    os.dup2(fd, 2)
    os.close(fd)
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)
    from websight_desk.server.cli import main

    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


class ServerChild:
    """The few `subprocess.Popen` methods the tests use, over a fork-server child."""

    def __init__(self, process: BaseProcess) -> None:
        self._process = process

    @property
    def pid(self) -> int:
        assert self._process.pid is not None
        return self._process.pid

    def poll(self) -> int | None:
        return self._process.exitcode

    def send_signal(self, sig: int) -> None:
        if self._process.exitcode is None:
            os.kill(self.pid, sig)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def wait(self, timeout: float | None = None) -> int:
        self._process.join(timeout)
        code = self._process.exitcode
        if code is None:
            raise TimeoutError(f"server process {self.pid} still running after {timeout} s")
        return code


def spawn_server(argv: list[str], log_path: Path) -> ServerChild:
    """`websight-desk-server ARGV` in a child of the fork server."""
    log_path.touch(mode=0o600)  # there even if the child fails before it opens it
    process = _context.Process(
        target=_serve, args=(list(argv), str(log_path), dict(os.environ)), daemon=False
    )
    process.start()
    return ServerChild(process)
