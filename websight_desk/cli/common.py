"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
from pathlib import Path

from websight_desk.services.desk import Desk, open_desk
from websight_desk.settings import resolve_workspace


def workspace_dir(args: argparse.Namespace) -> Path:
    return resolve_workspace(getattr(args, "workspace", None))


def open_from_args(args: argparse.Namespace, *, with_triage: bool = True) -> Desk:
    return open_desk(workspace_dir(args), with_triage=with_triage)
