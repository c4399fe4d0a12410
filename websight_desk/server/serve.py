"""Run the app under uvicorn: say where it listens, stop cleanly on Ctrl+C or SIGTERM.

Clean means: long-polls (up to a minute) answer at once when the stop begins, so uvicorn never
has to cancel them (it logs that as an ERROR), and the process exits 0 after a requested stop.
"""

from __future__ import annotations

import signal
import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

import uvicorn
from starlette.types import ASGIApp

from websight_desk.domain.errors import EnvironmentProblem

GRACEFUL_SHUTDOWN_S = 10  # a push in flight finishes; long-polls are woken at once


class DeskServer(uvicorn.Server):
    """uvicorn's server, telling the app when a stop begins and printing where it listens."""

    def __init__(self, config: uvicorn.Config, on_stop: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_stop = on_stop

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets)
        if self.started and self.servers:
            print(f"listening on {self.address()}", flush=True)

    def address(self) -> str:
        server_sockets = self.servers[0].sockets
        port = server_sockets[0].getsockname()[1] if server_sockets else self.config.port
        host = self.config.host or "0.0.0.0"
        if ":" in host:
            host = f"[{host}]"
        scheme = "https" if self.config.is_ssl else "http"
        return f"{scheme}://{host}:{port}"

    async def shutdown(self, sockets: list[socket.socket] | None = None) -> None:
        self._on_stop()
        await super().shutdown(sockets)


@contextmanager
def _stop_signals_end_quietly(server: DeskServer) -> Iterator[None]:
    """After a graceful stop uvicorn raises the stop signal again; take it as done, exit 0.

    Installed before uvicorn's own handlers, so a signal that comes during start-up asks for
    a stop too, instead of being lost or killing the process mid-write.
    """

    def stop(_sig: int, _frame: FrameType | None) -> None:
        server.should_exit = True

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def make_config(
    app: ASGIApp,
    *,
    host: str,
    port: int,
    certfile: str | None,
    keyfile: str | None,
    log_level: str,
) -> uvicorn.Config:
    """uvicorn's settings, loaded now so that a bad certificate or key is a clear message."""
    if bool(certfile) != bool(keyfile):
        raise EnvironmentProblem("Give both --certfile and --keyfile for HTTPS, or neither.")
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        log_level=log_level,
        timeout_graceful_shutdown=GRACEFUL_SHUTDOWN_S,
        access_log=log_level == "debug",
    )
    try:
        config.load()
    except OSError as exc:  # ssl.SSLError included
        raise EnvironmentProblem(
            f"The TLS certificate or key cannot be used: {exc}.",
            hint="Give a PEM certificate with --certfile and its private key with --keyfile.",
        ) from exc
    return config


def run(config: uvicorn.Config, on_stop: Callable[[], None]) -> None:
    """Serve until SIGINT/SIGTERM; `on_stop` runs in the event loop when the stop begins."""
    server = DeskServer(config, on_stop)
    with _stop_signals_end_quietly(server):
        server.run()
