"""`websight-desk demo`: create the workspace if needed and add seeded demo tickets to it."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from websight_desk.cli.common import add_workspace_option, open_from_args

DEFAULT_TICKETS = 300


def _positive(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError("must be 0 or more")
    return value


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "demo",
        help="add demo tickets, customers and messages to a workspace",
        description="Create the workspace if needed and ADD seeded demo data: customers, "
        "services, tickets and their messages (Turkish, English, quoted mail, abusive and "
        "unclear messages...). Running it again adds more, with new numbers.",
    )
    add_workspace_option(parser)
    parser.add_argument(
        "--tickets",
        type=_positive,
        default=DEFAULT_TICKETS,
        metavar="N",
        help=f"how many tickets to add (default {DEFAULT_TICKETS})",
    )
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.add_argument(
        "--if-empty",
        action="store_true",
        help="add only if the workspace has no tickets yet (used by `make run`)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from websight_desk.demo.run import add_demo_data, workspace_has_tickets

    desk = open_from_args(args)
    try:
        if args.if_empty and workspace_has_tickets(desk):
            print(f"{desk.paths.root}: already has tickets; nothing added.")
            return 0
        interactive = sys.stderr.isatty()

        def progress(done: int, total: int) -> None:
            if interactive:
                print(f"\r{done}/{total} tickets", end="", file=sys.stderr, flush=True)

        summary = add_demo_data(desk, args.tickets, args.seed, progress)
        if interactive:
            print(file=sys.stderr)
    finally:
        desk.close()
    print(f"{desk.paths.root}: {summary.line()}")
    return 0
