"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from websight_desk.services.desk import Desk, open_desk
from websight_desk.settings import resolve_workspace


def add_workspace_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workspace",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="data directory (default: $WEBSIGHT_DESK_HOME or the user data directory)",
    )


def workspace_dir(args: argparse.Namespace) -> Path:
    return resolve_workspace(getattr(args, "workspace", None))


def open_from_args(args: argparse.Namespace, *, with_triage: bool = True) -> Desk:
    return open_desk(workspace_dir(args), with_triage=with_triage)
