"""`websight-desk`: opens the app with no arguments; subcommands run headless jobs."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence

from websight_desk import __version__
from websight_desk.cli import audit, connect, db, demo, kvkk, stats, sync, triage
from websight_desk.cli.common import add_workspace_option
from websight_desk.domain.errors import EnvironmentProblem

# Each module has `register(subparsers)` that adds its parser with `set_defaults(func=...)`;
# `func(args) -> int` returns the exit status. Listed in help order.
SUBCOMMANDS = (demo, db, stats, triage, sync, connect, audit, kvkk)

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="websight-desk",
        description="Websight Desk: offline-first support desk. "
        "Without a subcommand it opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    add_workspace_option(parser)
    parser.add_argument("--lang", choices=("tr", "en"), help="user-interface language")
    parser.add_argument(
        "--screenshot",
        metavar="PATH",
        help="render the main window offscreen to a PNG and exit",
    )
    parser.add_argument("--ticket", metavar="NUMBER", type=int, help="ticket to open")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in SUBCOMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from websight_desk.ui.app import run_gui

        return run_gui(args)
    try:
        return int(args.func(args))
    except EnvironmentProblem as exc:
        print(f"websight-desk: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
