"""`websight-desk-server serve` says where it listens (the line operators and the end-to-end
fixture read); the stop itself is tested against a real process in
tests/e2e/server/test_http_hardening.py (exit 0, no ERROR, long-polls answered)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
import uvicorn

from websight_desk.server.serve import DeskServer


async def _app(scope: Any, receive: Any, send: Any) -> None:  # pragma: no cover - not served
    raise AssertionError("not called")


@pytest.mark.parametrize(
    ("host", "port", "wanted"),
    [
        ("127.0.0.1", 8765, "http://127.0.0.1:8765"),
        ("::1", 9000, "http://[::1]:9000"),
        ("", 8765, "http://0.0.0.0:8765"),
    ],
)
def test_address(host: str, port: int, wanted: str) -> None:
    server = DeskServer(uvicorn.Config(_app, host=host, port=port), on_stop=lambda: None)
    server.servers = [type("S", (), {"sockets": []})()]  # no socket bound: the configured port
    assert server.address() == wanted


def test_start_prints_the_listening_line_and_stop_wakes_the_app(
    capsys: pytest.CaptureFixture[str],
) -> None:
    stopped: list[bool] = []
    config = uvicorn.Config(_app, host="127.0.0.1", port=0, log_level="warning")
    server = DeskServer(config, on_stop=lambda: stopped.append(True))

    async def run() -> None:
        config.load()
        server.lifespan = config.lifespan_class(config)
        await server.startup()
        await server.shutdown()

    asyncio.run(run())
    line = capsys.readouterr().out.strip()
    assert line.startswith("listening on http://127.0.0.1:")
    assert int(line.rsplit(":", 1)[1]) > 0  # the port the system gave
    assert stopped == [True]
