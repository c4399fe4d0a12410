"""`websight-desk db upgrade`: create or upgrade the workspace database (after a backup)."""

from __future__ import annotations

import argparse
from typing import Any

from websight_desk.cli.common import add_workspace_option, open_from_args
from websight_desk.storage import migrate


def register(sub: Any) -> None:
    parser: argparse.ArgumentParser = sub.add_parser(
        "db", help="database maintenance", description="Database maintenance."
    )
    actions = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    upgrade = actions.add_parser(
        "upgrade", help="upgrade the database to this version's schema", description=__doc__
    )
    add_workspace_option(upgrade)
    upgrade.set_defaults(func=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    desk = open_from_args(args, with_triage=False)  # opening upgrades, after a backup
    try:
        with desk.db.read() as conn:
            revision = migrate.current_revision(conn)
    finally:
        desk.close()
    print(f"{desk.paths.database}: schema at {revision}")
    return 0
